"""The menu tree of an operator: ``register_menus`` filtered by permission, each item linked to its page.

An item is shown when the operator holds its permission (or it needs none) and it opens something: a
page that claims it (``Page.menu``), the generic list of its entity, or visible children. The pages
check the same permissions themselves, so a hidden item is refused by URL too (:mod:`gridcore_web.guard`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import attrs

from gridcore import Menu
from gridcore_web.pages import Page


@attrs.frozen(kw_only=True)
class MenuNode:
    id: str
    title: str
    url: str | None
    children: tuple[MenuNode, ...] = ()


def menu_targets(menus: Mapping[str, Menu], pages: Sequence[Page]) -> dict[str, tuple[str, dict[str, str]]]:
    """For each menu that opens something: the endpoint and its arguments."""
    targets: dict[str, tuple[str, dict[str, str]]] = {}
    for menu in menus.values():
        if menu.entity:
            targets[menu.id] = ("entities.index", {"entity": menu.entity})
    for page in pages:
        if page.menu:
            targets[page.menu] = (page.target, {})
    return targets


def build_tree(
    menus: Mapping[str, Menu],
    *,
    can: Callable[[str], bool],
    url_of: Callable[[str], str | None],
) -> list[MenuNode]:
    """The visible tree, siblings in (order, id) order."""
    children: dict[str | None, list[Menu]] = {}
    for menu in menus.values():
        children.setdefault(menu.parent, []).append(menu)

    def node(menu: Menu) -> MenuNode | None:
        if menu.permission is not None and not can(menu.permission):
            return None
        kids = tuple(found for child in ordered(menu.id) if (found := node(child)) is not None)
        url = url_of(menu.id)
        if url is None and not kids:
            return None
        return MenuNode(id=menu.id, title=menu.title, url=url, children=kids)

    def ordered(parent: str | None) -> list[Menu]:
        return sorted(children.get(parent, []), key=lambda m: (m.order, m.id))

    return [found for menu in ordered(None) if (found := node(menu)) is not None]
