"""gridcore-maps: map images and markers (地图标注), distribution maps and the house-state chart (居民房态图).

Importing this package costs nothing: the plugin's identity and hooks are in :mod:`.plugin`, the use
cases in :mod:`.markers`, :mod:`.distribution` and :mod:`.house_state`, the commands in :mod:`.cli`.
"""

from __future__ import annotations

__version__ = "0.1.0"
