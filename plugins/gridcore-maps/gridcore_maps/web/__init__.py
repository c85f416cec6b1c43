"""The maps plugin's pages in gridcore-web (地图标注, 居民房态图), added through its ``register_pages`` hook.

Imported only when gridcore-web builds its application: this package is the only part of the plugin
that imports Flask or gridcore-web, and then only gridcore-web's public API (``pages``, ``context``).
"""

from __future__ import annotations

from collections.abc import Sequence

from gridcore_web.pages import Page


def pages() -> Sequence[Page]:
    from gridcore_maps.web.views import blueprint

    return (
        Page(id="maps.annotate", title="地图标注", blueprint=blueprint, menu="maps.annotate"),
        Page(
            id="maps.house_state",
            title="居民房态图",
            blueprint=blueprint,
            menu="maps.house_state",
            endpoint=f"{blueprint.name}.house_state_index",
        ),
    )
