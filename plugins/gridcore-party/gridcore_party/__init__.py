"""gridcore-party: 党建管理, the party organization tree, party members, activities and their photos.

Requires gridcore-orgs, whose public chart renderer (:mod:`gridcore_orgs.chart`) draws the party's
organization chart. Importing this package costs nothing: the hooks are in :mod:`.plugin`.
"""

from __future__ import annotations

__version__ = "0.1.0"
