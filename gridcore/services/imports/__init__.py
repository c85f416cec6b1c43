"""Importing spreadsheets into any entity: one transaction, row-level report, duplicates skipped.

:func:`gridcore.services.imports.pipeline.import_file` reads the sheet (streaming), judges each row with
the entity's importer (the same rules as a single add), skips duplicates (in the file and in the
database), and inserts in chunks inside one transaction. All or nothing by default; with
``valid_rows_only`` the good rows go in, still in one transaction.
"""

from gridcore.services.imports.pipeline import ImportAbandoned, import_file
from gridcore.services.imports.report import ImportReport, RowOutcome

__all__ = ["ImportAbandoned", "ImportReport", "RowOutcome", "import_file"]
