"""gridcore-orgs: organizations (组织机构), their org chart (组织机构图) and regulations (规章制度).

Importing this package costs nothing: the plugin's identity and hooks are in :mod:`.plugin`. Other
plugins draw charts through the public :mod:`gridcore_orgs.chart` (the party plugin does).
"""

from __future__ import annotations

__version__ = "0.1.0"
