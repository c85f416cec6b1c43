"""The hook gridcore-web declares for other plugins: ``register_pages``.

A plugin that adds pages to the web face implements it and names ``"web"`` in its
``PluginInfo.requires``; it needs no change to gridcore-web.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from gridcore import hookspec

if TYPE_CHECKING:
    from gridcore import GridApp
    from gridcore_web.pages import Page


class WebHooks:
    """Hook specifications added through ``add_hookspecs``."""

    @staticmethod
    @hookspec
    def register_pages(app: GridApp) -> Sequence[Page]:
        """Contribute pages: each a Flask blueprint whose every view declares its permission.

        Called once when the web application is built (``gridcore serve``, tests). Import Flask and
        the views inside the implementation, so that loading the plugin stays light::

            @hookimpl
            def register_pages() -> Sequence[Page]:
                from gridcore_maps.web import blueprint

                return (Page(id="maps.map", title="地图", blueprint=blueprint, menu="maps.map"),)

        :param app: the started application.
        """
        raise NotImplementedError
