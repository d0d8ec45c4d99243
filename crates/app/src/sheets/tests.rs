//! Tests of the parent module.

use super::{write::*, *};
use rust_xlsxwriter::{ExcelDateTime as XwDate, Worksheet};

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

/// An .xlsx built with rust_xlsxwriter; `fill` writes the first sheet.
fn xlsx(fill: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut book = Workbook::new();
    fill(book.add_worksheet());
    book.save_to_buffer().unwrap()
}

fn read_ok(bytes: &[u8]) -> Sheet {
    read(bytes, "roster.xlsx", Limits::default()).unwrap()
}

fn lines(sheet: &Sheet) -> Vec<usize> {
    sheet.rows.iter().map(|r| r.line).collect()
}

/// Deterministic bytes (xorshift), so failures reproduce.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for b in data {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A zip of stored (uncompressed) files, written by hand to build odd archives.
fn stored_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = out.len() as u32;
        let (crc, len, name_len) = (crc32(data), data.len() as u32, name.len() as u16);
        out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        for v in [crc, len, len] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        for v in [crc, len, len] {
            central.extend_from_slice(&v.to_le_bytes());
        }
        central.extend_from_slice(&name_len.to_le_bytes());
        central.extend_from_slice(&[0; 12]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let (cd_offset, cd_len, count) = (out.len() as u32, central.len() as u32, files.len() as u16);
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&cd_len.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

/// A minimal .xlsx around raw sheet XML (`<sheetData>` content), for cells rust_xlsxwriter cannot write.
fn raw_xlsx_with(sheet_data: &str, more: &[(&str, &[u8])]) -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
    );
    let mut files: Vec<(&str, &[u8])> = vec![
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ];
    files.extend_from_slice(more);
    stored_zip(&files)
}

fn raw_xlsx(sheet_data: &str) -> Vec<u8> {
    raw_xlsx_with(sheet_data, &[])
}

// ----- xlsx

#[test]
fn xlsx_header_row_with_merged_cells_is_refused() {
    let bytes = xlsx(|ws| {
        ws.merge_range(0, 0, 0, 2, "某村花名册", &Format::new()).unwrap();
        ws.write_string(1, 0, "姓名").unwrap();
        ws.write_string(2, 0, "张三").unwrap();
    });
    let err = read(&bytes, "a.xlsx", Limits::default()).unwrap_err();
    assert_eq!(err, SheetError::MergedHeader { cells: "A1:C1".into() });
    assert_eq!(err.args(), vec![("cells", "A1:C1".to_owned())]);
}

#[test]
fn xlsx_merged_cells_below_the_header_are_allowed() {
    let bytes = xlsx(|ws| {
        ws.write_string(0, 0, "户号").unwrap();
        ws.write_string(0, 1, "姓名").unwrap();
        ws.merge_range(1, 0, 2, 0, "H1", &Format::new()).unwrap();
        ws.write_string(1, 1, "张三").unwrap();
        ws.write_string(2, 1, "李四").unwrap();
    });
    let sheet = read_ok(&bytes);
    assert_eq!(sheet.rows[0].cells, strings(&["H1", "张三"]));
    assert_eq!(sheet.rows[1].cells, strings(&["", "李四"]));
}

