"""How photos are named: one rule per entity, safe file names, and a suffix when a name is taken.

The manual's names: ``{姓名}{身份证号}.jpg`` for a resident (R-F04), ``{户主姓名}.jpg`` for a household
(R-D10) and the activity's 编号 for party activities (R-P06), ``{编号}-2.jpg`` for the second one. The
camera plugin brings the rules of the core's residents and households; any plugin adds one for its own
entity by implementing the ``register_photo_naming`` hook that this plugin declares (see
:class:`NamingHooks`), so the camera plugin never needs to know the other plugins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from gridcore import hookspec
from gridcore.errors import PluginError, ValidationError

if TYPE_CHECKING:
    from gridcore import GridApp

#: Longest file name stem kept (many file systems allow 255 bytes; Chinese takes 3 bytes a character).
MAX_STEM = 60
FALLBACK_STEM = "照片"
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


@attrs.frozen(kw_only=True)
class PhotoNaming:
    """How the photos of one entity are named, and what must be filled in before one is taken.

    ``name(record)`` gives the file name without suffix; ``required`` are attribute names that must not
    be blank (a photo of a resident needs 姓名 and 身份证号, R-F04); ``multiple`` allows several photos
    per record (activity photos) instead of one that a new photo replaces; ``field`` is the record's
    attribute that keeps the path of its current photo (the core's 照片 field), if it has one;
    ``pattern`` tells people the rule (``{姓名}{身份证号}.jpg``); ``preset`` is the photo size a new photo
    is brought to unless asked otherwise (``one-inch`` for residents, R-F03; ``None``: as taken).
    """

    entity: str
    name: Callable[[Any], str]
    pattern: str = ""
    required: tuple[str, ...] = ()
    multiple: bool = False
    field: str | None = None
    preset: str | None = None
    plugin: str = ""


class NamingHooks:
    """The hook that gridcore-camera adds (``add_hookspecs``) for other plugins to implement."""

    @staticmethod
    @hookspec
    def register_photo_naming(app: GridApp) -> Sequence[PhotoNaming]:
        """Return how the photos of your entities are named.

        Implement it with ``@hookimpl(optionalhook=True)`` and import :class:`PhotoNaming` inside the
        function, so that your plugin loads whether or not gridcore-camera is installed::

            @hookimpl(optionalhook=True)
            def register_photo_naming():
                from gridcore_camera.naming import PhotoNaming

                return (
                    PhotoNaming(
                        entity="party_activity",
                        name=lambda activity: activity.activity_no,
                        pattern="{编号}.jpg",
                        multiple=True,
                    ),
                )

        :param app: the application; called when a photo is attached, captured or shown.
        """
        raise NotImplementedError


def resident_name(record: Any) -> str:
    return f"{record.name or ''}{record.id_number or ''}"


def household_name(record: Any) -> str:
    return str(record.head_name or "")


CORE_RULES = (
    PhotoNaming(
        entity="resident",
        name=resident_name,
        pattern="{姓名}{身份证号}.jpg",
        required=("name", "id_number"),
        field="photo_path",
        preset="one-inch",
    ),
    PhotoNaming(
        entity="household", name=household_name, pattern="{户主姓名}.jpg", required=("head_name",), field="photo_path"
    ),
)


def naming_rules(app: GridApp) -> dict[str, PhotoNaming]:
    """Every registered rule by entity id; a rule for an unknown entity or a second rule is a plugin error."""
    rules: dict[str, PhotoNaming] = {}
    for answer in app.plugins.call("register_photo_naming", app=app):
        for rule in answer or ():
            if rule.entity not in app.registry.entities:
                raise PluginError(f"照片命名规则所属的实体 {rule.entity} 未注册 (no such entity)")
            if rule.entity in rules:
                raise PluginError(f"实体 {rule.entity} 有两条照片命名规则 (two photo naming rules)")
            rules[rule.entity] = rule
    return rules


def rule_for(app: GridApp, kind: str) -> PhotoNaming:
    """The rule of the entity named by id (``resident``) or title (``居民``)."""
    rules = naming_rules(app)
    wanted = kind.strip()
    for entity_id, rule in rules.items():
        if wanted in (entity_id, app.registry.entities[entity_id].title):
            return rule
    known = "、".join(f"{e} ({app.registry.entities[e].title})" for e in rules)
    raise ValidationError(f"「{kind}」没有照片命名规则, 不能添加照片; 可用: {known}", field="对象类型", value=kind)


def safe_stem(text: str) -> str:
    """``text`` as a file name stem: no path separators, reserved or control characters, not too long."""
    cleaned = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))  # tabs and newlines are spaces
    cleaned = _FORBIDDEN.sub("_", cleaned).strip(" .")
    cleaned = cleaned[:MAX_STEM].rstrip(" .")
    if not cleaned or set(cleaned) == {"_"}:
        return FALLBACK_STEM
    if _WINDOWS_RESERVED.match(cleaned):
        cleaned = f"_{cleaned}"
    return cleaned


def with_suffix_number(stem: str, suffix: str, taken: Callable[[str], bool]) -> str:
    """``stem + suffix``, or ``stem-2 + suffix``, ``stem-3 + suffix`` … for the first name not taken."""
    candidate, number = f"{stem}{suffix}", 1
    while taken(candidate):
        number += 1
        candidate = f"{stem}-{number}{suffix}"
    return candidate
