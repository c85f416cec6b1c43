"""Running services in tests: one call, one transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from gridcore.services.unit import UnitOfWork, unit_of_work

if TYPE_CHECKING:
    from gridcore.app import GridApp

P = ParamSpec("P")
R = TypeVar("R")


def run_service(app: GridApp, service: Callable[Concatenate[UnitOfWork, P], R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Call ``service(uow, *args, **kwargs)`` in its own committed unit of work and return its result."""
    with unit_of_work(app) as uow:
        return service(uow, *args, **kwargs)


def in_unit(app: GridApp, body: Callable[[UnitOfWork], R]) -> tuple[R, list[str]]:
    """Run ``body(uow)`` in one unit of work; return its result and the warnings it raised."""
    with unit_of_work(app) as uow:
        result = body(uow)
    return result, uow.warnings
