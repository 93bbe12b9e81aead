//! Turning catalog text into a [`Catalog`], with errors that say where.

use std::fmt;

use crate::json::{self, ReadJson, UnknownField};
use crate::limits::MAX_CATALOG_BYTES;
use crate::model::Catalog;

/// Why catalog text could not be read as a catalog at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The text exceeds [`MAX_CATALOG_BYTES`].
    TooLarge { bytes: usize },
    /// Not JSON (or cut short): where the reader stopped.
    Syntax { line: usize, column: usize, message: String },
    /// JSON, but a field has the wrong shape.
    Shape { path: String, message: String },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::TooLarge { bytes } => {
                write!(f, "catalog is {bytes} bytes; the limit is {MAX_CATALOG_BYTES} bytes")
            }
            ParseError::Syntax { line, column, message } => {
                write!(f, "not valid JSON at line {line}, column {column}: {message}")
            }
            ParseError::Shape { path, message } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Parses catalog text. A leading UTF-8 byte order mark is accepted, since
/// editors on some systems add one.
pub fn parse_catalog(text: &str) -> Result<Catalog, ParseError> {
    parse_json(text)
}

/// Parses catalog text, also returning the fields it ignored because the
/// catalog format has no such field (for the validator's warnings).
pub fn parse_catalog_noting_unknown(text: &str) -> Result<(Catalog, Vec<UnknownField>), ParseError> {
    parse_json_noting_unknown(text)
}

/// [`parse_json`], also returning the fields it ignored.
pub fn parse_json_noting_unknown<T: ReadJson>(text: &str) -> Result<(T, Vec<UnknownField>), ParseError> {
    json::read(checked(text)?)
}

/// Parses a catalog or one of its tool files, with the same size limit,
/// byte order mark handling and error paths.
pub fn parse_json<T: ReadJson>(text: &str) -> Result<T, ParseError> {
    parse_json_noting_unknown(text).map(|(value, _)| value)
}

fn checked(text: &str) -> Result<&str, ParseError> {
    if text.len() > MAX_CATALOG_BYTES {
        return Err(ParseError::TooLarge { bytes: text.len() });
    }
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"version":1,"tools":[{"id":"a","name":"A"}]}"#;

    #[test]
    fn reads_a_minimal_catalog() {
        let catalog = parse_catalog(MINIMAL).unwrap();
        assert_eq!(catalog.tools[0].name, "A");
        assert!(catalog.comparisons.is_empty());
    }

    #[test]
    fn accepts_a_leading_byte_order_mark() {
        let text = format!("\u{feff}{MINIMAL}");
        assert_eq!(parse_catalog(&text).unwrap().tools.len(), 1);
    }

    #[test]
    fn ignores_unknown_fields() {
        let text = r#"{"version":1,"future":{"x":1},"tools":[{"id":"a","name":"A","logo":"a.png"}]}"#;
        assert_eq!(parse_catalog(text).unwrap().tools[0].id, "a");
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let err = parse_catalog("{\n  \"version\": 1,\n  \"tools\": [,]\n}").unwrap_err();
        match err {
            ParseError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 13)),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn truncated_text_is_a_syntax_error() {
        let err = parse_catalog(&MINIMAL[..30]).unwrap_err();
        assert!(matches!(err, ParseError::Syntax { .. }), "{err:?}");
        assert!(err.to_string().contains("EOF"), "{err}");
    }

    #[test]
    fn wrong_shapes_name_the_field_path() {
        let text = r#"{"version":1,"tools":[{"id":"a","name":"A"},{"id":"b","name":7}]}"#;
        let err = parse_catalog(text).unwrap_err();
        assert_eq!(err.to_string(), "tools[1].name: invalid type: integer `7`, expected a string");
    }

    #[test]
    fn a_missing_required_field_is_named() {
        let err = parse_catalog(r#"{"version":1}"#).unwrap_err();
        assert_eq!(err.to_string(), "(catalog): missing field `tools`");
    }

    #[test]
    fn html_is_not_json() {
        let err = parse_catalog("<!doctype html><title>Not found</title>").unwrap_err();
        assert!(err.to_string().starts_with("not valid JSON at line 1, column 1"), "{err}");
    }

    #[test]
    fn trailing_garbage_is_rejected() {
        let err = parse_catalog(&format!("{MINIMAL} x")).unwrap_err();
        assert!(matches!(err, ParseError::Syntax { .. }), "{err:?}");
    }

    #[test]
    fn deep_nesting_neither_crashes_nor_hangs() {
        // The schema fixes the depth of every known field; anything deeper is
        // a shape error, and unknown fields are skipped without recursion.
        let nest = |inner: &str| format!("{}{inner}{}", "[".repeat(100_000), "]".repeat(100_000));
        let ignored = format!(r#"{{"version":1,"extra":{},"tools":[]}}"#, nest("1"));
        assert!(parse_catalog(&ignored).is_ok());
        let known = format!(r#"{{"version":1,"tools":[{}]}}"#, nest("1"));
        assert_eq!(
            parse_catalog(&known).unwrap_err().to_string(),
            "tools[0]: invalid type: sequence, expected struct Tool"
        );
    }

    #[test]
    fn oversized_text_is_refused_before_parsing() {
        let text = " ".repeat(MAX_CATALOG_BYTES + 1);
        assert!(matches!(parse_catalog(&text), Err(ParseError::TooLarge { .. })));
    }
}
