"""The hook specifications: every extension point of gridcore, typed and documented.

Arguments are keyword-only and have no defaults (pluggy passes none), so that new arguments can be
added later without breaking plugins: a hook implementation takes only the arguments it needs.
``register_*`` hooks return a sequence of contributions (frozen attrs objects from
:mod:`gridcore.contributions`); the registry records which plugin gave each one and refuses duplicates.
``register_*`` hooks are called lazily, the first time their kind of contribution is needed, so
``gridcore --help`` does not import any plugin's models.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gridcore.plugins.markers import hookspec

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gridcore.app import GridApp
    from gridcore.contributions import (
        Branding,
        CodeRule,
        Command,
        DataFormat,
        Dictionary,
        Entity,
        Event,
        EventType,
        Menu,
        Migrations,
        Permission,
        Setting,
        Statistic,
        Workflow,
    )


@hookspec
def register_settings(app: GridApp) -> Sequence[Setting]:
    """Declare the settings the plugin accepts in the edition's ``[settings.<plugin>]`` table.

    Called once at start-up, before the edition's settings are checked; a key the plugin did not
    declare, or a value of the wrong type, stops start-up with a one-line message.

    :param app: the application being started.
    :return: the plugin's :class:`~gridcore.contributions.Setting` declarations.
    """
    raise NotImplementedError


@hookspec
def add_hookspecs(app: GridApp) -> object | None:
    """Return a module or class holding new hook specifications, for other plugins to implement.

    Called right after all plugins are registered and before hook names are checked, so a plugin may
    implement a hook that another plugin declares here.

    :param app: the application being started.
    :return: an object whose functions are marked with :data:`gridcore.hookspec`, or ``None``.
    """
    raise NotImplementedError


@hookspec
def register_entities(app: GridApp) -> Sequence[Entity]:
    """Contribute registers (entities): SQLAlchemy models plus their labels and keys.

    Called the first time the entity registry is needed. Table names must start with the plugin's name
    and ``_``. Import the models inside the hook function, so that start-up stays light.

    :param app: the running application.
    :return: :class:`~gridcore.contributions.Entity` declarations.
    """
    raise NotImplementedError


@hookspec
def register_migrations(app: GridApp) -> Sequence[Migrations]:
    """Contribute the folder of the plugin's alembic revisions (one branch labelled with its name).

    :param app: the running application.
    :return: one :class:`~gridcore.contributions.Migrations` (a plugin has one branch).
    """
    raise NotImplementedError


@hookspec
def register_dictionaries(app: GridApp) -> Sequence[Dictionary]:
    """Contribute dictionaries (智能取词) and their default entries; ``gridcore init`` seeds them.

    :param app: the running application.
    :return: :class:`~gridcore.contributions.Dictionary` declarations.
    """
    raise NotImplementedError


@hookspec
def register_code_rules(app: GridApp) -> Sequence[CodeRule]:
    """Contribute coding rules (region codes, grid codes ...). An edition chooses among them by id.

    :param app: the running application.
    :return: :class:`~gridcore.contributions.CodeRule` declarations.
    """
    raise NotImplementedError


@hookspec
def register_permissions(app: GridApp) -> Sequence[Permission]:
    """Contribute permission codes. Nothing is allowed unless a permission group grants it.

    :param app: the running application.
    :return: :class:`~gridcore.contributions.Permission` declarations.
    """
    raise NotImplementedError


@hookspec
def register_menus(app: GridApp) -> Sequence[Menu]:
    """Contribute menu items; each names the permission that shows it.

    :param app: the running application.
    :return: :class:`~gridcore.contributions.Menu` declarations.
    """
    raise NotImplementedError


@hookspec
def register_statistics(app: GridApp) -> Sequence[Statistic]:
    """Contribute statistics for ``gridcore stats``, the workbook and the charts.

    :param app: the running application.
    :return: :class:`~gridcore.contributions.Statistic` declarations.
    """
    raise NotImplementedError


@hookspec
def register_data_formats(app: GridApp) -> Sequence[DataFormat]:
    """Contribute file formats for import and export.

    :param app: the running application.
    :return: :class:`~gridcore.contributions.DataFormat` declarations.
    """
    raise NotImplementedError


@hookspec
def register_commands(app: GridApp) -> Sequence[Command]:
    """Contribute CLI commands or groups, imported only when they run.

    :param app: the running application (its database is not opened yet).
    :return: :class:`~gridcore.contributions.Command` declarations.
    """
    raise NotImplementedError


@hookspec
def register_event_types(app: GridApp) -> Sequence[EventType]:
    """Contribute kinds of events that ``on_event`` may receive.

    :param app: the running application.
    :return: :class:`~gridcore.contributions.EventType` declarations.
    """
    raise NotImplementedError


@hookspec
def register_workflows(app: GridApp) -> Sequence[Workflow]:
    """Contribute state machines (hazards, cases, events); any step not declared is refused.

    :param app: the running application.
    :return: :class:`~gridcore.contributions.Workflow` declarations.
    """
    raise NotImplementedError


@hookspec
def on_event(app: GridApp, event: Event) -> None:
    """Be notified of an event, after the transaction that caused it has committed.

    An exception raised here is logged with the plugin's name and does not undo the write.

    :param app: the running application.
    :param event: what happened.
    """


@hookspec(firstresult=True)
def entity_write(
    app: GridApp, session: Session, entity: str, action: str, record: Any, write: Callable[[], Any]
) -> Any:
    """Perform a write of a record; plugins wrap it with ``@hookimpl(wrapper=True)``.

    The core's implementation calls ``write()`` and returns its result. A wrapper runs code before
    (validate, refuse by raising :class:`gridcore.errors.ValidationError`) and after (derive, index)
    inside the same transaction: ``result = yield`` gives the result of the write.

    :param app: the running application.
    :param session: the open database session of the write.
    :param entity: the entity id (``household``, ``resident`` ...).
    :param action: ``create``, ``update`` or ``delete``.
    :param record: the model instance being written.
    :param write: performs the write itself.
    :return: the result of ``write()``.
    """


@hookspec
def startup(app: GridApp) -> None:
    """Run once the application has started: plugins loaded, settings checked, registries built.

    :param app: the running application.
    """


@hookspec(firstresult=True)
def branding(app: GridApp) -> Branding | None:
    """Return the software and user information to show (the first plugin that answers wins).

    Plugins are asked in reverse load order, so a plugin loaded later (one that requires others)
    is asked first.

    Lets a reseller rebrand the product by installing one plugin; the edition's ``[branding]`` table
    overrides single fields on top of it.

    :param app: the running application.
    :return: a :class:`~gridcore.contributions.Branding`, or ``None`` to leave it to others.
    """


@hookspec
def populate_demo(app: GridApp, folder: Path, seed: int) -> None:
    """Add the plugin's part of the demo district (``make demo``), after the core's street is built.

    Called in load order (a plugin after those it requires), with the database initialised and the
    core's demo street (社区, 小区, 住户, 居民) in place. Write through the services as the system
    actor, keep people synthetic (derive them from ``seed``), and add only what is missing: the demo
    may run again on the same folder. Files the plugin renders (charts, maps) go under ``folder``.

    :param app: the running application, on the demo database.
    :param folder: the demo folder (``demo/`` by default).
    :param seed: the seed of the synthetic people.
    """


CONTRIBUTION_HOOKS: tuple[str, ...] = (
    "register_settings",
    "register_entities",
    "register_migrations",
    "register_dictionaries",
    "register_code_rules",
    "register_permissions",
    "register_menus",
    "register_statistics",
    "register_data_formats",
    "register_commands",
    "register_event_types",
    "register_workflows",
)

ALL_HOOKS: tuple[str, ...] = (
    *CONTRIBUTION_HOOKS,
    "add_hookspecs",
    "on_event",
    "entity_write",
    "startup",
    "branding",
    "populate_demo",
)
