"""What a plugin gives the web face: pages, and the permission each view declares.

Deny by default (security.md C1): every view function declares the permission it needs with
:func:`requires`; a view that declares nothing is refused (403), and the application refuses to start
when one is registered. Three kinds of declaration:

- a permission code such as ``"premises.view"``; ``{entity}`` is filled in from the URL's ``entity``
  argument (``"{entity}.view"``);
- :data:`LOGGED_IN`: any operator who is logged in (the home page, changing one's password);
- :data:`PUBLIC`: no login (the login page, the static files).

A plugin adds pages through the ``register_pages`` hook (:mod:`gridcore_web.hookspecs`)::

    from flask import Blueprint
    from gridcore_web.pages import Page, requires
    from gridcore_web.context import render_page

    blueprint = Blueprint("premises_map", __name__, url_prefix="/premises-map", template_folder="templates")


    @requires("premises.view")
    @blueprint.get("/")
    def index() -> str:
        return render_page("premises_map.html", title="营业场所分布图")


    @hookimpl
    def register_pages() -> Sequence[Page]:
        return (Page(id="premises.map", title="营业场所分布图", blueprint=blueprint, menu="premises.map"),)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

#: No login needed (login page, static files).
PUBLIC = "(public)"
#: Any logged-in operator.
LOGGED_IN = "(login)"
#: The attribute a view's declaration is kept in.
ATTRIBUTE = "gridcore_permission"

F = TypeVar("F", bound=Callable[..., Any])


def requires(permission: str) -> Callable[[F], F]:
    """Declare the permission a view needs (above or below the route decorator)."""
    if not permission.strip():
        raise ValueError("a view's permission cannot be empty")

    def mark(view: F) -> F:
        setattr(view, ATTRIBUTE, permission)
        return view

    return mark


def declared(view: object) -> str | None:
    """The permission ``view`` declares, if any."""
    found = getattr(view, ATTRIBUTE, None)
    return str(found) if found is not None else None


@attrs.frozen(kw_only=True)
class Page:
    """A page (or a group of pages) a plugin adds to the web face.

    ``blueprint`` is a :class:`flask.Blueprint` whose views each declare a permission; ``menu`` is the
    id of a registered menu (``register_menus``) that opens ``endpoint`` (by default the blueprint's
    ``index`` view). A menu that no page claims and that names an entity opens the generic list of that
    entity.
    """

    id: str
    title: str
    blueprint: Any
    menu: str | None = None
    endpoint: str | None = None

    @property
    def target(self) -> str:
        """The endpoint the page's menu opens."""
        return self.endpoint or f"{self.blueprint.name}.index"
