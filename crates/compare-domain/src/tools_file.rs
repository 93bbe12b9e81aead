//! A catalog's tools file (`Catalog::tools_file`): JSON Lines, one tool a
//! line, read and checked one line at a time. A million tools never need to
//! be in memory together; what the whole file must agree on (unique ids,
//! the curated pairs' tools, reviewers without a review) is kept as ids.

use std::collections::{HashMap, HashSet};
use std::io::{self, BufRead};
use std::ops::ControlFlow;

use crate::json::UnknownField;
use crate::limits::{MAX_TOOLS_IN_FILE, MAX_TOOL_LINE_BYTES};
use crate::model::{Catalog, Tool};
use crate::parse::{parse_json_noting_unknown, ParseError};
use crate::report::{unknown_field_warnings, Report};
use crate::validate::{validate_after_tools_file, validate_tool_line, Problem, Severity};

/// Problem lines shown per tools file; the rest are counted. A file whose
/// every line is wrong would otherwise print a million lines that all say
/// the same.
const SHOWN_PROBLEMS: usize = 1_000;

/// One line of a tools file, as read.
pub enum ToolLine {
    Tool {
        tool: Tool,
        unknown: Vec<UnknownField>,
    },
    /// The line is not a tool at all (too long, not UTF-8, not JSON, not an
    /// object of the tool's shape): why.
    Unreadable(String),
}

/// Calls `each` with the number and content of every line that is not blank,
/// until it breaks or the file ends. A line longer than
/// `MAX_TOOL_LINE_BYTES` is skipped without being held in memory.
pub fn read_tool_lines(
    mut reader: impl BufRead,
    mut each: impl FnMut(usize, ToolLine) -> ControlFlow<()>,
) -> io::Result<()> {
    let mut buf = Vec::new();
    let mut number = 0;
    loop {
        buf.clear();
        let read = io::Read::take(&mut reader, MAX_TOOL_LINE_BYTES as u64 + 1).read_until(b'\n', &mut buf)?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        let line = if read > MAX_TOOL_LINE_BYTES && buf.last() != Some(&b'\n') {
            let bytes = read + skip_line(&mut reader)?;
            ToolLine::Unreadable(format!(
                "line of {bytes} bytes or more; a tool takes at most {MAX_TOOL_LINE_BYTES} bytes"
            ))
        } else {
            let bytes = buf.strip_suffix(b"\n").unwrap_or(&buf);
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            let bytes = if number == 1 { bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes) } else { bytes };
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            parse_line(bytes)
        };
        if each(number, line).is_break() {
            return Ok(());
        }
    }
}

/// Reads past the rest of an overlong line, a buffer at a time; how many
/// bytes it held.
fn skip_line(reader: &mut impl BufRead) -> io::Result<usize> {
    let mut skipped = 0;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(skipped);
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(end) => {
                reader.consume(end + 1);
                return Ok(skipped + end + 1);
            }
            None => {
                let len = chunk.len();
                reader.consume(len);
                skipped += len;
            }
        }
    }
}

fn parse_line(bytes: &[u8]) -> ToolLine {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            return ToolLine::Unreadable(format!("not UTF-8 text (invalid byte at column {})", err.valid_up_to() + 1))
        }
    };
    match parse_json_noting_unknown::<Tool>(text) {
        Ok((tool, unknown)) => ToolLine::Tool { tool, unknown },
        // A line is one line: its own line number is the file's.
        Err(ParseError::Syntax { column, message, .. }) => {
            ToolLine::Unreadable(format!("not valid JSON at column {column}: {message}"))
        }
        Err(ParseError::Shape { path, message }) if path == "(catalog)" => ToolLine::Unreadable(message),
        Err(err) => ToolLine::Unreadable(err.to_string()),
    }
}

/// What checking a tools file found besides its problems.
#[derive(Debug, Default)]
pub struct ToolsFileCheck {
    /// Lines that hold a tool (valid or not).
    pub tools: usize,
}

