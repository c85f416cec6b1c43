"""Exception types a caller can catch.

Every error meant for people carries one clear sentence (Chinese first, English where it helps) that
names the file, row, field or value at fault and says what to do. The CLI prints ``str(error)`` on one
line and exits non-zero; it never shows a traceback for a :class:`GridcoreError`.
"""

from __future__ import annotations


class GridcoreError(Exception):
    """Base class of every error gridcore raises on purpose."""

    exit_code: int = 1


class ConfigError(GridcoreError):
    """The edition file, a setting or a command-line option is wrong."""

    exit_code = 2


class PluginError(GridcoreError):
    """A plugin could not be loaded, validated or combined with the others."""

    exit_code = 3


class DuplicateContributionError(PluginError):
    """Two plugins contributed the same id (a menu, a permission, an entity ...)."""


class DatabaseError(GridcoreError):
    """The database cannot be reached or is not in the state a command needs."""

    exit_code = 4


class NotInitializedError(DatabaseError):
    """A data command ran before ``gridcore init``."""


class ValidationError(GridcoreError):
    """A value given by a person breaks a rule; nothing was written.

    ``field`` is the Chinese label (or attribute name) and ``value`` the offending value, when known.
    """

    exit_code = 5

    def __init__(self, message: str, *, field: str | None = None, value: object = None) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


class NotFoundError(GridcoreError):
    """A record named by its key does not exist."""

    exit_code = 6


class ConflictError(GridcoreError):
    """The operation conflicts with existing data (a duplicate code, children still present ...)."""

    exit_code = 7


class PermissionDeniedError(GridcoreError):
    """The operator lacks the permission the operation declares."""

    exit_code = 8


class AuthenticationError(GridcoreError):
    """Not logged in, a wrong login or password, a locked or disabled account, an expired session."""

    exit_code = 9
