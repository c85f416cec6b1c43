"""gridcore-assets: 大宗财产, the large assets (vehicles, computers ...) of residents.

Importing this package costs nothing: the identity and hooks are in :mod:`.plugin`, the table in
:mod:`.models`, the rules in :mod:`.rules` and :mod:`.vehicles`, the statistic in :mod:`.stats`, the
commands in :mod:`.cli`.
"""

from __future__ import annotations

__version__ = "0.1.0"
