"""``PluginInfo``: a plugin's identity, declared once as ``PLUGIN = PluginInfo(...)`` in its module."""

from __future__ import annotations

import re

import attrs
from packaging.specifiers import InvalidSpecifier, SpecifierSet

CORE_API_VERSION = "1.0"
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,30}$")


def _check_name(_: object, __: attrs.Attribute[str], value: str) -> None:
    if not NAME_PATTERN.match(value):
        raise ValueError(
            f"plugin name {value!r} must be 2-31 lower-case letters, digits or '_' starting with a letter: "
            "it is also the table prefix and the migration branch label"
        )


def _check_spec(_: object, __: attrs.Attribute[str], value: str) -> None:
    try:
        SpecifierSet(value)
    except InvalidSpecifier as error:
        raise ValueError(f"core_api {value!r} is not a version range such as '>=1,<2': {error}") from None


@attrs.frozen(kw_only=True)
class PluginInfo:
    """Who a plugin is and what it needs.

    ``name`` is also the prefix of its tables and the label of its alembic branch; ``requires`` lists
    the names of plugins that must be loaded (and enabled) first; ``core_api`` is the range of gridcore
    plugin API versions it was written for.
    """

    name: str = attrs.field(validator=_check_name)
    title: str
    version: str
    requires: tuple[str, ...] = ()
    core_api: str = attrs.field(default=">=1,<2", validator=_check_spec)
    description: str = ""

    def supports_core(self, version: str = CORE_API_VERSION) -> bool:
        return SpecifierSet(self.core_api).contains(version)
