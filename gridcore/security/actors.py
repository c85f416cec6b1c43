"""The acting operator of a session: who, which group, the permissions held and the region scope.

Everything is a snapshot taken at login (R-Q04, domain.md §7.12): a change to the group's permissions
or the operator's scope applies from the next login, never in the middle of a session.
"""

from __future__ import annotations

import getpass
import socket

import attrs


@attrs.frozen(kw_only=True)
class OperatorActor:
    """An operator after login. ``scope`` is the id of the region whose subtree bounds them (``None``: all)."""

    login: str
    operator_id: int
    name: str = ""
    group: str = ""
    permissions: frozenset[str] = frozenset()
    scope: int | None = None
    terminal: str = ""
    session_id: int | None = None

    def can(self, permission: str) -> bool:
        return permission in self.permissions


def cli_terminal() -> str:
    """Where a command-line operation comes from: the OS account and the host (the "terminal" of L1)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return f"cli:{user}@{socket.gethostname()}"
