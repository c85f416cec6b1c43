"""The unit of work every service runs in: one transaction, the acting operator, events and warnings.

Services are plain functions that take a :class:`UnitOfWork` first. Writes go through
:meth:`UnitOfWork.write`, which runs the ``entity_write`` hook wrappers of every plugin inside the
transaction; the events it records are sent to ``on_event`` only after the commit.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol, TypeVar

import attrs

from gridcore.contributions import Event
from gridcore.errors import PermissionDeniedError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.app import GridApp

P = ParamSpec("P")
R = TypeVar("R")


class Actor(Protocol):
    """Who performs an operation: an operator (after login) or the system itself."""

    @property
    def login(self) -> str: ...

    def can(self, permission: str) -> bool: ...


@attrs.frozen
class SystemActor:
    """The system acting on its own behalf (``gridcore init``, the demo, tests of the domain)."""

    login: str = "system"

    def can(self, permission: str) -> bool:
        return True


SYSTEM = SystemActor()


class UnitOfWork:
    """One transaction of one actor: the session, the events to send after commit, the warnings."""

    def __init__(self, app: GridApp, session: Session, actor: Actor) -> None:
        self.app = app
        self.session = session
        self.actor = actor
        self.events: list[Event] = []
        self.warnings: list[str] = []
        self.cache: dict[str, Any] = {}

    def require(self, permission: str) -> None:
        if not self.actor.can(permission):
            raise PermissionDeniedError(f"操作员 {self.actor.login} 没有权限「{permission}」")

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def write(
        self, entity: str, action: str, record: Any, key: str = "", perform: Callable[[], Any] | None = None
    ) -> Any:
        """Create, update or delete ``record`` through the plugins' ``entity_write`` wrappers."""

        def default() -> Any:
            if action == "create":
                self.session.add(record)
            elif action == "delete":
                self.session.delete(record)
            return record

        result = self.app.plugins.entity_write(self.app, self.session, entity, action, record, perform or default)
        declared = self.app.registry.entities.get(entity)
        if declared is not None:
            from gridcore.search.index import index_record

            index_record(self.session, declared, record, action)
        self.events.append(Event(type=f"{entity}.{action}", entity=entity, key=key, action=action))
        return result


@contextlib.contextmanager
def unit_of_work(app: GridApp, actor: Actor = SYSTEM) -> Iterator[UnitOfWork]:
    """Run services in one transaction; notify ``on_event`` after it commits."""
    with app.db.session() as session:
        uow = UnitOfWork(app, session, actor)
        yield uow
    for event in uow.events:
        app.plugins.notify(app, event)


@contextlib.contextmanager
def read_unit(app: GridApp, actor: Actor = SYSTEM) -> Iterator[UnitOfWork]:
    """Run reading services without a write transaction (never takes SQLite's write lock)."""
    with app.db.read_session() as session:
        yield UnitOfWork(app, session, actor)


OPERATIONS: dict[str, str] = {}


def operation(
    permission: str,
) -> Callable[[Callable[Concatenate[UnitOfWork, P], R]], Callable[Concatenate[UnitOfWork, P], R]]:
    """Declare the permission a service operation needs; it is checked before the operation runs.

    A generic operation over any entity writes ``"{entity}.view"``: the entity id is its first argument
    (or ``entity_id=``).
    """

    def decorate(func: Callable[Concatenate[UnitOfWork, P], R]) -> Callable[Concatenate[UnitOfWork, P], R]:
        @functools.wraps(func)
        def checked(uow: UnitOfWork, /, *args: P.args, **kwargs: P.kwargs) -> R:
            if "{entity}" in permission:
                entity = kwargs.get("entity_id", args[0] if args else "")
                uow.require(permission.format(entity=entity))
            else:
                uow.require(permission)
            return func(uow, *args, **kwargs)

        checked.permission = permission  # type: ignore[attr-defined]
        OPERATIONS[f"{func.__module__}.{func.__qualname__}"] = permission
        return checked

    return decorate
