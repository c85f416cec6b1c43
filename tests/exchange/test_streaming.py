"""Memory stays flat as files grow: reading and writing stream (tracemalloc peaks, 10x the rows).

tracemalloc sees Python allocations only. csv and the writer stream for real, openpyxl nearly (see its
test); calamine parses the sheet into native memory first (bounded by the upload limits, see
reader.py) and hands rows to Python one at a time, which is what the calamine test shows.
"""

from __future__ import annotations

import gc
import tracemalloc

from gridcore.exchange import open_records, open_table, write_table

RATIO = 1.5


def _peak(action) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _read_all(path, engine=None):
    def read():
        with open_table(path, sheet="户籍表", engine=engine) as table:
            for _ in table.rows():
                pass

    return read


def test_calamine_reading_50000_rows_costs_what_5000_do(tmp_path, gen):
    small = gen.big_table(tmp_path / "small.xlsx", 5_000)
    large = gen.big_table(tmp_path / "large.xlsx", 50_000)
    _read_all(small)()  # warm up imports and caches
    small_peak = _peak(_read_all(small))
    large_peak = _peak(_read_all(large))
    assert large_peak <= RATIO * small_peak, (small_peak, large_peak)


def test_openpyxl_reading_streams(tmp_path, gen):
    """The fallback streams too, but not perfectly: openpyxl's iterparse keeps one emptied element per
    row (about 125 bytes measured), so its peak grows by that much a row and no more."""
    small = gen.big_table(tmp_path / "small.xlsx", 1_000, columns=2)
    large = gen.big_table(tmp_path / "large.xlsx", 8_000, columns=2)
    _read_all(small, "openpyxl")()
    small_peak = _peak(_read_all(small, "openpyxl"))
    large_peak = _peak(_read_all(large, "openpyxl"))
    assert (large_peak - small_peak) / 7_000 < 256, (small_peak, large_peak)


def test_records_and_csv_stream(tmp_path, household):
    def make(rows):
        path = tmp_path / f"{rows}.csv"
        with path.open("w", encoding="utf-8") as handle:
            handle.write("户主姓名,门牌号,联系电话\n")
            for i in range(rows):
                handle.write(f"张三{i},{i % 9}-{i % 4},{13800000000 + i}\n")
        return path

    def read(path):
        def run():
            with open_records(path, household) as records:
                for _ in records:
                    pass

        return run

    small, large = make(5_000), make(50_000)
    read(small)()
    assert _peak(read(large)) <= RATIO * _peak(read(small))


def test_writing_streams(tmp_path):
    def write(rows):
        def run():
            write_table(
                tmp_path / f"{rows}.xlsx",
                sheet="户籍表",
                headers=["户主姓名", "门牌号"],
                rows=([f"张三{i}", f"{i % 9}-{i % 4}"] for i in range(rows)),
                text_columns=[1],
            )

        return run

    write(100)()
    assert _peak(write(10_000)) <= RATIO * _peak(write(1_000))