#[test]
fn xlsx_formula_cell_is_refused_with_its_reference() {
    let bytes = xlsx(|ws| {
        for (c, h) in ["姓名", "年龄", "性别", "合计"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for r in 1..8 {
            ws.write_string(r, 0, "张三").unwrap();
        }
        ws.write_formula(6, 3, "=1+1").unwrap();
    });
    let err = read(&bytes, "a.xlsx", Limits::default()).unwrap_err();
    assert_eq!(err, SheetError::Formula { cell: "D7".into() });
    assert_eq!(err.key(), "error-sheet-formula");
    assert_eq!(err.args(), vec![("cell", "D7".to_owned())]);
}

#[test]
fn xlsx_dates_become_iso_dates_whatever_their_format() {
    let bytes = xlsx(|ws| {
        ws.write_string(0, 0, "出生日期").unwrap();
        let date = XwDate::from_ymd(1990, 3, 5).unwrap();
        let formats = ["yyyy-mm-dd", "yyyy\"年\"m\"月\"d\"日\"", "yyyy/m/d", "m/d/yy h:mm"];
        for (i, f) in formats.iter().enumerate() {
            ws.write_datetime_with_format(i as u32 + 1, 0, &date, &Format::new().set_num_format(*f)).unwrap();
        }
        let with_time = XwDate::from_ymd(2024, 12, 31).unwrap().and_hms(23, 59, 0).unwrap();
        ws.write_datetime_with_format(5, 0, &with_time, &Format::new().set_num_format("yyyy-mm-dd hh:mm")).unwrap();
        ws.write_datetime_with_format(6, 0, XwDate::from_hms(8, 30, 0).unwrap(), &Format::new().set_num_format("hh:mm")).unwrap();
        ws.write_datetime_with_format(7, 0, XwDate::from_ymd(1900, 1, 1).unwrap(), &Format::new().set_num_format("yyyy-mm-dd")).unwrap();
    });
    let values: Vec<String> = read_ok(&bytes).rows.into_iter().map(|r| r.cells[0].clone()).collect();
    assert_eq!(values, ["1990-03-05", "1990-03-05", "1990-03-05", "1990-03-05", "2024-12-31", "08:30:00", "1900-01-01"]);
}

#[test]
fn xlsx_iso_date_cells_keep_the_date() {
    let sheet = read_ok(&raw_xlsx(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>日期</t></is></c></row><row r="2"><c r="A2" t="d"><v>2024-03-05T08:00:00</v></c></row>"#,
    ));
    assert_eq!(sheet.rows[0].cells, ["2024-03-05"]);
}

#[test]
fn xlsx_numbers_read_as_excel_shows_them_never_in_scientific_notation() {
    let bytes = xlsx(|ws| {
        ws.write_string(0, 0, "值").unwrap();
        let numbers = [110101199001011234.0, 13800138000.0, 3.0, 0.1 + 0.2, -2.5, 1e20, 0.000001, -0.0, 123456789012345.0];
        for (i, n) in numbers.iter().enumerate() {
            ws.write_number(i as u32 + 1, 0, *n).unwrap();
        }
    });
    let values: Vec<String> = read_ok(&bytes).rows.into_iter().map(|r| r.cells[0].clone()).collect();
    // The 18-digit ID lost its last digits in the file (Excel keeps 15); what remains is returned.
    assert_eq!(
        values,
        ["110101199001011000", "13800138000", "3", "0.3", "-2.5", "100000000000000000000", "0.000001", "0", "123456789012345"]
    );
}

#[test]
fn xlsx_booleans_and_text_cells() {
    let bytes = xlsx(|ws| {
        ws.write_string(0, 0, "流动党员").unwrap();
        ws.write_string(0, 1, "身份证号").unwrap();
        ws.write_boolean(1, 0, true).unwrap();
        ws.write_string(1, 1, "  11010119900101123X\u{3000}").unwrap();
        ws.write_boolean(2, 0, false).unwrap();
        ws.write_string(2, 1, "011").unwrap();
    });
    let sheet = read_ok(&bytes);
    assert_eq!(sheet.rows[0].cells, strings(&["TRUE", "11010119900101123X"]));
    assert_eq!(sheet.rows[1].cells, strings(&["FALSE", "011"]));
}

#[test]
fn xlsx_error_values_are_refused_with_their_cell() {
    let bytes = raw_xlsx(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>电话</t></is></c></row><row r="2"><c r="B2" t="e"><v>#N/A</v></c></row>"#,
    );
    assert_eq!(read(&bytes, "a.xlsx", Limits::default()), Err(SheetError::CellError { cell: "B2".into() }));
}

#[test]
fn xlsx_empty_first_sheet_is_skipped_and_the_used_sheet_named() {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("说明").unwrap();
    let ws = book.add_worksheet().set_name("花名册").unwrap();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(1, 0, "张三").unwrap();
    let sheet = read_ok(&book.save_to_buffer().unwrap());
    assert_eq!(sheet.name, "花名册");
    assert_eq!(sheet.headers, ["姓名"]);
}

#[test]
fn xlsx_hidden_sheets_come_after_visible_ones() {
    let mut book = Workbook::new();
    let lists = book.add_worksheet().set_name("lists").unwrap();
    lists.write_string(0, 0, "男").unwrap();
    lists.set_hidden(true);
    let ws = book.add_worksheet().set_name("data").unwrap();
    ws.write_string(0, 0, "姓名").unwrap();
    ws.set_active(true);
    assert_eq!(read_ok(&book.save_to_buffer().unwrap()).name, "data");
}

#[test]
fn xlsx_with_no_values_is_empty() {
    let mut book = Workbook::new();
    book.add_worksheet();
    book.add_worksheet().write_string(3, 3, "   ").unwrap();
    assert_eq!(read(&book.save_to_buffer().unwrap(), "a.xlsx", Limits::default()), Err(SheetError::Empty));
}

#[test]
fn xlsx_empty_rows_are_skipped_but_lines_stay_true() {
    let bytes = xlsx(|ws| {
        ws.write_string(1, 1, "姓名").unwrap();
        ws.write_string(2, 1, "张三").unwrap();
        ws.write_string(5, 1, "李四").unwrap();
        ws.write_string(6, 3, "").unwrap();
        ws.write_string(7, 2, "备注").unwrap();
    });
    let sheet = read_ok(&bytes);
    assert_eq!(sheet.headers, ["", "姓名"]);
    assert_eq!(lines(&sheet), [3, 6, 8]);
    assert_eq!(sheet.rows[2].cells, strings(&["", "", "备注"]));
}

#[test]
fn headers_lose_markers_spaces_and_line_breaks() {
    let bytes = xlsx(|ws| {
        for (c, h) in ["姓名*", " *身份证号 ", "联系\n电话（必填）", "民　族", "住址(选填)", ""].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        ws.write_string(1, 0, "张三").unwrap();
    });
    assert_eq!(read_ok(&bytes).headers, ["姓名", "身份证号", "联系电话", "民族", "住址"]);
}

#[test]
fn write_xlsx_round_trips_every_value_as_text() {
    let headers = strings(&["姓名", "公民身份号码", "电话", "备注"]);
    let rows = vec![
        strings(&["张三", "110101199001011234", "013800138000", "多行\n备注"]),
        strings(&["李四", "11010119900101123X", "", ""]),
        strings(&["", "", "", "only, the \"last\""]),
        strings(&["王五", "0012", "1.50", "1e5", "额外"]),
    ];
    let bytes = write_xlsx("花名册", &headers, rows.clone()).unwrap();
    let sheet = read_ok(&bytes);
    assert_eq!(sheet.name, "花名册");
    assert_eq!(sheet.headers, headers);
    assert_eq!(lines(&sheet), [2, 3, 4, 5]);
    assert_eq!(sheet.rows[0].cells, rows[0]);
    assert_eq!(sheet.rows[1].cells, strings(&["李四", "11010119900101123X"]));
    assert_eq!(sheet.rows[2].cells, rows[2]);
    assert_eq!(sheet.rows[3].cells, rows[3]);
}

#[test]
fn write_xlsx_handles_odd_sheet_names_and_empty_input() {
    for name in ["", "a/b:c*d?[e]", "'quoted'", "History", "一个非常非常非常非常非常非常非常非常长的工作表名称超过三十一个字符"]
    {
        let bytes = write_xlsx(name, &strings(&["姓名"]), [strings(&["张三"])]).unwrap();
        let sheet = read_ok(&bytes);
        assert!(!sheet.name.is_empty() && sheet.name.chars().count() <= 31, "{name} -> {}", sheet.name);
    }
    let bytes = write_xlsx("x", &[], Vec::<Vec<String>>::new()).unwrap();
    assert_eq!(read(&bytes, "x.xlsx", Limits::default()), Err(SheetError::Empty));
}

#[test]
fn write_xlsx_cuts_cells_longer_than_excel_allows() {
    let long = "长".repeat(40_000);
    let bytes = write_xlsx("x", &strings(&["备注"]), [vec![long]]).unwrap();
    assert_eq!(read_ok(&bytes).rows[0].cells[0].chars().count(), XLSX_MAX_CELL);
}

#[test]
fn column_widths_count_cjk_double_and_are_capped() {
    assert_eq!(display_width("abc"), 3);
    assert_eq!(display_width("张三"), 4);
    assert_eq!(display_width("ab\n张三李四"), 8);
    assert_eq!((display_width(&"长".repeat(100)) + 2).clamp(6, MAX_COLUMN_WIDTH), 50);
}

// ----- CSV

#[test]
fn csv_utf8_with_bom() {
    let bytes = "\u{FEFF}姓名,身份证号\r\n张三,11010119900101123X\r\n".as_bytes();
    let sheet = read(bytes, "roster.csv", Limits::default()).unwrap();
    assert_eq!(sheet.name, "roster");
    assert_eq!(sheet.headers, ["姓名", "身份证号"]);
    assert_eq!(sheet.rows, [SheetRow { line: 2, cells: strings(&["张三", "11010119900101123X"]) }]);
}

#[test]
fn csv_gb18030_as_excel_saves_it_in_china() {
    let text = "姓名,民族,住址\r\n张三,汉族,北京市东城区\r\n䶮𠀀,维吾尔族,\r\n";
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err());
    let sheet = read(&bytes, r"C:\Users\a\名单.csv", Limits::default()).unwrap();
    assert_eq!(sheet.name, "名单");
    assert_eq!(sheet.headers, ["姓名", "民族", "住址"]);
    assert_eq!(sheet.rows[0].cells, strings(&["张三", "汉族", "北京市东城区"]));
    assert_eq!(sheet.rows[1].cells, strings(&["䶮𠀀", "维吾尔族"]));
}

