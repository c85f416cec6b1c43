"""``python -m gridcore.cli``: the same as the ``gridcore`` console script."""

from __future__ import annotations

from gridcore.cli.main import main

main()
