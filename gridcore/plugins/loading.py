"""Finding plugins and putting them in a loadable order.

A candidate is a built-in module, an installed distribution's ``gridcore.plugins`` entry point, or an
object a test hands in. Each is checked on its own: one that fails to import or validate becomes a
``broken`` status with its reason, and the others still load.
"""

from __future__ import annotations

import importlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from types import ModuleType
from typing import Literal

import attrs
import importlib_metadata

from gridcore.plugins.info import CORE_API_VERSION, PluginInfo

ENTRY_POINT_GROUP = "gridcore.plugins"
BUILTIN_MODULES: tuple[str, ...] = ("gridcore.builtin.core",)
ALWAYS_ENABLED: frozenset[str] = frozenset({"core"})

Status = Literal["ok", "broken", "disabled"]


@attrs.frozen(kw_only=True)
class PluginStatus:
    """What became of one plugin: loaded (``ok``), ``broken`` with a reason, or ``disabled``."""

    name: str
    status: Status
    reason: str = ""
    info: PluginInfo | None = None
    source: str = ""

    @property
    def title(self) -> str:
        return self.info.title if self.info else ""

    @property
    def version(self) -> str:
        return self.info.version if self.info else ""


@attrs.frozen(kw_only=True)
class Candidate:
    """A plugin that imported and declared a valid ``PLUGIN``, ready to be ordered and registered."""

    info: PluginInfo
    obj: object
    source: str


def _info_of(obj: object, expected_name: str | None) -> PluginInfo:
    info = getattr(obj, "PLUGIN", None)
    if not isinstance(info, PluginInfo):
        raise ValueError("has no PLUGIN = PluginInfo(...) declaration")
    if expected_name is not None and info.name != expected_name:
        raise ValueError(f"entry point is named {expected_name!r} but PLUGIN.name is {info.name!r}")
    if not info.supports_core():
        raise ValueError(f"needs core_api {info.core_api} but this gridcore provides {CORE_API_VERSION}")
    return info


def _describe(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    first = text[0] if text else ""
    return f"{type(error).__name__}: {first}" if first else type(error).__name__


def discover(
    enabled: Collection[str] | None, extra: Sequence[object] = ()
) -> tuple[list[Candidate], list[PluginStatus], set[str]]:
    """Import the candidates that are enabled; return them, the failures, and every installed name."""
    candidates: list[Candidate] = []
    statuses: list[PluginStatus] = []
    installed: set[str] = set()

    def accept(obj: object, expected: str | None, source: str) -> None:
        try:
            info = _info_of(obj, expected)
        except Exception as error:
            statuses.append(PluginStatus(name=expected or source, status="broken", reason=str(error), source=source))
            return
        candidates.append(Candidate(info=info, obj=obj, source=source))

    for module_name in BUILTIN_MODULES:
        module: ModuleType = importlib.import_module(module_name)
        installed.add(module.PLUGIN.name)
        accept(module, None, "builtin")

    for entry_point in sorted(importlib_metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        name = entry_point.name
        installed.add(name)
        source = entry_point.dist.name if entry_point.dist else entry_point.value
        if enabled is not None and name not in enabled and name not in ALWAYS_ENABLED:
            statuses.append(PluginStatus(name=name, status="disabled", reason="not in the edition", source=source))
            continue
        try:
            loaded = entry_point.load()
        except Exception as error:
            statuses.append(PluginStatus(name=name, status="broken", reason=_describe(error), source=source))
            continue
        accept(loaded, name, source)

    for obj in extra:
        accept(obj, None, "test")
        info = getattr(obj, "PLUGIN", None)
        if isinstance(info, PluginInfo):
            installed.add(info.name)
    return candidates, statuses, installed


def order_by_requirements(
    candidates: Iterable[Candidate], unavailable: Mapping[str, str]
) -> tuple[list[Candidate], list[PluginStatus]]:
    """Order so that each plugin follows those it requires; a missing or cyclic requirement breaks it.

    ``unavailable`` maps names that exist but cannot be used (disabled, broken) to why.
    """
    pending = {c.info.name: c for c in sorted(candidates, key=lambda c: (c.info.name != "core", c.info.name))}
    reasons = dict(unavailable)
    ordered: list[Candidate] = []
    broken: list[PluginStatus] = []
    done: set[str] = set()
    progress = True
    while pending and progress:
        progress = False
        for name, candidate in list(pending.items()):
            missing = [r for r in candidate.info.requires if r not in pending and r not in done]
            if missing:
                need = missing[0]
                why = reasons.get(need, "is not installed")
                reasons[name] = "is broken"
                broken.append(
                    PluginStatus(
                        name=name,
                        status="broken",
                        reason=f"requires plugin {need!r}, which {why}",
                        info=candidate.info,
                        source=candidate.source,
                    )
                )
                del pending[name]
                progress = True
            elif all(r in done for r in candidate.info.requires):
                ordered.append(candidate)
                done.add(name)
                del pending[name]
                progress = True
    for name, candidate in pending.items():
        broken.append(
            PluginStatus(
                name=name,
                status="broken",
                reason="its requirements form a cycle: " + " -> ".join((name, *candidate.info.requires)),
                info=candidate.info,
                source=candidate.source,
            )
        )
    return ordered, broken
