//! Reports whose cells are typed: words as text, counts as numbers and instants as Excel date
//! cells, so a reader can sort, sum and filter them in Excel.

use rust_xlsxwriter::ExcelDateTime;

use super::write::{MAX_COLUMN_WIDTH, display_width, excel_text, safe_sheet_name};
use super::*;

/// One cell of a typed report.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A local date and time (already in the display zone), shown as `yyyy-mm-dd hh:mm`.
    DateTime(chrono::NaiveDateTime),
}

impl Cell {
    fn width(&self) -> usize {
        match self {
            Cell::Text(s) => display_width(s),
            Cell::Number(n) => n.to_string().len(),
            Cell::DateTime(_) => 16,
        }
    }
}

/// An .xlsx with one sheet of typed cells: a bold, frozen header row with an autofilter and
/// columns as wide as their content (at most 50).
pub fn write_typed_xlsx(sheet_name: &str, headers: &[String], rows: &[Vec<Cell>]) -> Result<Vec<u8>, SheetError> {
    let mut book = Workbook::new();
    let text = Format::new().set_num_format("@");
    let bold = Format::new().set_bold();
    let when = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let sheet = book.add_worksheet();
    sheet.set_name(safe_sheet_name(sheet_name)).map_err(unreadable)?;
    let column = |i: usize| u16::try_from(i).map_err(|_| SheetError::TooManyColumns { max: write::XLSX_MAX_COLUMNS });
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for (i, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, column(i)?, excel_text(header), &bold).map_err(unreadable)?;
    }
    if rows.len() + 1 >= write::XLSX_MAX_ROWS {
        return Err(SheetError::TooManyRows { max: write::XLSX_MAX_ROWS - 1 });
    }
    for (i, row) in rows.iter().enumerate() {
        let r = (i + 1) as u32;
        for (c, cell) in row.iter().enumerate() {
            let col = column(c)?;
            if widths.len() <= c {
                widths.resize(c + 1, 0);
            }
            widths[c] = widths[c].max(cell.width());
            match cell {
                Cell::Text(s) if s.is_empty() => {}
                Cell::Text(s) => {
                    sheet.write_string_with_format(r, col, excel_text(s), &text).map_err(unreadable)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(r, col, *n).map_err(unreadable)?;
                }
                Cell::DateTime(t) => {
                    let d = ExcelDateTime::from_timestamp(t.and_utc().timestamp()).map_err(unreadable)?;
                    sheet.write_datetime_with_format(r, col, &d, &when).map_err(unreadable)?;
                }
            }
        }
    }
    for (c, width) in widths.iter().enumerate() {
        sheet.set_column_width(column(c)?, (width + 2).clamp(6, MAX_COLUMN_WIDTH) as f64).map_err(unreadable)?;
    }
    if !headers.is_empty() {
        sheet.set_freeze_panes(1, 0).map_err(unreadable)?;
        sheet.autofilter(0, 0, rows.len() as u32, column(widths.len().max(1) - 1)?).map_err(unreadable)?;
    }
    book.save_to_buffer().map_err(unreadable)
}
