"""Page setup for every workbook the kit writes: A4, fit to the page width, the header row(s)
repeated on each printed page and the title in each page's header — so a sheet prints as it
stands (LibreOffice and Excel both honour these settings)."""
from __future__ import annotations


def a4_setup(ws, title: str, *, header_rows: int = 1, landscape: bool | None = None) -> None:
    """Make ``ws`` print on A4: fit to width (any number of pages tall), rows ``1..header_rows``
    repeated on every page, ``title`` centred in the page header and 第N页/共M页 in the footer.
    ``landscape`` None: landscape when the sheet has more than 6 columns."""
    if landscape is None:
        landscape = (ws.max_column or 1) > 6
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.top, ws.page_margins.bottom = 0.9, 0.7
    ws.page_margins.left = ws.page_margins.right = 0.5
    if header_rows:
        ws.print_title_rows = f"1:{header_rows}"
    # '&' starts a header code: a title containing one must not be read as a code
    ws.oddHeader.center.text = str(title).replace("&", "&&")
    ws.oddHeader.center.size = 12
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
