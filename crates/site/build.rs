//! Embeds the widget's files (Trunk's output, written by
//! `scripts/build-widget.sh` into `target/widget/`, or the folder
//! `TOOL_COMPARE_WIDGET_DIR` names) into the program, so that a site owner
//! needs nothing but `tool-compare`. Without them (a fresh clone's `cargo
//! test`) the program still builds, and says what is missing when asked to
//! build a site.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=TOOL_COMPARE_WIDGET_DIR");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = std::env::var_os("TOOL_COMPARE_WIDGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../target/widget"));
    // An empty folder where there is none yet, so that cargo notices the
    // widget's files when a widget build writes them there (it watches an
    // existing folder's contents; a missing path would rerun every build).
    let _ = std::fs::create_dir_all(&dir);
    println!("cargo:rerun-if-changed={}", dir.display());

    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            (entry.file_type().ok()?.is_file() && !name.starts_with('.')).then(|| (name, entry.path()))
        })
        .collect();
    files.sort();
    let mut code = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for (name, path) in &files {
        let path = path.canonicalize().expect("a listed file has a path");
        writeln!(code, "    ({name:?}, include_bytes!({:?})),", path.display().to_string()).unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("widget_files.rs"), code).expect("OUT_DIR is writable");
}
