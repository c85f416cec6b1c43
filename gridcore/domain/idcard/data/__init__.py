"""Package data of the ID-number code: the GB/T 2260 division table (CC0, see ``SOURCE.md``)."""

from __future__ import annotations
