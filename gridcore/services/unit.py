"""The unit of work every service runs in: one transaction, the acting operator, events and warnings.

Services are plain functions that take a :class:`UnitOfWork` first. Writes go through
:meth:`UnitOfWork.write`, which runs the ``entity_write`` hook wrappers of every plugin inside the
transaction, holds the record to the actor's region scope and records the change (before and after
values) in the audit log; the events it records are sent to ``on_event`` only after the commit.

The audit records of a write unit are appended just before it commits, in the same transaction: if
they cannot be written, nothing is (fail-closed). A read unit writes its audit records (exports, views
of unmasked personal data) in a transaction of their own, at once.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, Protocol, TypeVar

import attrs
from sqlalchemy.exc import IntegrityError

from gridcore.contributions import Event
from gridcore.errors import ConflictError, PermissionDeniedError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.app import GridApp
    from gridcore.security.audit import AuditEntry

P = ParamSpec("P")
R = TypeVar("R")


class Actor(Protocol):
    """Who performs an operation: an operator (after login) or the system itself.

    An actor may also have ``scope``, the id of the region whose subtree bounds what it may see and
    change (absent or ``None``: everything), and ``terminal``, where the operation comes from (for the
    audit log); read them through :attr:`UnitOfWork.scope` and :attr:`UnitOfWork.terminal`.
    """

    @property
    def login(self) -> str: ...

    def can(self, permission: str) -> bool: ...


@attrs.frozen
class SystemActor:
    """The system acting on its own behalf (``gridcore init``, the demo, tests of the domain)."""

    login: str = "system"
    scope: int | None = None
    terminal: str = "system"

    def can(self, permission: str) -> bool:
        return True


SYSTEM = SystemActor()


class UnitOfWork:
    """One transaction of one actor: the session, the events to send after commit, the warnings."""

    def __init__(self, app: GridApp, session: Session, actor: Actor, *, read_only: bool = False) -> None:
        self.app = app
        self.session = session
        self.actor = actor
        self.read_only = read_only
        self.events: list[Event] = []
        self.warnings: list[str] = []
        self.cache: dict[str, Any] = {}
        self.audit_entries: list[AuditEntry] = []
        #: Labels of sensitive fields shown unmasked in this unit, with how many values (audited once).
        self.unmasked: dict[str, int] = {}
        if not read_only:
            from gridcore.services.audit import track_changes

            track_changes(self)

    def require(self, permission: str) -> None:
        if not self.actor.can(permission):
            raise PermissionDeniedError(f"操作员 {self.actor.login} 没有权限「{permission}」")

    @property
    def scope(self) -> int | None:
        """The id of the region whose subtree bounds the actor (``None``: no limit)."""
        found: int | None = getattr(self.actor, "scope", None)
        return found

    @property
    def terminal(self) -> str:
        return str(getattr(self.actor, "terminal", "") or "")

    @property
    def is_system(self) -> bool:
        """Whether the system acts on its own behalf (no person: views are not audited)."""
        return isinstance(self.actor, SystemActor)

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def write(
        self, entity: str, action: str, record: Any, key: str = "", perform: Callable[[], Any] | None = None
    ) -> Any:
        """Create, update or delete ``record`` through the plugins' ``entity_write`` wrappers.

        The record must lie inside the actor's region scope (before a delete, after a create or an
        update); the change is indexed for search and recorded in the audit log with its before and
        after values.
        """

        def default() -> Any:
            if action == "create":
                self.session.add(record)
            elif action == "delete":
                self.session.delete(record)
            return record

        from gridcore.services import audit, scope

        declared = self.app.registry.entities.get(entity)
        before = audit.values_before(self, record, action)
        if declared is not None and action == "delete":
            scope.require_record(self, declared, record)
        try:
            result = self.app.plugins.entity_write(self.app, self.session, entity, action, record, perform or default)
            if declared is not None:
                from gridcore.search.index import index_record

                if action != "delete":
                    scope.require_record(self, declared, record)
                index_record(self.session, declared, record, action)
            if action == "delete":
                self.session.flush()  # a record still referenced is refused here, naming itself
        except IntegrityError:
            if action != "delete":
                raise
            title = declared.title if declared is not None else entity
            raise ConflictError(
                f"{title} {key or '#' + str(getattr(record, 'id', ''))} 仍被其他记录引用, 不能删除: "
                "请先删除或修改引用它的记录"
            ) from None
        audit.record_change(self, entity, action, record, key, before)
        self.events.append(Event(type=f"{entity}.{action}", entity=entity, key=key, action=action))
        return result


@contextlib.contextmanager
def unit_of_work(app: GridApp, actor: Actor = SYSTEM) -> Iterator[UnitOfWork]:
    """Run services in one transaction; notify ``on_event`` after it commits."""
    from gridcore.services.audit import flush

    with app.db.session() as session:
        uow = UnitOfWork(app, session, actor)
        yield uow
        flush(uow)  # in the transaction: a failing audit write rolls the whole unit back
    for event in uow.events:
        app.plugins.notify(app, event)


@contextlib.contextmanager
def read_unit(app: GridApp, actor: Actor = SYSTEM) -> Iterator[UnitOfWork]:
    """Run reading services without a write transaction (never takes SQLite's write lock)."""
    from gridcore.services.audit import flush

    with app.db.read_session() as session:
        uow = UnitOfWork(app, session, actor, read_only=True)
        yield uow
        flush(uow)


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
                entity = str(kwargs.get("entity_id", args[0] if args else ""))
                if entity not in uow.app.registry.entities:
                    from gridcore.services.query import entity as find_entity

                    find_entity(uow, entity)  # an unknown entity is "not found", whoever asks
                uow.require(permission.format(entity=entity))
            else:
                uow.require(permission)
            return func(uow, *args, **kwargs)

        checked.permission = permission  # type: ignore[attr-defined]
        OPERATIONS[f"{func.__module__}.{func.__qualname__}"] = permission
        return checked

    return decorate
