"""The maps plugin's pages in gridcore-web (地图标注, 住户居民分布图, 营业场所分布图, 居民房态图), added
through its ``register_pages`` hook.

Imported only when gridcore-web builds its application: this package is the only part of the plugin
that imports Flask or gridcore-web, and then only gridcore-web's public API (``pages``, ``context``).
"""

from __future__ import annotations

from collections.abc import Sequence

from gridcore_web.pages import Page


def pages() -> Sequence[Page]:
    from gridcore_maps.web import distribution_views  # noqa: F401  (its views attach to the blueprint)
    from gridcore_maps.web.views import blueprint

    return (
        Page(id="maps.annotate", title="地图标注", blueprint=blueprint, menu="maps.annotate"),
        Page(
            id="maps.households",
            title="住户居民分布图",
            blueprint=blueprint,
            menu="maps.households",
            endpoint=f"{blueprint.name}.households_index",
        ),
        Page(
            id="maps.premises",
            title="营业场所分布图",
            blueprint=blueprint,
            menu="maps.premises",
            endpoint=f"{blueprint.name}.premises_index",
        ),
        Page(
            id="maps.house_state",
            title="居民房态图",
            blueprint=blueprint,
            menu="maps.house_state",
            endpoint=f"{blueprint.name}.house_state_index",
        ),
    )
