"""What every view (the web's own and plugins') uses: the application, the operator, units of work, rendering.

Views hold no business rule: they read the request, call services inside :func:`reading` or
:func:`writing`, and render. The unit's warnings are shown to the operator on the next page
(:func:`flash`).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from flask import current_app, g, render_template

from gridcore.services.unit import UnitOfWork, read_unit, unit_of_work
from gridcore_web.uploads import UploadStore

if TYPE_CHECKING:
    from gridcore import GridApp
    from gridcore.security.actors import OperatorActor

EXTENSION = "gridcore"
_FLASH = "gridcore_web.flash"
_UPLOADS = "gridcore_web.uploads"


def grid_app() -> GridApp:
    """The started :class:`gridcore.GridApp` the web application serves."""
    app: GridApp = current_app.extensions[EXTENSION]
    return app


def current_actor() -> OperatorActor:
    """The logged-in operator of this request (views that are not public only)."""
    actor: OperatorActor = g.actor
    return actor


def actor_or_none() -> OperatorActor | None:
    found: OperatorActor | None = g.get("actor")
    return found


@contextlib.contextmanager
def reading() -> Iterator[UnitOfWork]:
    """A read-only unit of work of the current operator (never takes the write lock)."""
    with read_unit(grid_app(), current_actor()) as uow:
        yield uow
    for warning in uow.warnings:
        flash(warning, "warning")


@contextlib.contextmanager
def writing() -> Iterator[UnitOfWork]:
    """One committed unit of work of the current operator; its warnings are flashed after the commit."""
    with unit_of_work(grid_app(), current_actor()) as uow:
        yield uow
    for warning in uow.warnings:
        flash(warning, "warning")


# --------------------------------------------------------------------------- messages


class FlashStore:
    """Messages for the next page of a session, kept in memory (one server process serves the edition)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._messages: dict[int, list[tuple[str, str]]] = {}

    def add(self, session: int, text: str, kind: str) -> None:
        with self._lock:
            self._messages.setdefault(session, []).append((kind, text))

    def take(self, session: int) -> list[tuple[str, str]]:
        with self._lock:
            return self._messages.pop(session, [])


def _store() -> FlashStore:
    store: FlashStore = current_app.extensions[_FLASH]
    return store


def flash(text: str, kind: str = "info") -> None:
    """Show ``text`` on the next page this operator sees (``kind``: info, success, warning, error)."""
    actor = actor_or_none()
    if actor is not None and actor.session_id is not None:
        _store().add(actor.session_id, " ".join(text.split()), kind)
    else:
        g.setdefault("messages", []).append((kind, text))


def take_messages() -> list[tuple[str, str]]:
    actor = actor_or_none()
    pending: list[tuple[str, str]] = list(g.pop("messages", []))
    if actor is not None and actor.session_id is not None:
        pending = _store().take(actor.session_id) + pending
    return pending


def render_page(template: str, **context: Any) -> str:
    """Render ``template`` (which extends ``web/layout.html``) with the menus, branding and messages."""
    return render_template(template, **context)


def uploads() -> UploadStore:
    store: UploadStore = current_app.extensions[_UPLOADS]
    return store


def install(web: Any, app: GridApp) -> None:
    web.extensions[EXTENSION] = app
    web.extensions[_FLASH] = FlashStore()
    web.extensions[_UPLOADS] = UploadStore()
