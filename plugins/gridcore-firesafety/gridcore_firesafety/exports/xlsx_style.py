"""The look shared by the plugin's printed forms: thin borders, wrapped text, a bold centred title."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE_FONT = Font(name="宋体", size=16, bold=True)
LABEL_FONT = Font(name="宋体", size=11, bold=True)
BODY_FONT = Font(name="宋体", size=11)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)


def cell(sheet: Worksheet, ref: str, value: object, *, label: bool = False, align: Alignment = CENTRE) -> None:
    """Write one value with the form's font and alignment."""
    target = sheet[ref]
    target.value = value
    target.font = LABEL_FONT if label else BODY_FONT
    target.alignment = align


def merged(sheet: Worksheet, cells: str, value: object, *, label: bool = False, align: Alignment = CENTRE) -> None:
    """Merge a range and write ``value`` in its first cell."""
    sheet.merge_cells(cells)
    cell(sheet, cells.split(":", maxsplit=1)[0], value, label=label, align=align)


def box(sheet: Worksheet, cells: str) -> None:
    """Thin borders on every cell of a range."""
    for row in sheet[cells]:
        for item in row:
            item.border = BORDER


def a4_portrait(sheet: Worksheet) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
