//! Reading a catalog from a file or an http(s) URL and checking it, split
//! catalogs' tool files included: what `validate-catalog` prints, and what
//! the pre-render refuses to render (natively only).

use crate::limits::MAX_CATALOG_BYTES;
use crate::model::Catalog;
use crate::report::{check_catalog_text, counts, Report};

/// A catalog source read and checked.
pub struct Checked {
    pub report: Report,
    /// The catalog, when it parsed (it may still have errors).
    pub catalog: Option<Catalog>,
    /// Its text, when it could be read.
    pub text: Option<String>,
}

impl Checked {
    /// Every problem line, then the summary line: the validator's output.
    pub fn lines(&self, source: &str) -> Vec<String> {
        let mut lines = self.report.lines.clone();
        lines.push(self.report.summary(source, counts(self.catalog.as_ref())));
        lines
    }
}

/// The validator's output for each of `sources` (every problem with its
/// path, then a summary line; one line for a source that cannot be read),
/// and whether all passed. `strict` counts warnings as errors.
pub fn check_sources(sources: &[String], strict: bool) -> (Vec<String>, bool) {
    let mut lines = Vec::new();
    let mut passed = true;
    for source in sources {
        let mut checked = check_source(source);
        if strict {
            checked.report = checked.report.strict();
        }
        if checked.text.is_none() {
            lines.push(format!("{source}: {}", checked.report.lines[0]));
            passed = false;
            continue;
        }
        lines.extend(checked.lines(source));
        passed &= checked.report.passed();
    }
    (lines, passed)
}

/// Reads and checks a catalog, and every tool file of a split catalog.
pub fn check_source(source: &str) -> Checked {
    let text = match read_source(source) {
        Ok(text) => text,
        Err(message) => {
            let report = Report { lines: vec![message], errors: 1, warnings: 0 };
            return Checked { report, catalog: None, text: None };
        }
    };
    let (mut report, catalog) = check_catalog_text(&text);
    if let Some(catalog) = &catalog {
        if let Some(template) = catalog.tool_details.as_deref() {
            // A split catalog: every tool's own file is part of it.
            for tool in &catalog.tools {
                let file = template.replace("{id}", &tool.id);
                report.add_tool_file(catalog, &file, &tool.id, read_source(&beside(source, &file)));
            }
        }
    }
    Checked { report, catalog, text: Some(text) }
}

/// The text of a file or an http(s) URL, at most the catalog size limit.
pub fn read_source(source: &str) -> Result<String, String> {
    let bytes = if is_url(source) {
        let mut response = ureq::get(source).call().map_err(|err| format!("cannot fetch: {err}"))?;
        response
            .body_mut()
            .with_config()
            .limit(MAX_CATALOG_BYTES as u64 + 1)
            .read_to_vec()
            .map_err(|err| format!("cannot fetch: {err}"))?
    } else {
        std::fs::read(source).map_err(|err| format!("cannot read: {err}"))?
    };
    String::from_utf8(bytes)
        .map_err(|err| format!("not UTF-8 text (invalid byte at offset {})", err.utf8_error().valid_up_to()))
}

pub fn is_url(source: &str) -> bool {
    source.starts_with("http://") || source.starts_with("https://")
}

/// `relative` resolved against the catalog's own path or URL.
pub fn beside(source: &str, relative: &str) -> String {
    if is_url(relative) {
        return relative.to_string();
    }
    match source.rfind('/') {
        Some(slash) => format!("{}{relative}", &source[..=slash]),
        None => relative.to_string(),
    }
}
