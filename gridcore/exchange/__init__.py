"""Excel exchange: templates, safe reading of uploads, streaming export, error workbooks.

Pure file work, no database: the import and export services build on it. Reading checks the upload
by content first (:func:`inspect_upload`, security.md I2-I3), then reads one sheet lazily with
python-calamine (openpyxl read-only as the fallback); headers are matched by label or alias before
any row is read; cells are normalised per field (:func:`normalise_cell`). Writing streams with
openpyxl's write-only mode and never writes a formula (I1).
"""

from __future__ import annotations

from gridcore.exchange.cells import from_serial, is_id_field, normalise_cell, normalise_id_cell
from gridcore.exchange.columns import REASON_COLUMN, REPORT_COLUMNS, ROW_COLUMN, Column, ColumnMap, match_columns
from gridcore.exchange.error_report import write_error_workbook
from gridcore.exchange.errors import (
    CellError,
    CorruptFileError,
    ExchangeError,
    HeaderError,
    SheetNotFoundError,
    TableTooLargeError,
    UnsafeFileError,
    UnsupportedFileError,
)
from gridcore.exchange.export import export_fields, write_records, write_rows
from gridcore.exchange.inspect import FileKind, Upload, examine_upload, inspect_upload
from gridcore.exchange.limits import DEFAULT_LIMITS, Limits
from gridcore.exchange.reader import Cell, Engine, TableReader, calamine_available, open_table
from gridcore.exchange.records import CellProblem, Record, RecordReader, iter_records, open_records
from gridcore.exchange.template import GENERATED_NOTE, LIST_SHEET, write_template
from gridcore.exchange.writer import write_table

__all__ = [
    "DEFAULT_LIMITS",
    "GENERATED_NOTE",
    "LIST_SHEET",
    "REASON_COLUMN",
    "REPORT_COLUMNS",
    "ROW_COLUMN",
    "Cell",
    "CellError",
    "CellProblem",
    "Column",
    "ColumnMap",
    "CorruptFileError",
    "Engine",
    "ExchangeError",
    "FileKind",
    "HeaderError",
    "Limits",
    "Record",
    "RecordReader",
    "SheetNotFoundError",
    "TableReader",
    "TableTooLargeError",
    "UnsafeFileError",
    "UnsupportedFileError",
    "Upload",
    "calamine_available",
    "examine_upload",
    "export_fields",
    "from_serial",
    "inspect_upload",
    "is_id_field",
    "iter_records",
    "match_columns",
    "normalise_cell",
    "normalise_id_cell",
    "open_records",
    "open_table",
    "write_error_workbook",
    "write_records",
    "write_rows",
    "write_table",
    "write_template",
]
