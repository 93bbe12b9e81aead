//! The validator's report on one catalog text: what `validate-catalog`
//! prints, kept here so that it is tested without spawning the command.

use crate::parse::parse_catalog;
use crate::validate::{validate, Severity};

/// What the validator found.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// Checks catalog text and returns the report plus, when it parsed, its
/// tool and comparison counts.
pub fn check_catalog_text(text: &str) -> (Report, Option<(usize, usize)>) {
    let catalog = match parse_catalog(text) {
        Ok(catalog) => catalog,
        Err(err) => {
            return (Report { lines: vec![err.to_string()], errors: 1, warnings: 0 }, None);
        }
    };
    let problems = validate(&catalog);
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    let lines = problems
        .iter()
        .map(|p| match p.severity {
            Severity::Error => p.to_string(),
            Severity::Warning => format!("warning: {p}"),
        })
        .collect();
    let report = Report { lines, errors, warnings: problems.len() - errors };
    (report, Some((catalog.tools.len(), catalog.comparisons.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_catalog_passes() {
        let (report, counts) = check_catalog_text(include_str!("../../../public/catalog.json"));
        assert!(report.passed());
        assert_eq!(report.summary("catalog.json", counts), "catalog.json: valid (8 tools, 6 comparisons)");
    }

    #[test]
    fn every_problem_is_listed_with_its_path() {
        let text = r#"{"version":1,"reviewers":[{"id":"r","name":"R"},{"id":"idle","name":"I"}],
            "tools":[{"id":"a","name":"A","reviews":[{"reviewer":"futurist","verdict":"ship"},{"reviewer":"r","verdict":"meh"}]},
                     {"id":"a","name":"B"}]}"#;
        let (report, counts) = check_catalog_text(text);
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
        assert_eq!(report.summary("x.json", counts), "x.json: 3 errors, 1 warning");
    }

    #[test]
    fn syntax_errors_are_one_error_with_line_and_column() {
        let (report, counts) = check_catalog_text("{\n  \"version\": 1,\n  oops\n}");
        assert_eq!(report.lines, ["not valid JSON at line 3, column 3: key must be a string"]);
        assert_eq!(report.summary("x.json", counts), "x.json: 1 error, 0 warnings");
    }
}
