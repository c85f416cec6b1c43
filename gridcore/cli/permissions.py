"""Which permission each command needs (C1, deny by default), declared next to the command.

A command declares it with :func:`requires` (above the click decorator); ``{entity}`` in it is filled
in from the command's ``ENTITY`` argument (``gridcore query resident`` needs ``resident.view``). A
subcommand that declares nothing inherits the permission of its registered ``Command``; a command with
neither is refused. The root group guards every command it loads (:func:`guard`): before the command
runs, the operator is resolved (login required) and the permission checked; a refusal is audited.

The allow-list (no login needed, :data:`PUBLIC`): ``version``, ``init`` (creates the database and the
first administrator), ``login``, ``logout`` and ``passwd`` (they authenticate by themselves). Groups
themselves run nothing but ``--help``; what they hold is checked per subcommand.

Plugins use the same decorator::

    from gridcore.cli.permissions import requires

    @requires("notebook_entry.edit")
    @notebook.command()
    def add(...): ...
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

from gridcore.errors import PermissionDeniedError

ATTRIBUTE = "gridcore_permission"
_GUARDED = "gridcore_guarded"
#: The declaration of the allow-listed commands: no login, no permission.
PUBLIC = "(public)"
#: The only commands that may be :data:`PUBLIC` (the introspection test holds the tree to it).
ALLOW_LIST = frozenset({"version", "init", "login", "logout", "passwd"})

C = TypeVar("C")


def requires(permission: str) -> Callable[[C], C]:
    """Declare the permission a command needs (put it above ``@click.command`` / ``@group.command``)."""

    def mark(command: C) -> C:
        setattr(command, ATTRIBUTE, permission)
        return command

    return mark


def public(command: C) -> C:
    """Declare an allow-listed command (:data:`ALLOW_LIST`): it runs without a login."""
    setattr(command, ATTRIBUTE, PUBLIC)
    return command


def declared(command: click.Command) -> str | None:
    """The permission ``command`` declares itself (on the command or its callback), if any."""
    found = getattr(command, ATTRIBUTE, None) or getattr(command.callback, ATTRIBUTE, None)
    return str(found) if found is not None else None


def leaves(
    command: click.Command, path: tuple[str, ...], inherited: str | None
) -> Iterator[tuple[tuple[str, ...], click.Command, str | None]]:
    """Every runnable command under ``command`` with its path and effective permission."""
    own = declared(command) or inherited
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from leaves(sub, (*path, name), own)
    else:
        yield path, command, own


def effective(permission: str, params: dict[str, Any]) -> str:
    """``permission`` with ``{entity}`` filled in from the command's ``entity`` argument."""
    if "{entity}" in permission:
        return permission.format(entity=str(params.get("entity") or ""))
    return permission


def guard(command: click.Command, name: str, inherited: str | None) -> click.Command:
    """Wrap every runnable command under ``command`` so that its permission is checked before it runs."""
    if getattr(command, _GUARDED, False):
        return command
    for _path, leaf, permission in leaves(command, (name,), inherited):
        if leaf.callback is not None and not getattr(leaf, _GUARDED, False):
            leaf.callback = _checked(leaf.callback, permission, name)
            setattr(leaf, _GUARDED, True)
    setattr(command, _GUARDED, True)
    return command


def _unknown_entity(context: Any, permission: str, params: dict[str, Any]) -> bool:
    """Whether ``{entity}`` names no registered entity (then no one holds the permission: say "not found")."""
    return "{entity}" in permission and str(params.get("entity") or "") not in context.app.registry.entities


def _checked(callback: Callable[..., Any], permission: str | None, name: str) -> Callable[..., Any]:
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        from gridcore.cli.context import CliContext

        ctx = click.get_current_context()
        context = ctx.find_object(CliContext)
        if permission != PUBLIC:
            if permission is None or context is None:
                raise PermissionDeniedError(
                    f"命令 {ctx.command_path} 没有声明所需权限, 默认拒绝 (deny by default; declare it with requires)"
                )
            if _unknown_entity(context, permission, ctx.params):
                context.actor  # noqa: B018 - a login is still required; the service says "not found"
            else:
                context.authorize(effective(permission, ctx.params))
        return callback(*args, **kwargs)

    return run
