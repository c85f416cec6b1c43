"""gridcore-notebook: 民情日记, a note register for grid workers (and the plugin template).

Importing this package costs nothing: the plugin's identity and hooks are in :mod:`.plugin`, the
table in :mod:`.models`, the use cases in :mod:`.entries`, the commands in :mod:`.cli`.
"""

from __future__ import annotations

__version__ = "0.1.0"
