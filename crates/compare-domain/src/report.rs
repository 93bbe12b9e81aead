//! The validator's report on one catalog text: what `validate-catalog`
//! prints, kept here so that it is tested without spawning the command.

use crate::json::UnknownField;
use crate::model::{Catalog, Tool};
use crate::parse::{parse_catalog_noting_unknown, parse_json_noting_unknown};
use crate::text::closest;
use crate::validate::{validate, validate_tool_file, Problem, Severity};

/// What the validator found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// One line a problem: `path: message`, or `warning: path: message`.
    pub lines: Vec<String>,
    pub errors: usize,
    pub warnings: usize,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.errors == 0
    }

    /// Adds the problems of one tool file of a split catalog, each line
    /// prefixed with the file's name.
    pub fn add_tool_file(&mut self, catalog: &Catalog, file: &str, expected_id: &str, text: Result<String, String>) {
        let read = |text: String| parse_json_noting_unknown::<Tool>(&text).map_err(|err| err.to_string());
        let problems: Vec<Problem> = match text.and_then(read) {
            Ok((tool, unknown)) => unknown_field_warnings(&unknown)
                .into_iter()
                .chain(validate_tool_file(catalog, &tool, expected_id))
                .collect(),
            Err(message) => {
                self.lines.push(format!("{file}: {message}"));
                self.errors += 1;
                return;
            }
        };
        self.add_at(&problems, file);
    }

    /// Adds problems found in `at` (a file, or `file:line`; empty for the
    /// catalog itself), each line prefixed with it. A problem with an empty
    /// path is about `at` as a whole.
    pub fn add_at(&mut self, problems: &[Problem], at: &str) {
        self.count(problems);
        for problem in problems {
            let warning = if problem.severity == Severity::Warning { "warning: " } else { "" };
            let line = match (at, problem.path.as_str()) {
                ("", _) => format!("{warning}{problem}"),
                (at, "") => format!("{warning}{at}: {}", problem.message),
                (at, _) => format!("{warning}{at}: {problem}"),
            };
            self.lines.push(line);
        }
    }

    /// Counts problems without listing them.
    pub fn count(&mut self, problems: &[Problem]) {
        for problem in problems {
            match problem.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
        }
    }

    /// The report with every warning counted as an error (`--strict`).
    pub fn strict(self) -> Report {
        let lines = self
            .lines
            .into_iter()
            .map(|line| line.strip_prefix("warning: ").map(str::to_string).unwrap_or(line))
            .collect();
        Report { lines, errors: self.errors + self.warnings, warnings: 0 }
    }

    /// The warnings, each line starting with `warning: `.
    pub fn warning_lines(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(String::as_str).filter(|line| line.starts_with("warning: "))
    }

    /// "catalog.json: 2 errors, 1 warning" or "catalog.json: valid (8 tools, 6 comparisons)".
    pub fn summary(&self, source: &str, tools: Option<(usize, usize)>) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        match (self.errors, tools) {
            (0, Some((tools, comparisons))) => format!(
                "{source}: valid ({}, {}){}",
                plural(tools, "tool"),
                plural(comparisons, "comparison"),
                if self.warnings > 0 { format!(", {}", plural(self.warnings, "warning")) } else { String::new() }
            ),
            _ => format!("{source}: {}, {}", plural(self.errors, "error"), plural(self.warnings, "warning")),
        }
    }
}

/// Checks catalog text and returns the report plus, when it parsed, the
/// catalog (a split catalog's tool files are checked with `add_tool_file`).
pub fn check_catalog_text(text: &str) -> (Report, Option<Catalog>) {
    let (catalog, unknown) = match parse_catalog_noting_unknown(text) {
        Ok(read) => read,
        Err(err) => {
            return (Report { lines: vec![err.to_string()], errors: 1, warnings: 0 }, None);
        }
    };
    let mut report = Report::default();
    report.add_at(&unknown_field_warnings(&unknown), "");
    report.add_at(&validate(&catalog), "");
    (report, Some(catalog))
}

/// A warning for each field the reader ignored: catalogs stay forward
/// compatible, but a typo (`taglin`) would otherwise lose its text silently.
pub(crate) fn unknown_field_warnings(unknown: &[UnknownField]) -> Vec<Problem> {
    unknown
        .iter()
        .map(|field| {
            let name = field.path.rsplit('.').next().unwrap_or(&field.path);
            let message = match closest(name, field.known) {
                Some(known) => format!("unknown field, ignored; did you mean \"{known}\"?"),
                None => "unknown field, ignored".to_string(),
            };
            Problem { severity: Severity::Warning, path: field.path.clone(), message }
        })
        .collect()
}

