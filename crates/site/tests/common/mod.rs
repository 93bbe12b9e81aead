//! What the site builder's tests share: the bundled catalog, a stand-in
//! for the widget's build (so that `cargo test` needs no Wasm), running
//! the program, and snapshots of folders.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The bundled catalog, the seed's comparison.
pub const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/catalog.json");

/// A fresh, empty folder for one test.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tool-compare-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A widget build as Trunk leaves it, with stand-ins for the Wasm and its
/// JS (the real ones come from the Wasm build, which `cargo test` does not
/// run): the page template, `embed.js`'s template, the card's style sheet,
/// the page's style sheet and the icon.
pub fn fake_widget() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tool-compare-test-{}-widget", std::process::id()));
    if dir.join("index.html").exists() {
        return dir;
    }
    let staging = scratch_dir(&format!("widget-{:?}", std::thread::current().id()).replace(['(', ')'], ""));
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let page = std::fs::read_to_string(root.join("index.html")).unwrap();
    // Trunk replaces its own links with the files it writes.
    let page = page
        .lines()
        .filter(|line| !line.contains("data-trunk") || line.contains("rel=\"rust\""))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("</head>", "<link rel=\"stylesheet\" href=\"./page-0123.css\">\n</head>");
    std::fs::write(staging.join("index.html"), page).unwrap();
    std::fs::copy(root.join("embed/embed.js"), staging.join("embed.js")).unwrap();
    std::fs::copy(root.join("style/widget.css"), staging.join("widget.css")).unwrap();
    std::fs::copy(root.join("style/page.css"), staging.join("page-0123.css")).unwrap();
    std::fs::copy(root.join("public/icon.svg"), staging.join("icon.svg")).unwrap();
    std::fs::write(staging.join("tool-compare-0123_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(staging.join("tool-compare-0123.js"), "export default function start() {}\n").unwrap();
    // Tests run in parallel: the first to finish puts its copy in place.
    let _ = std::fs::rename(&staging, &dir);
    let _ = std::fs::remove_dir_all(&staging);
    dir
}

pub fn tool_compare(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tool-compare")).args(args).output().expect("tool-compare runs")
}

/// `tool-compare build <catalog> --out <out> --widget-dir <stand-in> …`.
pub fn build(catalog: &Path, out: &Path, more: &[&str]) -> Output {
    let widget = fake_widget();
    let mut args = vec!["build", catalog.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend(["--widget-dir", widget.to_str().unwrap()]);
    args.extend(more);
    tool_compare(&args)
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every file below `dir` with its content (links as "-> target").
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let name = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            let kind = entry.file_type().unwrap();
            if kind.is_symlink() {
                files.insert(name, format!("-> {}", std::fs::read_link(&path).unwrap().display()).into_bytes());
            } else if kind.is_dir() {
                files.insert(format!("{name}/"), Vec::new());
                folders.push(path);
            } else {
                files.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}
