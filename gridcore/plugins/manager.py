"""The plugin manager: loads plugins in dependency order and is the only caller of ``pm.hook``.

The rest of gridcore talks to plugins through the typed methods here (the facade), so that hook calls
are traced, attributed to the plugin that answered, and isolated where a plugin fails.
"""

from __future__ import annotations

import difflib
import logging
import os
import sys
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

from gridcore.errors import ConfigError, GridcoreError, PluginError
from gridcore.plugins import hookspecs
from gridcore.plugins.loading import (
    ALWAYS_ENABLED,
    Candidate,
    PluginStatus,
    discover,
    order_by_requirements,
)
from gridcore.plugins.markers import PROJECT

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session

    from gridcore.app import GridApp
    from gridcore.contributions import Branding, Event

log = logging.getLogger("gridcore.plugins")


def env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


class PluginManager:
    """Loads the edition's plugins and calls their hooks on behalf of the rest of gridcore."""

    def __init__(
        self,
        *,
        enabled: Collection[str] | None = None,
        strict: bool | None = None,
        trace: bool | None = None,
        extra: Sequence[object] = (),
    ) -> None:
        self.enabled = None if enabled is None else frozenset(enabled) | ALWAYS_ENABLED
        self.strict = env_flag("GRIDCORE_STRICT_PLUGINS") if strict is None else strict
        self.trace = env_flag("GRIDCORE_TRACE_PLUGINS") if trace is None else trace
        self.extra = tuple(extra)
        self._pm = pluggy.PluginManager(PROJECT)
        self._pm.add_hookspecs(hookspecs)
        self._statuses: dict[str, PluginStatus] = {}
        self._loaded: list[Candidate] = []
        if self.trace:
            self._pm.trace.root.setwriter(sys.stderr.write)
            self._pm.enable_tracing()

    # ------------------------------------------------------------------ loading

    def load(self, app: GridApp) -> None:
        """Discover, validate, order and register the plugins; isolate (or, strict, refuse) failures."""
        candidates, failures, installed = discover(self.enabled, self.extra)
        if self.enabled is not None:
            unknown = sorted(self.enabled - installed)
            if unknown:
                raise ConfigError(
                    f"版本配置启用了未安装的插件 {', '.join(unknown)}(unknown plugin);"
                    f"已安装的插件: {', '.join(sorted(installed))}"
                )
        for status in failures:
            self._statuses[status.name] = status
        unavailable = {
            s.name: "is disabled in the edition" if s.status == "disabled" else "is broken" for s in failures
        }
        ordered, cyclic = order_by_requirements(candidates, unavailable)
        for status in cyclic:
            self._statuses[status.name] = status
            if self.enabled is not None and status.name in self.enabled and "requires" in status.reason:
                raise ConfigError(f"插件 {status.name} 无法启用: {status.reason}(enable it in the edition too)")
        for candidate in ordered:
            try:
                self._pm.register(candidate.obj, name=candidate.info.name)
            except Exception as error:
                self._break(candidate.info.name, f"invalid hook implementation: {error}", candidate)
                continue
            self._loaded.append(candidate)
        self._add_plugin_hookspecs(app)
        self._check_unknown_hooks()
        self._check_write_wrappers()
        for candidate in self._loaded:
            self._statuses[candidate.info.name] = PluginStatus(
                name=candidate.info.name, status="ok", info=candidate.info, source=candidate.source
            )
        self._raise_if_strict()

    def _break(self, name: str, reason: str, candidate: Candidate | None = None) -> None:
        if self._pm.get_plugin(name) is not None:
            self._pm.unregister(name=name)
        self._loaded = [c for c in self._loaded if c.info.name != name]
        self._statuses[name] = PluginStatus(
            name=name,
            status="broken",
            reason=reason,
            info=candidate.info if candidate else None,
            source=candidate.source if candidate else "",
        )
        log.warning("plugin %s is broken: %s", name, reason)
        for other in list(self._loaded):
            if name in other.info.requires:
                self._break(other.info.name, f"requires plugin {name!r}, which is broken", other)

    def _add_plugin_hookspecs(self, app: GridApp) -> None:
        for impl in list(self._pm.hook.add_hookspecs.get_hookimpls()):
            candidate = next((c for c in self._loaded if c.info.name == impl.plugin_name), None)
            try:
                spec_holder: Any = impl.function(*[{"app": app}[arg] for arg in impl.argnames])
                if spec_holder is not None:
                    self._pm.add_hookspecs(spec_holder)
            except Exception as error:
                self._break(impl.plugin_name, f"add_hookspecs failed: {type(error).__name__}: {error}", candidate)

    def _check_write_wrappers(self) -> None:
        """Only the core performs writes; a plugin's ``entity_write`` must wrap it (``wrapper=True``)."""
        for impl in list(self._pm.hook.entity_write.get_hookimpls()):
            if impl.plugin_name != "core" and not (impl.wrapper or impl.hookwrapper):
                candidate = next((c for c in self._loaded if c.info.name == impl.plugin_name), None)
                self._break(impl.plugin_name, "entity_write must be declared with @hookimpl(wrapper=True)", candidate)

    def _check_unknown_hooks(self) -> None:
        """The equivalent of ``check_pending()``, naming the plugin and the likely intended hook."""
        known = sorted(name for name, caller in vars(self._pm.hook).items() if not name.startswith("_") and caller.spec)
        for hook_name, caller in list(vars(self._pm.hook).items()):
            if hook_name.startswith("_") or caller.spec is not None:
                continue
            for impl in caller.get_hookimpls():
                if impl.hookwrapper or impl.wrapper or impl.optionalhook:
                    continue
                close = difflib.get_close_matches(hook_name, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                candidate = next((c for c in self._loaded if c.info.name == impl.plugin_name), None)
                self._break(impl.plugin_name, f"implements unknown hook {hook_name!r}{hint}", candidate)
        self._pm.check_pending()

    def _raise_if_strict(self) -> None:
        if not self.strict:
            return
        broken = [s for s in self._statuses.values() if s.status == "broken"]
        if broken:
            first = broken[0]
            raise PluginError(f"插件 {first.name} 加载失败 (plugin broken, strict mode): {first.reason}")

    # ------------------------------------------------------------------ introspection

    @property
    def statuses(self) -> list[PluginStatus]:
        """Every plugin seen, core first, then by name."""
        return sorted(self._statuses.values(), key=lambda s: (s.name != "core", s.name))

    @property
    def loaded(self) -> list[str]:
        """Names of the loaded plugins, in dependency order."""
        return [c.info.name for c in self._loaded]

    def plugin_object(self, name: str) -> object | None:
        return self._pm.get_plugin(name)

    def implementers(self, hook_name: str) -> list[str]:
        caller = getattr(self._pm.hook, hook_name)
        return [impl.plugin_name for impl in caller.get_hookimpls()]

    # ------------------------------------------------------------------ calling hooks

    def _each(self, hook_name: str, **kwargs: Any) -> list[tuple[str, Any]]:
        """Call each implementation of a hook in load order and pair the answer with the plugin name."""
        caller = getattr(self._pm.hook, hook_name)
        order = {name: i for i, name in enumerate(self.loaded)}

        def position(impl: Any) -> tuple[int, int]:  # load order, with pluggy's tryfirst/trylast honoured
            return (1 if impl.trylast else -1 if impl.tryfirst else 0, order.get(impl.plugin_name, len(order)))

        impls = sorted(caller.get_hookimpls(), key=position)
        results: list[tuple[str, Any]] = []
        for impl in impls:
            if impl.wrapper or impl.hookwrapper:
                continue
            if self.trace:
                sys.stderr.write(f"gridcore hook: {hook_name} -> {impl.plugin_name}\n")
            try:
                result = impl.function(*[kwargs[arg] for arg in impl.argnames])
            except GridcoreError:
                raise  # a plugin's own one-line message (a bad setting, say) stays as it is
            except Exception as error:
                raise PluginError(
                    f"插件 {impl.plugin_name} 的 {hook_name} 出错: {type(error).__name__}: {error}"
                ) from error
            results.append((impl.plugin_name, result))
        return results

    def contributions(self, hook_name: str, app: GridApp) -> list[tuple[str, Any]]:
        """Every item every plugin contributes through a ``register_*`` hook, with its plugin name."""
        if hook_name not in hookspecs.CONTRIBUTION_HOOKS:
            raise ValueError(f"{hook_name} is not a register_* hook")
        pairs: list[tuple[str, Any]] = []
        for plugin_name, items in self._each(hook_name, app=app):
            for item in items or ():
                pairs.append((plugin_name, item))
        return pairs

    def notify(self, app: GridApp, event: Event) -> None:
        """Send an event to every ``on_event`` implementation; one failing is logged, not raised."""
        caller = self._pm.hook.on_event
        for impl in caller.get_hookimpls():
            try:
                impl.function(*[{"app": app, "event": event}[arg] for arg in impl.argnames])
            except Exception:
                log.exception("plugin %s failed in on_event for %s", impl.plugin_name, event.type)

    def entity_write(
        self, app: GridApp, session: Session, entity: str, action: str, record: Any, write: Callable[[], Any]
    ) -> Any:
        """Run a write through the ``entity_write`` wrappers of every plugin."""
        return self._pm.hook.entity_write(
            app=app, session=session, entity=entity, action=action, record=record, write=write
        )

    def call(self, hook_name: str, **kwargs: Any) -> Any:
        """Call a hook declared by a plugin through ``add_hookspecs`` (the kernel's own have methods here)."""
        caller = getattr(self._pm.hook, hook_name, None)
        if caller is None or caller.spec is None:
            raise PluginError(f"没有名为 {hook_name!r} 的钩子 (no such hook specification)")
        if self.trace:
            sys.stderr.write(f"gridcore hook: {hook_name}\n")
        return caller(**kwargs)

    def startup(self, app: GridApp) -> None:
        self._pm.hook.startup(app=app)

    def populate_demo(self, app: GridApp, folder: Path, seed: int) -> list[str]:
        """Let every plugin add its part of the demo, in load order; return the plugins that did."""
        return [name for name, _ in self._each("populate_demo", app=app, folder=folder, seed=seed)]

    def branding(self, app: GridApp) -> Branding | None:
        result: Branding | None = self._pm.hook.branding(app=app)
        return result
