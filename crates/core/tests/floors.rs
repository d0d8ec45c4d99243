//! The shape of the workspace, checked: no two sibling modules of `app` or `web` import each other
//! (directly or round a circle), `web` reaches the database only through `app`, and no file of
//! product code is over 700 lines. Read from the sources, so a change that breaks one fails here.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::{Path, PathBuf},
};

const MAX_LINES: usize = 700;

fn crates() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("crates/").to_path_buf()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).expect("readable source folder") {
        let p = e.expect("entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module a file defines: `lib.rs` → [], `a.rs` and `a/mod.rs` → [a], `a/b.rs` → [a, b].
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    let last = parts.pop().expect("a file name");
    if last != "lib.rs" && last != "mod.rs" && last != "main.rs" {
        parts.push(last.trim_end_matches(".rs").to_owned());
    }
    parts
}

/// Source without comments and string contents (so paths in them are not read as imports).
fn code_only(s: &str) -> String {
    let b = s.as_bytes();
    let (mut out, mut i) = (String::with_capacity(s.len()), 0);
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            i += 3; // a char literal such as '{'
        } else {
            let ch = s[i..].chars().next().expect("a char");
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// Every path a use tree names: `a::{b, c::{d}}` → a::b, a::c::d.
fn expand_use(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else { return vec![tree.split(" as ").next().unwrap_or("").trim().to_owned()] };
    let prefix = tree[..open].trim().trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut depth, mut start, mut parts) = (0, 0, Vec::new());
    for (i, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand_use)
        .map(|p| {
            if p == "self" {
                prefix.to_owned()
            } else if prefix.is_empty() {
                p
            } else {
                format!("{prefix}::{p}")
            }
        })
        .collect()
}

/// The paths a file names that start at `crate`, `super` or `self`, made absolute.
fn named_paths(code: &str, here: &[String]) -> Vec<Vec<String>> {
    let mut raw = Vec::new();
    for stmt in code.split(';') {
        let t = stmt.trim_start();
        let t = t.strip_prefix("pub(crate) ").or_else(|| t.strip_prefix("pub ")).unwrap_or(t);
        if let Some(u) = t.strip_prefix("use ") {
            raw.extend(expand_use(u));
        }
    }
    let b = code.as_bytes();
    for key in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(key) {
            let i = from + at;
            from = i + key.len();
            if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
                continue;
            }
            let end = code[i..].find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).map_or(code.len(), |e| i + e);
            raw.push(code[i..end].trim_end_matches(':').to_owned());
        }
    }
    // `super` of a file's module: for a.rs and a/mod.rs alike, the parent of [.., a].
    raw.into_iter()
        .filter_map(|p| {
            let segs: Vec<&str> = p.split("::").filter(|s| !s.is_empty()).collect();
            let mut abs: Vec<String> = match *segs.first()? {
                "crate" => Vec::new(),
                "self" | "super" => here.to_vec(),
                _ => return None,
            };
            let mut rest = &segs[1..];
            if segs[0] == "super" {
                abs.pop();
                while rest.first() == Some(&"super") {
                    abs.pop();
                    rest = &rest[1..];
                }
            }
            abs.extend(rest.iter().map(|s| (*s).to_owned()));
            Some(abs)
        })
        .collect()
}

