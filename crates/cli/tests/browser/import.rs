//! Browser journey of a village secretary's member roster (issue 3): import a small roster with one
//! bad row, read the error report on the page and in the downloaded .xlsx, see that nothing was
//! written, fix the file, import it again, find the members on the branch's roster and export it —
//! with only masked ID numbers in the export. At the desktop and the phone size, in Chinese.
//!
//! Screenshots: `import-form-*.png`, `import-rejected-*.png`, `roster-*.png` in `target/screenshots/`.

use std::{
    path::Path,
    time::{Duration, Instant},
};

use chrono::NaiveDate;
use fantoccini::{Client, Locator};
use lianxin_app::sheets;
use lianxin_core::people::{make_id_number, mask_id};

use super::{DESKTOP, Driver, PHONE, Viewport, assert_no_overflow, browser_binaries, helpers, path_of, shoot, sign_in, wait_for_path};

/// 石门村, the village of the demo secretary's branch.
const VILLAGE_CODE: &str = "990121100202";
const BRANCH: &str = "中共石门村支部委员会";
/// Surnames the demo county's generator never uses, so these five cannot be there already.
const NAMES: [&str; 5] = ["欧阳春燕", "滕建平", "覃秀云", "莫国强", "甘丽娟"];
/// The data row (0-based) whose ID number is spoiled: row 3 of the data, line 4 of the file.
const BAD_ROW: usize = 2;
const BAD_LINE: usize = BAD_ROW + 2;
const HEADERS: [&str; 7] = ["姓名", "公民身份号码", "联系电话", "区划代码", "所在党组织", "党员状态", "入党日期"];
/// How long an import may take to be checked (the page refreshes itself every 2 s meanwhile).
const IMPORT_PATIENCE: Duration = Duration::from_secs(20);
const REJECTED: &str = "没有写入任何内容";
const DONE: &str = "导入完成";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_journey_desktop() {
    journey(DESKTOP).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_journey_phone() {
    journey(PHONE).await;
}

/// Five distinct valid ID numbers (men born 1970-01-01 in 宁乡).
fn id_numbers() -> Vec<String> {
    let born = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    // Odd sequence numbers stay as they are for men, so they stay distinct.
    (0..NAMES.len()).map(|i| make_id_number("430124", born, 101 + 2 * i as u16, true)).collect()
}

/// `id` with its check character changed, so the check digit no longer matches.
fn spoiled(id: &str) -> String {
    let mut s = id.to_owned();
    let last = s.pop().expect("non-empty ID");
    s.push(if last == '1' { '2' } else { '1' });
    s
}

/// The member roster spreadsheet of the five, with `ids` as their ID numbers.
fn roster_file(dir: &Path, file: &str, ids: &[String]) -> String {
    let headers: Vec<String> = HEADERS.iter().map(|h| (*h).to_owned()).collect();
    let rows = NAMES.iter().zip(ids).enumerate().map(|(i, (name, id))| {
        vec![
            (*name).to_owned(),
            id.clone(),
            format!("1380013{:04}", 8000 + i),
            VILLAGE_CODE.to_owned(),
            BRANCH.to_owned(),
            "正式党员".to_owned(),
            "2001-07-01".to_owned(),
        ]
    });
    let bytes = sheets::write_xlsx("党员花名册", &headers, rows).expect("write the roster .xlsx");
    let path = dir.join(file);
    std::fs::write(&path, bytes).expect("save the roster file");
    path.to_str().expect("UTF-8 temp path").to_owned()
}

async fn journey(v: Viewport) {
    let Some((driver_bin, chrome_bin)) = browser_binaries() else { return };
    let app = helpers::spawn_app(helpers::Backend::Sqlite).await.expect("SQLite app");
    let driver = Driver::start(&driver_bin).await;
    let c = driver.session(&chrome_bin, v).await;
    let result = tokio::time::timeout(Duration::from_secs(240), walk(&c, &app, v)).await;
    let _ = c.close().await;
    drop(driver);
    result.unwrap_or_else(|_| panic!("{} import journey took longer than 4 minutes", v.name));
}

/// The visible text of the page, or `None` while it is being replaced (the progress page reloads itself).
async fn page_text(c: &Client) -> Option<String> {
    c.execute("return document.body ? document.body.innerText : null", vec![]).await.ok()?.as_str().map(str::to_owned)
}

/// Waits, on the self-refreshing import page, until it shows `want`; fails early on `never`.
async fn wait_for_text(c: &Client, want: &str, never: &str) -> String {
    let started = Instant::now();
    let mut last = String::new();
    loop {
        if let Some(text) = page_text(c).await {
            assert!(!text.contains(never), "the import page says {never:?} while {want:?} was expected:\n{text}");
            if text.contains(want) {
                return text;
            }
            last = text;
        }
        assert!(started.elapsed() < IMPORT_PATIENCE, "the import page did not show {want:?} within {IMPORT_PATIENCE:?}; it shows:\n{last}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The browser's session cookie, to fetch downloads with reqwest as the signed-in user.
async fn session_cookie(c: &Client) -> String {
    let cookies = c.get_all_cookies().await.expect("cookies");
    let s = cookies.iter().find(|k| k.name() == "lx_session").expect("the lx_session cookie after signing in");
    format!("lx_session={}", s.value())
}

/// Downloads `url` as the browser's user and reads it as a spreadsheet.
async fn fetch_sheet(c: &Client, url: &str) -> sheets::Sheet {
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("http client");
    let r = http.get(url).header("cookie", session_cookie(c).await).send().await.expect("download");
    assert!(r.status().is_success(), "GET {url}: {}", r.status());
    let kind = r.headers().get("content-type").and_then(|h| h.to_str().ok()).unwrap_or("").to_owned();
    assert!(kind.contains("spreadsheetml"), "{url} is an .xlsx, got content-type {kind:?}");
    let bytes = r.bytes().await.expect("body");
    sheets::read(&bytes, "download.xlsx", Default::default()).expect("a readable .xlsx")
}

/// The `href` of the first element matching `css`, as an absolute URL.
async fn link(c: &Client, css: &str) -> String {
    let a = c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("link {css}: {e}"));
    assert!(a.is_displayed().await.expect("visible"), "the link {css} is visible");
    a.prop("href").await.expect("href").unwrap_or_else(|| panic!("{css} has an href"))
}

/// Uploads `file` as a member roster through the form and returns the import page's path.
async fn upload(c: &Client, app: &helpers::TestApp, v: Viewport, file: &str, shot: bool) -> String {
    c.goto(&app.url("/imports/new")).await.expect("open /imports/new");
    assert_eq!(super::h1(c).await, "导入花名册");
    let members = c.find(Locator::Css("input[name=kind][value=members]")).await.expect("the member roster choice");
    members.click().await.expect("choose member roster");
    assert!(members.prop("checked").await.expect("checked").as_deref() == Some("true"), "the member roster radio is checked");
    c.find(Locator::Css("input[name=file]")).await.expect("file field").send_keys(file).await.expect("choose the file");
    assert_no_overflow(c, v, "/imports/new").await;
    if shot {
        shoot(c, v, "import-form").await;
    }
    c.find(Locator::Css(r#"form[action="/imports"] button[type=submit]"#)).await.expect("import button").click().await.expect("submit");
    wait_for_path(c, "the import page", |p| p.starts_with("/imports/") && p != "/imports/new").await
}

/// The member count the roster page states ("共 18 人").
async fn roster_total(c: &Client) -> usize {
    // The paragraph that holds the export link.
    let p = c.find(Locator::XPath("//main//p[a[contains(@href, 'roster.xlsx')]]")).await.expect("the roster's count line");
    let text = p.text().await.expect("count text");
    let count = text.split_once('共').and_then(|(_, rest)| rest.split_once('人')).map(|(n, _)| n).unwrap_or("");
    let digits: String = count.chars().filter(char::is_ascii_digit).collect();
    digits.parse().unwrap_or_else(|_| panic!("the roster states its member count (共 N 人):\n{text}"))
}

/// The names on every page of the roster at `url` (following 下一页), leaving the browser on the last page.
async fn roster_names(c: &Client, url: &str) -> Vec<String> {
    c.goto(url).await.expect("open the roster");
    let mut names = Vec::new();
    for _ in 0..100 {
        for td in c.find_all(Locator::Css("table tbody tr td:first-child")).await.expect("roster cells") {
            names.push(td.text().await.expect("name").trim().to_owned());
        }
        let Ok(next) = c.find(Locator::LinkText("下一页")).await else { return names };
        let href = next.prop("href").await.expect("href").expect("next page href");
        c.goto(&href).await.expect("next roster page");
    }
    panic!("the roster at {url} has more than 100 pages");
}

async fn walk(c: &Client, app: &helpers::TestApp, v: Viewport) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ids = id_numbers();
    let mut bad_ids = ids.clone();
    bad_ids[BAD_ROW] = spoiled(&ids[BAD_ROW]);
    let bad = &bad_ids[BAD_ROW];
    assert!(lianxin_core::people::parse_id_number(bad, NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()).is_err(), "{bad} is invalid");
    let bad_file = roster_file(dir.path(), "花名册.xlsx", &bad_ids);
    let branch = app.org_id(BRANCH).await;
    let roster = app.url(&format!("/orgs/{branch}/roster"));

    sign_in(c, app, "secretary").await;
    c.goto(&roster).await.expect("open the roster");
    let before = roster_total(c).await;

    // The first try: one row has a wrong ID number, so nothing is written.
    let page = upload(c, app, v, &bad_file, true).await;
    let text = wait_for_text(c, REJECTED, DONE).await;
    assert!(!text.contains(bad.as_str()), "the page never shows the full ID number");
    let rows = c.find_all(Locator::Css("table tbody tr")).await.expect("error rows");
    assert_eq!(rows.len(), 1, "exactly one problem is listed:\n{text}");
    let mut cells = Vec::new();
    for td in rows[0].find_all(Locator::Css("td")).await.expect("cells") {
        cells.push(td.text().await.expect("cell").trim().to_owned());
    }
    assert_eq!(cells.len(), 4, "line, column, value, reason: {cells:?}");
    assert_eq!(cells[0], format!("第 {BAD_LINE} 行"), "the line as Excel numbers it: {cells:?}");
    assert_eq!(cells[1], "公民身份号码", "{cells:?}");
    assert_eq!(cells[2], mask_id(bad), "the value is shown masked: {cells:?}");
    assert!(!cells[2].contains(&bad[6..14]), "the birth date digits are hidden: {cells:?}");
    assert!(cells[3].contains("校验位"), "the reason names the check digit: {cells:?}");
    assert_no_overflow(c, v, "the rejected import").await;
    shoot(c, v, "import-rejected").await;

    // The same report as a spreadsheet.
    let report_url = link(c, r#"a[href$="errors.xlsx"]"#).await;
    let report = fetch_sheet(c, &report_url).await;
    assert_eq!(report.headers, ["行号", "列", "填写的内容", "问题"], "the report's headers are in Chinese");
    assert_eq!(report.rows.len(), 1, "one problem in the report: {report:?}");
    let r = &report.rows[0].cells;
    assert_eq!(r.first().map(String::as_str), Some(BAD_LINE.to_string().as_str()), "{r:?}");
    assert_eq!(r.get(1).map(String::as_str), Some("公民身份号码"), "{r:?}");
    assert_eq!(r.get(2), Some(&mask_id(bad)), "{r:?}");
    assert!(r.get(3).is_some_and(|s| s.contains("校验位")), "{r:?}");
    assert!(report.rows.iter().flat_map(|r| &r.cells).all(|cell| !cell.contains(bad.as_str())), "no full ID in the report");

    // Nothing was written: none of the five is on the branch's roster.
    c.goto(&roster).await.expect("open the roster");
    assert_eq!(roster_total(c).await, before, "the rejected import added nobody to the roster");
    let names = roster_names(c, &roster).await;
    assert_eq!(names.len(), before, "every member on the roster's pages: {names:?}");
    for n in NAMES {
        assert!(!names.iter().any(|x| x == n), "{n} is not on the roster after the rejected import: {names:?}");
    }

    // Fixed, the file goes in whole.
    let good_file = roster_file(dir.path(), "花名册（已改）.xlsx", &ids);
    let page2 = upload(c, app, v, &good_file, false).await;
    assert_ne!(page2, page, "a new import");
    let text = wait_for_text(c, DONE, REJECTED).await;
    assert!(text.contains(&format!("共写入 {} 行", NAMES.len())), "the done notice counts the five rows:\n{text}");

    c.goto(&roster).await.expect("open the roster");
    assert_eq!(path_of(c).await, format!("/orgs/{branch}/roster"));
    let total = roster_total(c).await;
    assert_eq!(total, before + NAMES.len(), "the five were added to the roster");
    let text = page_text(c).await.unwrap_or_default();
    for id in &ids {
        assert!(!text.contains(id.as_str()), "the roster page does not show full ID numbers");
    }
    assert_no_overflow(c, v, "the roster").await;
    shoot(c, v, "roster").await;
    let export_url = link(c, r#"a[href*="roster.xlsx"]"#).await;
    let names = roster_names(c, &roster).await;
    assert_eq!(names.len(), total, "every member on the roster's pages: {names:?}");
    for n in NAMES {
        assert!(names.iter().any(|x| x == n), "{n} is on the roster: {names:?}");
    }

    // Export: the five, with masked ID numbers only.
    let export = fetch_sheet(c, &export_url).await;
    assert_eq!(export.rows.len(), total, "the export holds the whole roster");
    let cells: Vec<&String> = export.rows.iter().flat_map(|r| &r.cells).collect();
    for n in NAMES {
        assert!(export.rows.iter().any(|r| r.cells.iter().any(|x| x == n)), "{n} is in the export: {export:?}");
    }
    for id in &ids {
        assert!(cells.iter().all(|x| !x.contains(id.as_str())), "the export holds no full ID number");
        assert!(cells.iter().any(|x| **x == mask_id(id)), "the export shows {id} masked as {}: {export:?}", mask_id(id));
    }
    for (n, id) in NAMES.iter().zip(&ids) {
        let row = export.rows.iter().find(|r| r.cells.iter().any(|x| x == n)).expect("row");
        assert!(row.cells.contains(&mask_id(id)), "{n}'s row has the masked ID {}: {:?}", mask_id(id), row.cells);
    }
}
