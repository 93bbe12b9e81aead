//! Embeds the widget's files (Trunk's output, written by `scripts/build.sh`
//! into `target/widget/` and, with the `shards` feature, into
//! `target/widget-shards/`, or the folders `TOOL_COMPARE_WIDGET_DIR` and
//! `TOOL_COMPARE_SHARDS_WIDGET_DIR` name) into the program, so that a site owner
//! needs nothing but `tool-compare`. Without them (a fresh clone's `cargo
//! test`) the program still builds, and says what is missing when asked to
//! build a site.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut code = String::new();
    // The widget for catalogs of one file, and the one that also reads the
    // sharded layout (larger, so only sharded sites publish it).
    for (name, variable, default) in [
        ("FILES", "TOOL_COMPARE_WIDGET_DIR", "../../target/widget"),
        ("SHARDS_FILES", "TOOL_COMPARE_SHARDS_WIDGET_DIR", "../../target/widget-shards"),
    ] {
        println!("cargo:rerun-if-env-changed={variable}");
        let dir = std::env::var_os(variable).map(PathBuf::from).unwrap_or_else(|| manifest.join(default));
        embed(&mut code, name, &dir);
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("widget_files.rs"), code).expect("OUT_DIR is writable");
}

fn embed(code: &mut String, name: &str, dir: &PathBuf) {
    // An empty folder where there is none yet, so that cargo notices the
    // widget's files when a widget build writes them there (it watches an
    // existing folder's contents; a missing path would rerun every build).
    let _ = std::fs::create_dir_all(dir);
    println!("cargo:rerun-if-changed={}", dir.display());

    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            (entry.file_type().ok()?.is_file() && !name.starts_with('.')).then(|| (name, entry.path()))
        })
        .collect();
    files.sort();
    writeln!(code, "pub static {name}: &[(&str, &[u8])] = &[").unwrap();
    for (name, path) in &files {
        let path = path.canonicalize().expect("a listed file has a path");
        writeln!(code, "    ({name:?}, include_bytes!({:?})),", path.display().to_string()).unwrap();
    }
    code.push_str("];\n");
}