/// Checks every line of `file` (read from `reader`) against `catalog`, adds
/// each problem to `report` as `file:line: path: message`, and hands each
/// tool without errors to `keep`, in file order.
pub fn check_tools_file(
    catalog: &Catalog,
    file: &str,
    reader: io::Result<impl BufRead>,
    report: &mut Report,
    mut keep: impl FnMut(Tool),
) -> ToolsFileCheck {
    let reviewers: HashSet<&str> = catalog.reviewers.iter().map(|r| r.id.as_str()).collect();
    let mut first_line: HashMap<Box<str>, usize> = HashMap::new();
    let mut reviewers_used: HashSet<String> = HashSet::new();
    let mut found = ToolsFileCheck::default();
    let mut shown = Shown::default();
    let read = reader.and_then(|reader| {
        read_tool_lines(reader, |number, line| {
            let at = format!("{file}:{number}");
            let (tool, unknown) = match line {
                ToolLine::Tool { tool, unknown } => (tool, unknown),
                ToolLine::Unreadable(message) => {
                    shown.add(report, &[error("", message)], &at);
                    return ControlFlow::Continue(());
                }
            };
            found.tools += 1;
            if found.tools > MAX_TOOLS_IN_FILE {
                let message = format!("more than {MAX_TOOLS_IN_FILE} tools; the limit is {MAX_TOOLS_IN_FILE}");
                shown.add(report, &[error("", message)], &at);
                return ControlFlow::Break(());
            }
            let mut problems = unknown_field_warnings(&unknown);
            problems.extend(validate_tool_line(&reviewers, &tool));
            if !tool.id.is_empty() {
                match first_line.get(tool.id.as_str()) {
                    Some(first) => {
                        problems.push(error("id", format!("duplicate id {:?} (first used on line {first})", tool.id)))
                    }
                    None => {
                        first_line.insert(tool.id.as_str().into(), number);
                    }
                }
            }
            for review in &tool.reviews {
                if !reviewers_used.contains(&review.reviewer) {
                    reviewers_used.insert(review.reviewer.clone());
                }
            }
            let errors = problems.iter().any(|p| p.severity == Severity::Error);
            shown.add(report, &problems, &at);
            if !errors {
                keep(tool);
            }
            ControlFlow::Continue(())
        })
    });
    if let Err(err) = read {
        report.add_at(&[error("", format!("cannot read: {err}"))], file);
        return found;
    }
    shown.finish(report, file);
    match found.tools {
        0 => report.add_at(&[error("", "lists no tools".to_string())], file),
        1 => report.add_at(&[error("", "a comparison needs at least two tools; the file lists one".to_string())], file),
        _ => {}
    }
    let used: HashSet<&str> = reviewers_used.iter().map(String::as_str).collect();
    let after = validate_after_tools_file(catalog, |id| first_line.contains_key(id), &used);
    report.add_at(&after, "");
    found
}

fn error(path: &str, message: String) -> Problem {
    Problem { severity: Severity::Error, path: path.to_string(), message }
}

/// Counts the problems past `SHOWN_PROBLEMS` instead of listing them.
#[derive(Default)]
struct Shown {
    lines: usize,
    hidden: usize,
}

impl Shown {
    fn add(&mut self, report: &mut Report, problems: &[Problem], at: &str) {
        let room = SHOWN_PROBLEMS.saturating_sub(self.lines).min(problems.len());
        report.add_at(&problems[..room], at);
        report.count(&problems[room..]);
        self.lines += room;
        self.hidden += problems.len() - room;
    }

