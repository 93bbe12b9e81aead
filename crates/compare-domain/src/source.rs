//! Reading a catalog from a file or an http(s) URL and checking it, split
//! catalogs' tool files and tools files included: what `validate-catalog`
//! prints, and what the pre-render refuses to render (natively only).

use std::io::{self, BufRead, BufReader};

use crate::limits::MAX_CATALOG_BYTES;
use crate::model::{Catalog, Tool};
use crate::report::{check_catalog_text, counts, Report};
use crate::tools_file::check_tools_file;

/// A catalog source read and checked.
pub struct Checked {
    pub report: Report,
    /// The catalog, when it parsed (it may still have errors).
    pub catalog: Option<Catalog>,
    /// Its text, when it could be read.
    pub text: Option<String>,
    /// The lines of its tools file that hold a tool, when it has one.
    pub tools_in_file: Option<usize>,
}

impl Checked {
    /// Every problem line, then the summary line: the validator's output.
    pub fn lines(&self, source: &str) -> Vec<String> {
        let mut lines = self.report.lines.clone();
        let counts = match (self.tools_in_file, &self.catalog) {
            (Some(tools), Some(catalog)) => Some((tools, catalog.comparisons.len())),
            _ => counts(self.catalog.as_ref()),
        };
        lines.push(self.report.summary(source, counts));
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

/// Reads and checks a catalog, and every tool file of a split catalog or
/// every line of its tools file (without keeping the tools).
pub fn check_source(source: &str) -> Checked {
    check_source_keeping(source, |_| {})
}

/// [`check_source`], handing each valid tool of a tools file to `keep`, as
/// it is read.
pub fn check_source_keeping(source: &str, keep: impl FnMut(Tool)) -> Checked {
    let text = match read_source(source) {
        Ok(text) => text,
        Err(message) => {
            let report = Report { lines: vec![message], errors: 1, warnings: 0 };
            return Checked { report, catalog: None, text: None, tools_in_file: None };
        }
    };
    let (mut report, catalog) = check_catalog_text(&text);
    let mut tools_in_file = None;
    if let Some(catalog) = &catalog {
        if let Some(file) = catalog.tools_file.as_deref().filter(|_| catalog.tools.is_empty()) {
            let lines = open_source(&beside(source, file));
            tools_in_file = Some(check_tools_file(catalog, file, lines, &mut report, keep).tools);
        }
        if let Some(template) = catalog.tool_details.as_deref() {
            // A split catalog: every tool's own file is part of it.
            for tool in &catalog.tools {
                let file = template.replace("{id}", &tool.id);
                report.add_tool_file(catalog, &file, &tool.id, read_source(&beside(source, &file)));
            }
        }
    }
    Checked { report, catalog, text: Some(text), tools_in_file }
}

/// A file or an http(s) URL, read as it arrives (a tools file may be far
/// larger than anything held in memory).
pub fn open_source(source: &str) -> io::Result<Box<dyn BufRead>> {
    if is_url(source) {
        let response = ureq::get(source).call().map_err(io::Error::other)?;
        Ok(Box::new(BufReader::new(response.into_body().into_with_config().reader())))
    } else {
        Ok(Box::new(BufReader::with_capacity(1 << 16, std::fs::File::open(source)?)))
    }
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