#[test]
fn csv_utf8_cut_short_or_slightly_broken_is_still_utf8() {
    let text = "姓名,住址\n张三,北京市东城区东华门街道\n李四,上海市黄浦区南京东路街道\n王五,广州市越秀区北京街道\n";
    let cut = &text.as_bytes()[..text.len() - 2];
    let sheet = read(cut, "a.csv", Limits::default()).unwrap();
    assert_eq!(sheet.headers, ["姓名", "住址"]);
    assert_eq!(sheet.rows[2].cells, strings(&["王五", "广州市越秀区北京街"]));
    // One broken byte among many characters stays UTF-8 (and is then judged by the share of broken ones).
    let mut bytes = text.repeat(20).into_bytes();
    bytes[40] = 0xFF;
    assert_eq!(read(&bytes, "a.csv", Limits::default()).unwrap().headers, ["姓名", "住址"]);
    // The same text in GBK is not mistaken for UTF-8.
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    assert_eq!(read(&gbk, "a.csv", Limits::default()).unwrap().rows[0].cells, strings(&["张三", "北京市东城区东华门街道"]));
}

#[test]
fn csv_utf16_unicode_text_from_excel() {
    let text = "姓名\t电话\r\n张三\t13800138000\r\n";
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let sheet = read(&bytes, "a.txt", Limits::default()).unwrap();
    assert_eq!(sheet.headers, ["姓名", "电话"]);
    assert_eq!(sheet.rows[0].cells, strings(&["张三", "13800138000"]));
}