    fn finish(&self, report: &mut Report, file: &str) {
        if self.hidden > 0 {
            report.lines.push(format!("{file}: {} more problems not shown", self.hidden));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_catalog;

    const CATALOG: &str = r#"{"version":1,"tools_file":"tools.jsonl",
        "reviewers":[{"id":"r","name":"R"},{"id":"idle","name":"I"}],
        "comparisons":[{"tools":["a","b"]},{"tools":["a","zz"]}]}"#;

    fn check(lines: &str) -> (Report, Vec<String>) {
        let catalog = parse_catalog(CATALOG).unwrap();
        let mut report = Report::default();
        let mut kept = Vec::new();
        check_tools_file(&catalog, "tools.jsonl", Ok(lines.as_bytes()), &mut report, |tool| kept.push(tool.id));
        (report, kept)
    }

    #[test]
    fn each_problem_is_named_by_file_line_and_path() {
        let lines = concat!(
            "{\"id\":\"a\",\"name\":\"A\",\"reviews\":[{\"reviewer\":\"r\",\"verdict\":\"ship\"}]}\n",
            "\n",
            "{\"id\":\"b\",\"name\":\"B\",\"reviews\":[{\"reviewer\":\"x\",\"verdict\":\"ship\"}]}\r\n",
            "{\"id\":\"a\",\"name\":\"A again\",\"taglin\":\"t\"}\n",
            "{\"id\":\"c\",\"name\":\n",
            "[1]\n",
            "{\"id\":\"d\"}",
        );
        let (report, kept) = check(lines);
        assert_eq!(
            report.lines,
            [
                r#"tools.jsonl:3: reviews[0].reviewer: unknown reviewer "x""#,
                r#"warning: tools.jsonl:4: taglin: unknown field, ignored; did you mean "tagline"?"#,
                r#"tools.jsonl:4: id: duplicate id "a" (first used on line 1)"#,
                "tools.jsonl:5: not valid JSON at column 17: EOF while parsing a value",
                "tools.jsonl:6: invalid type: sequence, expected struct Tool",
                "tools.jsonl:7: missing field `name`",
                r#"comparisons[1].tools[1]: unknown tool "zz""#,
                r#"warning: reviewers[1]: reviewer "idle" has no reviews"#,
            ]
        );
        assert_eq!((report.errors, report.warnings), (6, 2));
        assert_eq!(kept, ["a"], "only tools without errors are kept");
    }

    #[test]
    fn a_file_needs_two_tools() {
        let (report, _) = check("");
        assert_eq!(report.lines[0], "tools.jsonl: lists no tools");
        let (report, _) = check("{\"id\":\"a\",\"name\":\"A\"}\n");
        assert_eq!(report.lines[0], "tools.jsonl: a comparison needs at least two tools; the file lists one");
    }

    #[test]
    fn an_overlong_line_is_refused_without_being_held() {
        let long = format!("{{\"id\":\"a\",\"name\":\"{}\"}}\n", "x".repeat(MAX_TOOL_LINE_BYTES));
        let lines = format!("{long}{{\"id\":\"b\",\"name\":\"B\"}}\n{{\"id\":\"c\",\"name\":\"C\"}}\n");
        let (report, kept) = check(&lines);
        assert_eq!(
            report.lines[0],
            format!(
                "tools.jsonl:1: line of {} bytes or more; a tool takes at most {MAX_TOOL_LINE_BYTES} bytes",
                long.len()
            )
        );
        assert_eq!(kept, ["b", "c"], "reading goes on after the long line");
    }

    #[test]
    fn reading_stops_past_the_ceiling() {
        // Lines are generated as they are read, so the test holds no
        // million-line text, and stops one line past the limit.
        struct Endless {
            line: Vec<u8>,
            at: usize,
            served: usize,
        }
        impl io::Read for Endless {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                let mut n = 0;
                while n < out.len() {
                    if self.at == self.line.len() {
                        self.served += 1;
                        self.line = format!("{{\"id\":\"t{}\",\"name\":\"T\"}}\n", self.served).into_bytes();
                        self.at = 0;
                    }
                    let take = (self.line.len() - self.at).min(out.len() - n);
                    out[n..n + take].copy_from_slice(&self.line[self.at..self.at + take]);
                    self.at += take;
                    n += take;
                }
                Ok(n)
            }
        }
        let catalog = parse_catalog(r#"{"version":1,"tools_file":"tools.jsonl"}"#).unwrap();
        let mut report = Report::default();
        let endless = io::BufReader::new(Endless { line: Vec::new(), at: 0, served: 0 });
        let found = check_tools_file(&catalog, "tools.jsonl", Ok(endless), &mut report, |_| {});
        assert_eq!(found.tools, MAX_TOOLS_IN_FILE + 1);
        assert_eq!(
            report.lines,
            [format!("tools.jsonl:{}: more than 1000000 tools; the limit is 1000000", MAX_TOOLS_IN_FILE + 1)]
        );
    }

    #[test]
    fn problems_past_a_thousand_are_counted_not_listed() {
        let lines = "{\"id\":\"A\",\"name\":\"A\"}\n".repeat(1_500);
        let catalog = parse_catalog(r#"{"version":1,"tools_file":"tools.jsonl"}"#).unwrap();
        let mut report = Report::default();
        check_tools_file(&catalog, "tools.jsonl", Ok(lines.as_bytes()), &mut report, |_| {});
        // Every line's id is invalid, and every line after the first repeats it.
        assert_eq!(report.errors, 1_500 + 1_499);
        assert_eq!(report.lines.len(), SHOWN_PROBLEMS + 1);
        assert_eq!(report.lines[SHOWN_PROBLEMS], "tools.jsonl: 1999 more problems not shown");
    }

    #[test]
    fn text_that_is_not_utf8_is_named() {
        let mut lines = b"{\"id\":\"a\",\"name\":\"A\"}\n{\"id\":\"b\",\"name\":\"".to_vec();
        lines.extend([0xff, b'"', b'}', b'\n']);
        let catalog = parse_catalog(CATALOG).unwrap();
        let mut report = Report::default();
        check_tools_file(&catalog, "t.jsonl", Ok(&lines[..]), &mut report, |_| {});
        assert_eq!(report.lines[0], "t.jsonl:2: not UTF-8 text (invalid byte at column 19)");
    }

    #[test]
    fn a_file_that_cannot_be_read_is_named() {
        let catalog = parse_catalog(CATALOG).unwrap();
        let mut report = Report::default();
        let missing = std::fs::File::open("/nonexistent/tools.jsonl").map(io::BufReader::new);
        check_tools_file(&catalog, "tools.jsonl", missing, &mut report, |_| {});
        assert!(report.lines[0].starts_with("tools.jsonl: cannot read: "), "{:?}", report.lines);
        assert_eq!(report.errors, 1);
    }
}
