"""The pluggy markers that plugins use: ``@hookimpl`` on their hook functions."""

from __future__ import annotations

import pluggy

PROJECT = "gridcore"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