#[test]
fn csv_quotes_commas_and_line_breaks() {
    let text = "姓名,住址,备注\n\"张三\",\"北京市,东城区\",\"他说\"\"好\"\"\"\n李四,\"第一行\r\n第二行\",x\n\n王五,,\"\"\n";
    let sheet = read(text.as_bytes(), "a.csv", Limits::default()).unwrap();
    assert_eq!(sheet.rows[0].cells, strings(&["张三", "北京市,东城区", "他说\"好\""]));
    assert_eq!(sheet.rows[1].cells, strings(&["李四", "第一行\r\n第二行", "x"]));
    assert_eq!(sheet.rows[2].cells, strings(&["王五"]));
    // Lines are rows as Excel shows them: the quoted line break does not start a row; the empty line does.
    assert_eq!(lines(&sheet), [2, 3, 5]);
}

#[test]
fn csv_lenient_quotes_and_excel_text_wrappers() {
    let text = "a,b,c\n\"x\"y,=\"0012\",\"=\"\"0345\"\"\"\n\"unterminated,1\n2";
    let sheet = read(text.as_bytes(), "a.csv", Limits::default()).unwrap();
    assert_eq!(sheet.rows[0].cells, strings(&["xy", "0012", "0345"]));
    assert_eq!(sheet.rows[1].cells, strings(&["unterminated,1\n2"]));
}

#[test]
fn csv_tab_separated_when_the_header_has_tabs_and_no_commas() {
    let sheet = read("\n姓名\t住址\n张三\t北京市,东城区\n".as_bytes(), "a.csv", Limits::default()).unwrap();
    assert_eq!(sheet.headers, ["姓名", "住址"]);
    assert_eq!(sheet.rows, [SheetRow { line: 3, cells: strings(&["张三", "北京市,东城区"]) }]);
    let comma = read("姓名,住址\t2\n张三,x\ty".as_bytes(), "a.csv", Limits::default()).unwrap();
    assert_eq!(comma.headers, ["姓名", "住址\t2"]);
}

