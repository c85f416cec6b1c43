"""Statistics and reports: the built-in statistics, the workbook and the charts."""