/// The sibling modules that import each other round a circle, at any level of `krate`.
fn circles(krate: &str) -> Vec<String> {
    let src = crates().join(krate).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
    // Items the crate root re-exports (`pub use m::{A, B}`) belong to `m`.
    let lib = code_only(&fs::read_to_string(src.join("lib.rs")).expect("lib.rs"));
    let mut reexports: BTreeMap<String, String> = BTreeMap::new();
    for stmt in lib.split(';') {
        if let Some(u) = stmt.trim_start().strip_prefix("pub use ") {
            for p in expand_use(u) {
                let segs: Vec<&str> = p.split("::").collect();
                if segs.len() >= 2 && modules.contains(&vec![segs[0].to_owned()]) {
                    reexports.insert(segs[segs.len() - 1].to_owned(), segs[0].to_owned());
                }
            }
        }
    }
    // Edges between siblings: (parent, from child, to child) → the files that make them.
    let mut edges: BTreeMap<(Vec<String>, String, String), BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        let here = module_of(&src, f);
        let code = code_only(&fs::read_to_string(f).expect("source"));
        for mut path in named_paths(&code, &here) {
            if path.len() == 1
                && let Some(m) = reexports.get(&path[0])
            {
                path = vec![m.clone()];
            }
            // The module the path ends in: its longest prefix that is a module.
            let Some(target) = (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| modules.contains(p)) else { continue };
            let common = here.iter().zip(&target).take_while(|(a, b)| a == b).count();
            if common == here.len() || common == target.len() {
                continue; // a module and its own ancestor or descendant
            }
            let key = (here[..common].to_vec(), here[common].clone(), target[common].clone());
            edges.entry(key).or_default().insert(f.strip_prefix(crates()).unwrap_or(f).display().to_string());
        }
    }
    let mut found = Vec::new();
    let parents: BTreeSet<Vec<String>> = edges.keys().map(|(p, _, _)| p.clone()).collect();
    for parent in parents {
        let out: BTreeMap<&str, Vec<&str>> = edges.keys().filter(|(p, _, _)| *p == parent).fold(BTreeMap::new(), |mut m, (_, a, b)| {
            m.entry(a.as_str()).or_insert_with(Vec::new).push(b.as_str());
            m
        });
        // A circle is a pair of siblings each reaching the other.
        let reach = |from: &str| {
            let (mut seen, mut todo) = (BTreeSet::new(), vec![from]);
            while let Some(n) = todo.pop() {
                for &m in out.get(n).into_iter().flatten() {
                    if seen.insert(m) {
                        todo.push(m);
                    }
                }
            }
            seen
        };
        for &a in out.keys() {
            if reach(a).contains(a) {
                let via: Vec<String> = out[a]
                    .iter()
                    .filter(|b| reach(b).contains(a))
                    .map(|b| format!("{a} → {b} ({:?})", edges[&(parent.clone(), a.to_owned(), (*b).to_owned())]))
                    .collect();
                found.push(format!("{krate}::{}: {}", parent.join("::"), via.join("; ")));
            }
        }
    }
    found
}

#[test]
fn no_circles_among_the_modules_of_app_and_web() {
    let found: Vec<String> = ["app", "web"].iter().flat_map(|k| circles(k)).collect();
    assert!(found.is_empty(), "sibling modules that import each other:\n{}", found.join("\n"));
}

#[test]
fn the_checker_sees_a_circle() {
    // The two halves of a circle as two files would write them.
    let a = named_paths(&code_only("use crate::{b::{X, self}, c};\nfn f() { super::d::g(); }"), &["a".into()]);
    assert!(a.contains(&vec!["b".to_owned(), "X".to_owned()]));
    assert!(a.contains(&vec!["b".to_owned()]));
    assert!(a.contains(&vec!["c".to_owned()]));
    assert!(a.contains(&vec!["d".to_owned(), "g".to_owned()]));
    assert!(named_paths(&code_only("// use crate::x;\nlet s = \"crate::y\";"), &[]).is_empty());
}

#[test]
fn web_reaches_the_database_only_through_app() {
    let manifest = fs::read_to_string(crates().join("web/Cargo.toml")).expect("web/Cargo.toml");
    assert!(!manifest.contains("lianxin-store"), "crates/web/Cargo.toml depends on lianxin-store");
    let mut files = Vec::new();
    rust_files(&crates().join("web/src"), &mut files);
    let users: Vec<String> = files
        .iter()
        .filter(|f| fs::read_to_string(f).is_ok_and(|s| s.contains("lianxin_store")))
        .map(|f| f.display().to_string())
        .collect();
    assert!(users.is_empty(), "web files naming lianxin_store: {users:?}");
}

#[test]
fn no_product_file_over_700_lines() {
    let mut long = Vec::new();
    for k in ["core", "store", "app", "web", "cli"] {
        let mut files = Vec::new();
        rust_files(&crates().join(k).join("src"), &mut files);
        for f in files {
            let n = fs::read_to_string(&f).expect("source").lines().count();
            if n > MAX_LINES {
                long.push(format!("{} ({n} lines)", f.strip_prefix(crates()).unwrap_or(&f).display()));
            }
        }
    }
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:?}");
}

/// What only `app::policy` may do: weigh an account's roles. Pages and handlers ask it
/// (`policy::menu`, `policy::may_somewhere`, the use cases) instead of keeping a role table.
fn weighs_roles(code: &str) -> bool {
    ["r.role ==", "r.role !=", "matches!(r.role", ".has_role(", ".is_admin()", "role_allows"].iter().any(|p| code.contains(p))
}

#[test]
fn web_decides_no_permission_of_its_own() {
    let mut files = Vec::new();
    rust_files(&crates().join("web/src"), &mut files);
    let deciders: Vec<String> = files
        .iter()
        .filter(|f| fs::read_to_string(f).is_ok_and(|s| weighs_roles(&code_only(&s))))
        .map(|f| f.display().to_string())
        .collect();
    assert!(deciders.is_empty(), "web files weighing roles themselves: {deciders:?}");
    assert!(weighs_roles("p.roles.iter().any(|r| matches!(r.role, Role::Member))"), "the checker sees a role table");
}