#[test]
fn csv_without_final_line_break_and_with_trailing_columns() {
    let sheet = read("姓名,,,\n张三,,,".as_bytes(), "a.csv", Limits::default()).unwrap();
    assert_eq!(sheet.headers, ["姓名"]);
    assert_eq!(sheet.rows[0].cells, ["张三"]);
}

#[test]
fn blank_files_are_empty() {
    for bytes in [&b""[..], b"  \r\n ", b"\xEF\xBB\xBF", b"\xEF\xBB\xBF,,,\r\n,\r\n"] {
        assert_eq!(read(bytes, "a.csv", Limits::default()), Err(SheetError::Empty), "{bytes:?}");
    }
}

#[test]
fn random_bytes_are_not_a_spreadsheet() {
    let bytes = noise(10 * 1024 * 1024, 0x9E37_79B9_7F4A_7C15);
    assert_eq!(read(&bytes, "a.xlsx", Limits::default()), Err(SheetError::NotASpreadsheet));
    // Without NUL bytes, the undecodable and control characters give it away.
    let no_nul: Vec<u8> = noise(100_000, 7).into_iter().map(|b| b.max(1)).collect();
    assert_eq!(read(&no_nul, "a.csv", Limits::default()), Err(SheetError::NotASpreadsheet));
    assert_eq!(read(b"%PDF-1.4 text only", "a.csv", Limits::default()), Err(SheetError::NotASpreadsheet));
}

#[test]
fn web_pages_saved_as_xls_are_explained() {
    let err = read(b"\xEF\xBB\xBF<html><table><tr><td>1</td></tr></table></html>", "a.xls", Limits::default()).unwrap_err();
    assert!(matches!(err, SheetError::Unreadable(ref r) if r.contains("web page")), "{err:?}");
}

#[test]
fn legacy_xls_and_encrypted_workbooks_are_refused_with_a_reason() {
    let mut xls = OLE_MAGIC.to_vec();
    xls.extend(noise(4096, 3));
    assert!(matches!(read(&xls, "a.xls", Limits::default()), Err(SheetError::Unreadable(r)) if r.contains(".xls")));
    xls.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert!(matches!(read(&xls, "a.xlsx", Limits::default()), Err(SheetError::Unreadable(r)) if r.contains("password")));
}

// ----- broken and hostile zips

#[test]
fn zip_that_is_not_a_workbook() {
    let zip = stored_zip(&[("hello.txt", b"hello")]);
    assert_eq!(read(&zip, "a.xlsx", Limits::default()), Err(SheetError::NotASpreadsheet));
    let ods = stored_zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")]);
    assert!(matches!(read(&ods, "a.ods", Limits::default()), Err(SheetError::Unreadable(_))));
    let fake = stored_zip(&[("xl/workbook.xml", b"not xml at all")]);
    assert!(matches!(read(&fake, "a.xlsx", Limits::default()), Err(SheetError::Unreadable(_))));
}