/// How many tools and comparisons a parsed catalog has, for the summary.
pub fn counts(catalog: Option<&Catalog>) -> Option<(usize, usize)> {
    catalog.map(|c| (c.tools.len(), c.comparisons.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_catalog_passes() {
        let (report, catalog) = check_catalog_text(include_str!("../../../public/catalog.json"));
        assert!(report.passed());
        assert_eq!(
            report.summary("catalog.json", counts(catalog.as_ref())),
            "catalog.json: valid (8 tools, 6 comparisons)"
        );
    }

    #[test]
    fn every_problem_is_listed_with_its_path() {
        let text = r#"{"version":1,"reviewers":[{"id":"r","name":"R"},{"id":"idle","name":"I"}],
            "tools":[{"id":"a","name":"A","reviews":[{"reviewer":"futurist","verdict":"ship"},{"reviewer":"r","verdict":"meh"}]},
                     {"id":"a","name":"B"}]}"#;
        let (report, catalog) = check_catalog_text(text);
        assert_eq!(
            report.lines,
            [
                r#"tools[0].reviews[0].reviewer: unknown reviewer "futurist""#,
                r#"tools[0].reviews[1].verdict: unknown verdict "meh" (expected "ship" or "skip")"#,
                r#"tools[1].id: duplicate id "a" (first used by tools[0])"#,
                r#"warning: reviewers[1]: reviewer "idle" has no reviews"#,
            ]
        );
        assert!(!report.passed());
        assert_eq!(report.summary("x.json", counts(catalog.as_ref())), "x.json: 3 errors, 1 warning");
    }

    #[test]
    fn unknown_fields_are_warned_about_with_the_field_they_resemble() {
        let text = include_str!("../../../public/catalog.json")
            .replacen("\"tagline\"", "\"taglin\"", 1)
            .replacen("\"baseline_votes\"", "\"baseline_vote\"", 1)
            .replacen("\"version\"", "\"logo\": \"x.png\", \"version\"", 1);
        let (report, catalog) = check_catalog_text(&text);
        assert_eq!(
            report.lines,
            [
                "warning: logo: unknown field, ignored",
                r#"warning: tools[0].taglin: unknown field, ignored; did you mean "tagline"?"#,
                r#"warning: comparisons[0].baseline_vote: unknown field, ignored; did you mean "baseline_votes"?"#,
            ]
        );
        assert!(report.passed(), "warnings alone pass");
        assert_eq!(
            report.summary("x.json", counts(catalog.as_ref())),
            "x.json: valid (8 tools, 6 comparisons), 3 warnings"
        );
        let strict = report.strict();
        assert!(!strict.passed());
        assert_eq!(strict.lines[0], "logo: unknown field, ignored");
        assert_eq!(strict.summary("x.json", counts(catalog.as_ref())), "x.json: 3 errors, 0 warnings");
    }

    #[test]
    fn syntax_errors_are_one_error_with_line_and_column() {
        let (report, catalog) = check_catalog_text("{\n  \"version\": 1,\n  oops\n}");
        assert_eq!(report.lines, ["not valid JSON at line 3, column 3: key must be a string"]);
        assert_eq!(report.summary("x.json", counts(catalog.as_ref())), "x.json: 1 error, 0 warnings");
    }

    #[test]
    fn tool_files_are_reported_with_their_names() {
        let (index, details) = crate::synthetic::split_synthetic_catalog(3);
        let (mut report, catalog) = check_catalog_text(&serde_json::to_string(&index).unwrap());
        let catalog = catalog.unwrap();
        report.add_tool_file(
            &catalog,
            "tools/tool-00000.json",
            "tool-00000",
            Ok(serde_json::to_string(&details[0]).unwrap()),
        );
        assert!(report.passed(), "{:?}", report.lines);
        report.add_tool_file(
            &catalog,
            "tools/tool-00001.json",
            "tool-00001",
            Ok(serde_json::to_string(&details[2]).unwrap()),
        );
        report.add_tool_file(&catalog, "tools/tool-00002.json", "tool-00002", Err("cannot read: gone".into()));
        // Tool files are read as catalogs are: a byte order mark is accepted.
        let marked = format!("\u{feff}{}", serde_json::to_string(&details[0]).unwrap());
        report.add_tool_file(&catalog, "tools/tool-00000.json", "tool-00000", Ok(marked));
        assert_eq!(
            report.lines,
            [
                r#"tools/tool-00001.json: id: the file describes "tool-00002", not "tool-00001""#,
                "tools/tool-00002.json: cannot read: gone",
            ]
        );
    }
}
