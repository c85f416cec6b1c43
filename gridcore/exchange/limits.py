"""Upload limits (security.md I3), checked by content before any parser sees the file."""

from __future__ import annotations

import attrs

MIB = 1024 * 1024


@attrs.frozen(kw_only=True)
class Limits:
    """What an upload may hold. The defaults are security.md I3; tests pass smaller ones.

    ``ratio_floor_bytes``: entries that inflate to less than this are not ratio-checked, because a
    member that small cannot amplify anything, and tiny repetitive parts do compress that well.
    """

    max_upload_bytes: int = 20 * MIB
    max_uncompressed_bytes: int = 200 * MIB
    max_ratio: int = 100
    ratio_floor_bytes: int = 64 * 1024
    max_entries: int = 2000
    max_rows: int = 100_000
    max_columns: int = 200


DEFAULT_LIMITS = Limits()
