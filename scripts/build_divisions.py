"""Rebuild ``gridcore/domain/idcard/data/divisions.csv.gz`` from the areacodes summary table.

Usage: ``python scripts/build_divisions.py [SOURCE_CSV]`` (default
``/work/shared/data/areacodes/result.csv``). The output is a gzip'd UTF-8 CSV, sorted by code and
first year, written byte-for-byte reproducibly (gzip mtime 0), so a rebuild from the same source
gives the same file. The source is CC0 1.0; ``data/SOURCE.md`` carries its notice.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

DEFAULT_SOURCE = Path("/work/shared/data/areacodes/result.csv")
TARGET = Path(__file__).resolve().parent.parent / "gridcore" / "domain" / "idcard" / "data" / "divisions.csv.gz"
HEADER = ("code", "level", "province", "prefecture", "name", "start", "end")
LEVELS = {"省级", "地级", "县级"}


def convert(rows: list[dict[str, str]]) -> list[tuple[str, ...]]:
    """Keep the columns the ID code needs; ``直辖`` (no prefecture) becomes an empty prefecture."""
    out: list[tuple[str, ...]] = []
    for row in rows:
        code = row["代码"].strip()
        level = row["级别"].strip()
        if len(code) != 6 or not code.isdigit() or level not in LEVELS:
            raise ValueError(f"unexpected row: {row}")
        prefecture = row["二级行政区"].strip()
        if prefecture == "直辖":
            prefecture = ""
        start = row["启用时间"].strip()
        end = row["变更/弃用时间"].strip()
        int(start)
        if end:
            int(end)
        out.append((code, level, row["一级行政区"].strip(), prefecture, row["名称"].strip(), start, end))
    out.sort(key=lambda r: (r[0], int(r[5])))
    return out


def render(records: list[tuple[str, ...]]) -> bytes:
    """Serialise ``records`` as a deterministic gzip'd CSV."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(records)
    raw = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    return raw.getvalue()


def main(argv: list[str]) -> int:
    """Read the source table, write the package data file and report what was written."""
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    with source.open(encoding="utf-8-sig", newline="") as handle:
        records = convert(list(csv.DictReader(handle)))
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(render(records))
    print(f"wrote {len(records)} records to {TARGET} ({TARGET.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
