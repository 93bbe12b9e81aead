//! The widget's files, the same for every site: the Wasm and its JS, the
//! page's and the card's style sheets, the icon, and the templates of the
//! standalone page and of `embed.js` that each site's build fills in.
//! Embedded at compile time (build.rs); a developer may point a build at a
//! folder of them instead (`--widget-dir`), such as a development build.

use std::borrow::Cow;
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/widget_files.rs"));
}

/// The page template: Trunk's `index.html`.
pub const PAGE_TEMPLATE: &str = "index.html";
/// `embed.js` with placeholders for this site's names (minified by the
/// widget's build, so the site owner needs no minifier).
pub const EMBED_TEMPLATE: &str = "embed.js";
/// The card's style sheet, minified; the site names it by its hash.
pub const CARD_STYLE: &str = "widget.css";

/// Endings of the copies a widget build compresses ahead (at brotli 11 and
/// gzip 9, once, instead of at every site build).
pub const PRECOMPRESSED: [&str; 2] = [".br", ".gz"];

pub struct Widget {
    files: Vec<(String, Cow<'static, [u8]>)>,
}

impl Widget {
    /// The files built into this program.
    pub fn embedded() -> Result<Widget, String> {
        Widget::embedded_from(embedded::FILES)
    }

    /// The build built into this program that also reads the sharded
    /// layout, for a sharded catalog's site (the other's Wasm is smaller).
    pub fn embedded_for_shards() -> Result<Widget, String> {
        Widget::embedded_from(embedded::SHARDS_FILES)
    }

    fn embedded_from(files: &'static [(&'static str, &'static [u8])]) -> Result<Widget, String> {
        let files = files.iter().map(|&(name, bytes)| (name.to_string(), Cow::Borrowed(bytes))).collect();
        Widget::checked(Widget { files }).map_err(|missing| {
            format!(
                "this tool-compare was built without the widget's files ({missing}), so it cannot build a site. \
                 Install a released tool-compare (npm package or archive), or build one from the repository \
                 with scripts/build.sh, which builds the widget first."
            )
        })
    }

    /// The files of a widget build in `dir` (Trunk's output folder).
    pub fn from_dir(dir: &Path) -> Result<Widget, String> {
        let entries = std::fs::read_dir(dir).map_err(|err| format!("--widget-dir {}: {err}", dir.display()))?;
        let mut files = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|err| format!("--widget-dir {}: {err}", dir.display()))?;
            let Ok(name) = entry.file_name().into_string() else { continue };
            if name.starts_with('.') || !entry.file_type().is_ok_and(|kind| kind.is_file()) {
                continue;
            }
            let bytes = std::fs::read(entry.path()).map_err(|err| format!("{}: {err}", entry.path().display()))?;
            files.push((name, Cow::Owned(bytes)));
        }
        files.sort_by(|a, b| a.0.cmp(&b.0));
        Widget::checked(Widget { files })
            .map_err(|missing| format!("--widget-dir {} is not a widget build: {missing}", dir.display()))
    }

    /// The widget, or which of its files are missing.
    fn checked(widget: Widget) -> Result<Widget, String> {
        let mut missing: Vec<&str> = [PAGE_TEMPLATE, EMBED_TEMPLATE, CARD_STYLE]
            .into_iter()
            .filter(|name| widget.file(name).is_none())
            .collect();
        if widget.wasm_and_js().is_none() {
            missing.push("the Wasm with its JS");
        }
        match missing.as_slice() {
            [] => Ok(widget),
            _ => Err(format!("missing: {}", missing.join(", "))),
        }
    }

    pub fn file(&self, name: &str) -> Option<&[u8]> {
        self.files.iter().find(|(own, _)| own == name).map(|(_, bytes)| bytes.as_ref())
    }

    pub fn text(&self, name: &str) -> Result<&str, String> {
        let bytes = self.file(name).ok_or_else(|| format!("the widget has no {name}"))?;
        std::str::from_utf8(bytes).map_err(|_| format!("the widget's {name} is not UTF-8"))
    }

    /// The content-hashed `tool-compare-<hash>_bg.wasm` and the JS bindings
    /// of the same hash (named by the widget build's scripts/shrink-glue.mjs
    /// after what both hold).
    pub fn wasm_and_js(&self) -> Option<(&str, &str)> {
        self.files.iter().find_map(|(name, _)| {
            let stem = name.strip_suffix("_bg.wasm").filter(|stem| stem.starts_with("tool-compare-"))?;
            let js = self.files.iter().find(|(other, _)| other.strip_suffix(".js") == Some(stem))?;
            Some((name.as_str(), js.0.as_str()))
        })
    }

    /// The files a site gets as they are (the Wasm, its JS, the page's
    /// style sheet, the icon …): all but the templates, the card's style
    /// sheet (which the site names by its hash) and the compressed copies.
    pub fn published(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter(|(name, _)| {
                ![PAGE_TEMPLATE, EMBED_TEMPLATE, CARD_STYLE].contains(&name.as_str())
                    && !PRECOMPRESSED.iter().any(|ending| name.ends_with(ending))
            })
            .map(|(name, bytes)| (name.as_str(), bytes.as_ref()))
    }

    /// The copy of `name` compressed ahead with `ending` (`.br`, `.gz`).
    pub fn precompressed(&self, name: &str, ending: &str) -> Option<&[u8]> {
        self.file(&format!("{name}{ending}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_is_no_widget_build_is_named_with_what_it_lacks() {
        let dir = std::env::temp_dir().join(format!("tool-compare-not-a-widget-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(dir.join("tool-compare-01_bg.wasm"), "").unwrap();
        let Err(problem) = Widget::from_dir(&dir) else { panic!("a page alone is no widget") };
        assert_eq!(
            problem,
            format!(
                "--widget-dir {} is not a widget build: missing: embed.js, widget.css, the Wasm with its JS",
                dir.display()
            )
        );
        std::fs::write(dir.join("tool-compare-01.js"), "").unwrap();
        std::fs::write(dir.join("embed.js"), "").unwrap();
        std::fs::write(dir.join("embed.js.br"), "").unwrap();
        std::fs::write(dir.join("widget.css"), "").unwrap();
        let widget = Widget::from_dir(&dir).unwrap();
        assert_eq!(widget.wasm_and_js(), Some(("tool-compare-01_bg.wasm", "tool-compare-01.js")));
        let published: Vec<&str> = widget.published().map(|(name, _)| name).collect();
        assert_eq!(published, ["tool-compare-01.js", "tool-compare-01_bg.wasm"]);
    }
}
