"""Making plugins inside tests: an object with hooks, or a real entry point on ``sys.path``."""

from __future__ import annotations

import sys
import textwrap
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gridcore.plugins.info import PluginInfo
from gridcore.plugins.markers import hookimpl


def make_plugin(name: str, *, requires: tuple[str, ...] = (), **hooks: Callable[..., Any]) -> types.ModuleType:
    """A plugin module built in memory: ``PLUGIN`` plus each keyword as a ``@hookimpl`` function.

    ``make_plugin("demo", register_menus=lambda: [Menu(id="demo", title="演示")])``
    """
    module = types.ModuleType(f"gridcore_test_plugin_{name}")
    module.PLUGIN = PluginInfo(name=name, title=name, version="0.0.1", requires=requires)  # type: ignore[attr-defined]
    for hook_name, function in hooks.items():
        named = _named(function, hook_name)
        options = getattr(function, "gridcore_impl", None)  # keep @hookimpl(wrapper=True) and the like
        setattr(module, hook_name, hookimpl(**options)(named) if options else hookimpl(named))
    return module


def _named(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    """Copy a function under the hook's name, keeping its signature (pluggy reads the arguments)."""
    copy = types.FunctionType(
        function.__code__, function.__globals__, name, function.__defaults__, function.__closure__
    )
    copy.__kwdefaults__ = function.__kwdefaults__
    return copy


class PluginInstaller:
    """Installs a plugin as a real distribution (a module plus a ``.dist-info`` with its entry point).

    The folder is put on ``sys.path``, so ``importlib.metadata`` finds the entry point exactly as it
    finds one installed by pip.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)
        self._added = False

    def install(self, name: str, source: str, *, module: str | None = None, version: str = "0.0.1") -> str:
        """Write ``source`` as a module and register it under entry point ``name``; return the module."""
        module = module or f"gridcore_installed_{name}"
        (self.root / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        dist = self.root / f"{module}-{version}.dist-info"
        dist.mkdir(exist_ok=True)
        (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: {version}\n", encoding="utf-8")
        (dist / "entry_points.txt").write_text(f"[gridcore.plugins]\n{name} = {module}\n", encoding="utf-8")
        if not self._added:
            sys.path.insert(0, str(self.root))
            self._added = True
        sys.modules.pop(module, None)
        return module

    def uninstall_all(self) -> None:
        if self._added and str(self.root) in sys.path:
            sys.path.remove(str(self.root))
        self._added = False
