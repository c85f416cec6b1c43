"""gridcore-camera: photos in the manual's sense (照片): where they live, how they are named, how they are
captured and standardised.

Importing this package costs nothing: the plugin's identity and hooks are in :mod:`.plugin`; image work
in :mod:`.images`, :mod:`.standardize`, :mod:`.batch`, :mod:`.faces` and :mod:`.capture`; the photo
store in :mod:`.store` and :mod:`.naming`; the use cases in :mod:`.photos`; the commands in :mod:`.cli`.
"""

from __future__ import annotations

__version__ = "0.1.0"