#[test]
fn damaged_xlsx_is_unreadable_without_panicking() {
    let good = write_xlsx("x", &strings(&["姓名"]), [strings(&["张三"])]).unwrap();
    for cut in [4, 100, good.len() / 2, good.len() - 10] {
        assert!(matches!(read(&good[..cut], "a.xlsx", Limits::default()), Err(SheetError::Unreadable(_))), "cut at {cut}");
    }
    let mut junk = b"PK\x03\x04".to_vec();
    junk.extend(noise(10_000, 11));
    assert!(matches!(read(&junk, "a.xlsx", Limits::default()), Err(SheetError::Unreadable(_))));
    // Flipped bytes anywhere: any error is fine, a panic is not.
    let raw = raw_xlsx(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>"#);
    for (i, flip) in noise(400, 5).chunks(2).enumerate() {
        let mut bytes = raw.clone();
        let at = (usize::from(flip[0]) * 256 + usize::from(flip[1]) + i * 7) % bytes.len();
        bytes[at] ^= flip[1] | 1;
        let _ = read(&bytes, "a.xlsx", Limits::default());
    }
}

#[test]
fn zip_declaring_a_huge_unpacked_size_is_too_large() {
    let mut zip = raw_xlsx(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>"#);
    let central = zip.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    zip[central + 24..central + 28].copy_from_slice(&u32::MAX.to_le_bytes());
    // A saturated size without its zip64 field is a damaged directory.
    assert!(matches!(read(&zip, "a.xlsx", Limits::default()), Err(SheetError::Unreadable(_))));
    zip[central + 24..central + 28].copy_from_slice(&(400 * 1024 * 1024u32).to_le_bytes());
    assert_eq!(read(&zip, "a.xlsx", Limits::default()), Err(SheetError::TooLarge { max_bytes: 20 * 1024 * 1024 }));
}

#[test]
fn entries_of_a_real_workbook_read_back_whole() {
    let rows: Vec<Vec<String>> =
        (0..3000).map(|i| vec![format!("姓名{i}"), format!("{:018}", i * 7919), format!("备注 {}", "天地玄黄".repeat(i % 7))]).collect();
    let bytes = write_xlsx("x", &strings(&["姓名", "身份证号", "备注"]), rows).unwrap();
    let (mut archive, entries) = zip_entries(&bytes).unwrap();
    // Checksums from the central directory (local headers may defer them to a data descriptor).
    let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    let mut at = central;
    let mut deflated = false;
    for entry in &entries {
        deflated |= le(&bytes, at + 10, 2) == 8;
        let data = zip_entry_prefix(&mut archive, entry, usize::MAX).unwrap();
        assert_eq!(data.len() as u64, entry.size, "{}", entry.name);
        assert_eq!(crc32(&data), le(&bytes, at + 16, 4), "{}", entry.name);
        let lens: usize = [28, 30, 32].iter().map(|o| le(&bytes, at + o, 2) as usize).sum();
        at += 46 + lens;
    }
    assert!(deflated);
    let strings_entry = entries.iter().find(|e| e.name == "xl/sharedStrings.xml").unwrap();
    let head = zip_entry_prefix(&mut archive, strings_entry, SST_PEEK).unwrap();
    assert_eq!(sst_unique_count(&String::from_utf8_lossy(&head)), Some(3 + 3000 + 3000 + 7));
}

#[test]
fn damaged_entries_are_read_without_panicking() {
    let bytes = write_xlsx("x", &strings(&["姓名"]), [strings(&["张三"])]).unwrap();
    let local = bytes.windows(4).position(|w| w == b"PK\x03\x04").unwrap();
    for seed in 1..300 {
        let mut broken = bytes.clone();
        let r = noise(2, seed);
        let at = local + 60 + usize::from(r[0]) % 200;
        broken[at] ^= r[1] | 1;
        if let Some((mut archive, entries)) = zip_entries(&broken) {
            for entry in &entries {
                let _ = zip_entry_prefix(&mut archive, entry, 1 << 20);
            }
        }
    }
}

/// A little-endian number of `n` bytes.
fn le(bytes: &[u8], at: usize, n: usize) -> u32 {
    bytes[at..at + n].iter().rev().fold(0, |v, b| v << 8 | u32::from(*b))
}

#[test]
fn shared_strings_declaring_billions_of_strings_are_refused_before_parsing() {
    let bomb = br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="100000000000"><si><t>x</t></si></sst>"#;
    let bytes = raw_xlsx_with(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, &[("xl/sharedStrings.xml", bomb)]);
    assert!(matches!(read(&bytes, "a.xlsx", Limits::default()), Err(SheetError::Unreadable(r)) if r.contains("shared strings")));
    let fine = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>姓名</t></si></sst>"#;
    let bytes = raw_xlsx_with(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, &[("xl/sharedStrings.xml", fine.as_bytes())]);
    assert_eq!(read_ok(&bytes).headers, ["姓名"]);
}

#[test]
fn shared_strings_count_is_read_strictly() {
    assert_eq!(sst_unique_count(r#"<sst count="5" uniqueCount="3">"#), Some(3));
    assert_eq!(
        sst_unique_count("\u{FEFF}<?xml version='1.0'?>\n<!-- uniqueCount=\"1\" --><x:sst x:uniqueCount = '42' a=\">\"/>"),
        Some(42)
    );
    assert_eq!(sst_unique_count(r#"<sst fooUniqueCount="1" uniqueCount="99999999999999999999999">"#), Some(u64::MAX));
    assert_eq!(sst_unique_count(r#"<sst xmlns="x"><si/></sst>"#), Some(0));
    assert_eq!(sst_unique_count(r#"<other/><sst uniqueCount="9">"#), None);
    assert_eq!(sst_unique_count(r#"<!DOCTYPE sst><sst uniqueCount="9">"#), None);
    assert_eq!(sst_unique_count(r#"<sst uniqueCount="9""#), None);
}

#[test]
fn dates_outside_excel_range_stay_numbers() {
    use calamine::{ExcelDateTime, ExcelDateTimeType};
    assert_eq!(datetime_text(&ExcelDateTime::new(-1e300, ExcelDateTimeType::DateTime, false)).len(), 302);
    assert_eq!(datetime_text(&ExcelDateTime::new(3e6, ExcelDateTimeType::DateTime, true)), "3000000");
    assert_eq!(datetime_text(&ExcelDateTime::new(2_958_465.0, ExcelDateTimeType::DateTime, false)), "9999-12-31");
    assert_eq!(datetime_text(&ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false)), "1.5");
}

#[test]
fn cell_references() {
    assert_eq!(cell_ref(0, 0), "A1");
    assert_eq!(cell_ref(6, 3), "D7");
    assert_eq!(cell_ref(0, 25), "Z1");
    assert_eq!(cell_ref(0, 26), "AA1");
    assert_eq!(cell_ref(1_048_575, 16_383), "XFD1048576");
}

// ----- limits

#[test]
fn limits_on_bytes_rows_and_columns() {
    let small = Limits { max_bytes: 10, ..Limits::default() };
    assert_eq!(read(b"name\nalice\n", "a.csv", small), Err(SheetError::TooLarge { max_bytes: 10 }));

    let three_rows = Limits { max_rows: 3, ..Limits::default() };
    let csv = "姓名\n1\n\n2\n3\n";
    assert_eq!(read(csv.as_bytes(), "a.csv", three_rows).unwrap().rows.len(), 3);
    let csv = "姓名\n1\n2\n3\n4\n";
    assert_eq!(read(csv.as_bytes(), "a.csv", three_rows), Err(SheetError::TooManyRows { max: 3 }));
    let rows: Vec<Vec<String>> = (0..4).map(|i| vec![i.to_string()]).collect();
    let bytes = write_xlsx("x", &strings(&["姓名"]), rows).unwrap();
    assert_eq!(read(&bytes, "a.xlsx", three_rows), Err(SheetError::TooManyRows { max: 3 }));

    let two_cols = Limits { max_columns: 2, ..Limits::default() };
    assert_eq!(read("a,b,,,,\n1,2,,,\n".as_bytes(), "a.csv", two_cols).unwrap().headers, ["a", "b"]);
    assert_eq!(read("a,b\n1,2,3\n".as_bytes(), "a.csv", two_cols), Err(SheetError::TooManyColumns { max: 2 }));
    let bytes = write_xlsx("x", &strings(&["a", "b"]), [strings(&["1", "2", "3"])]).unwrap();
    assert_eq!(read(&bytes, "a.xlsx", two_cols), Err(SheetError::TooManyColumns { max: 2 }));
    assert_eq!(SheetError::TooManyRows { max: 200_000 }.args(), vec![("max", "200000".to_owned())]);
}

#[test]
fn a_line_of_commas_costs_nothing() {
    let mut csv = "姓名\n张三".to_owned();
    csv.push_str(&",".repeat(5_000_000));
    let sheet = read(csv.as_bytes(), "a.csv", Limits::default()).unwrap();
    assert_eq!(sheet.rows[0].cells, ["张三"]);
}

// ----- columns

const COLS: &[Column] = &[
    Column { key: "name", headers: &["姓名", "name"], required: true },
    Column { key: "id_number", headers: &["身份证号", "公民身份号码", "身份证号码", "id_number"], required: false },
    Column { key: "area_code", headers: &["区划代码", "村（组）代码"], required: true },
];

#[test]
fn map_columns_finds_columns_by_any_name() {
    let headers = strings(&["序号", "NAME", "公民身份号码", "村(组)代码 ", "备注"]);
    let map = map_columns(&headers, COLS).unwrap();
    let row = SheetRow { line: 2, cells: strings(&["1", "张三", "11010119900101123X"]) };
    assert_eq!(map.get(&row, "name"), "张三");
    assert_eq!(map.get(&row, "id_number"), "11010119900101123X");
    assert_eq!(map.get(&row, "area_code"), "");
    assert_eq!(map.get(&row, "unknown"), "");
    assert!(map.has("area_code") && !map.has("unknown"));
    assert_eq!(map.header("id_number"), Some("公民身份号码"));
    assert_eq!(map.index("area_code"), Some(3));
    assert!(map_columns(&strings(&["姓 名*", "区划代码（必填）"]), COLS).is_ok());
}

#[test]
fn map_columns_reports_missing_and_duplicate_columns() {
    let err = map_columns(&strings(&["身份证号", "备注"]), COLS).unwrap_err();
    assert_eq!(err, SheetError::MissingColumns(strings(&["姓名", "区划代码"])));
    assert_eq!(err.key(), "error-sheet-missing-columns");
    assert_eq!(err.args(), vec![("columns", "姓名、区划代码".to_owned())]);

    let twice = map_columns(&strings(&["姓名", "区划代码", "姓名"]), COLS).unwrap_err();
    assert_eq!(twice, SheetError::DuplicateColumn("姓名".into()));
    let aliases = map_columns(&strings(&["姓名", "区划代码", "身份证号", "公民身份号码"]), COLS).unwrap_err();
    assert_eq!(aliases, SheetError::DuplicateColumn("身份证号、公民身份号码".into()));
    // Unknown columns may repeat.
    assert!(map_columns(&strings(&["姓名", "区划代码", "备注", "备注", "", ""]), COLS).is_ok());
}

// ----- error reports

fn sample_errors() -> Vec<RowError> {
    vec![
        RowError { line: 3, column: "身份证号".into(), value: "110101********123X".into(), reason: "校验位不符".into() },
        RowError { line: 7, column: "住址".into(), value: "北京市,\"东城\"\n区".into(), reason: "过长".into() },
        RowError { line: 9, column: "备注".into(), value: "=HYPERLINK(\"x\")".into(), reason: "r".into() },
    ]
}

#[test]
fn error_report_csv_is_excel_friendly_and_parses_back() {
    let bytes = error_report_csv(&sample_errors(), &["行号", "列", "值", "原因"]);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF\xE8\xA1\x8C"));
    let text = std::str::from_utf8(&bytes).unwrap();
    assert!(text.contains("\r\n7,住址,\"北京市,\"\"东城\"\"\n区\",过长\r\n"));
    let sheet = read(&bytes, "errors.csv", Limits::default()).unwrap();
    assert_eq!(sheet.headers, ["行号", "列", "值", "原因"]);
    assert_eq!(sheet.rows[0].cells, strings(&["3", "身份证号", "110101********123X", "校验位不符"]));
    assert_eq!(sheet.rows[1].cells, strings(&["7", "住址", "北京市,\"东城\"\n区", "过长"]));
    assert_eq!(sheet.rows[2].cells[2], "'=HYPERLINK(\"x\")");
}

#[test]
fn error_report_xlsx_parses_back() {
    let bytes = error_report_xlsx(&sample_errors(), &["行号", "列", "值", "原因"]);
    let sheet = read_ok(&bytes);
    assert_eq!(sheet.headers, ["行号", "列", "值", "原因"]);
    let expected: Vec<Vec<String>> = sample_errors().iter().map(report_row).collect();
    assert_eq!(sheet.rows.iter().map(|r| r.cells.clone()).collect::<Vec<_>>(), expected);
    assert!(!error_report_xlsx(&[], &["行号", "列", "值", "原因"]).is_empty());
}

#[test]
fn every_error_has_a_key() {
    let all = [
        SheetError::Empty,
        SheetError::NotASpreadsheet,
        SheetError::TooLarge { max_bytes: 20 * 1024 * 1024 },
        SheetError::TooManyRows { max: 1 },
        SheetError::TooManyColumns { max: 1 },
        SheetError::MergedHeader { cells: "A1:C1".into() },
        SheetError::Formula { cell: "D7".into() },
        SheetError::CellError { cell: "B2".into() },
        SheetError::MissingColumns(vec!["姓名".into()]),
        SheetError::DuplicateColumn("姓名".into()),
        SheetError::Unreadable("x".into()),
    ];
    let keys: std::collections::BTreeSet<&str> = all.iter().map(SheetError::key).collect();
    assert_eq!(keys.len(), all.len());
    assert!(keys.iter().all(|k| k.starts_with("error-sheet-")));
    assert_eq!(all[2].args(), vec![("max", "20 MB".to_owned()), ("max_bytes", "20971520".to_owned())]);
}
