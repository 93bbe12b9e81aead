//! The widget's side of the vote collector's protocol v1 (the README's
//! "Votes across readers"): the addresses, the vote change it sends and the
//! counts it reads back, which must be exactly the pair's two tools with
//! whole, non-negative counts — anything else is garbage and is not shown.

use std::fmt;

use crate::json::{self, ReadJson, Reader};
use crate::parse::ParseError;

/// The collector's address as the catalog gives it, ending in `/`.
pub fn collector_base(votes_url: &str) -> String {
    let mut base = votes_url.trim().to_string();
    if !base.ends_with('/') {
        base.push('/');
    }
    base
}

/// Where vote changes go.
pub fn vote_url(base: &str) -> String {
    format!("{base}v1/vote")
}

/// Where a pair's counts are read (tool ids are plain: letters, digits and
/// `-_.`, so they need no escaping).
pub fn tally_url(base: &str, a: &str, b: &str) -> String {
    format!("{base}v1/tally?a={a}&b={b}")
}

/// `{"a": …, "b": …, "choice": … or null, "voter": …}`.
pub fn vote_body(a: &str, b: &str, choice: Option<&str>, voter: &str) -> String {
    let mut body = String::from("{\"a\":");
    json::write_string(&mut body, a);
    body.push_str(",\"b\":");
    json::write_string(&mut body, b);
    body.push_str(",\"choice\":");
    match choice {
        Some(tool) => json::write_string(&mut body, tool),
        None => body.push_str("null"),
    }
    body.push_str(",\"voter\":");
    json::write_string(&mut body, voter);
    body.push('}');
    body
}

/// Why an answer's counts cannot be shown.
#[derive(Debug, Clone, PartialEq)]
pub struct GarbledCounts(pub String);

impl fmt::Display for GarbledCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the vote collector's answer is not the pair's counts: {}", self.0)
    }
}

/// The counts of `a` and `b` in an answer `{"counts": {"<a>": n, "<b>": m}}`.
pub fn read_counts(text: &str, a: &str, b: &str) -> Result<[u64; 2], GarbledCounts> {
    let (Answer(entries), _) = json::read::<Answer>(text).map_err(|err| GarbledCounts(err.to_string()))?;
    let count = |id: &str| {
        entries
            .iter()
            .find(|(key, _)| key == id)
            .map(|(_, n)| *n)
            .ok_or_else(|| GarbledCounts(format!("no count for {id:?}")))
    };
    if entries.len() != 2 {
        return Err(GarbledCounts(format!("{} counts for a pair", entries.len())));
    }
    Ok([count(a)?, count(b)?])
}

struct Answer(Vec<(String, u64)>);

impl ReadJson for Answer {
    fn read_json(reader: &mut Reader) -> Result<Answer, ParseError> {
        const FIELDS: &[&str] = &["counts"];
        let mut entries = Vec::new();
        let seen = reader.object("the collector's answer", FIELDS, |reader, _| {
            reader.entries("counts by tool id", |reader, key| {
                let n = reader.integer()?;
                let n = u64::try_from(n).map_err(|_| reader.shape(format!("a negative count {n}")))?;
                entries.push((key.to_string(), n));
                Ok(())
            })
        })?;
        reader.require(seen, FIELDS, &[0])?;
        Ok(Answer(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_the_vote_change() {
        let base = collector_base("https://votes.example.com");
        assert_eq!(vote_url(&base), "https://votes.example.com/v1/vote");
        assert_eq!(tally_url(&base, "a", "b"), "https://votes.example.com/v1/tally?a=a&b=b");
        assert_eq!(vote_body("a", "b\"", None, "v1"), r#"{"a":"a","b":"b\"","choice":null,"voter":"v1"}"#);
        assert_eq!(vote_body("a", "b", Some("a"), "v1"), r#"{"a":"a","b":"b","choice":"a","voter":"v1"}"#);
    }

    #[test]
    fn counts_are_read_in_the_pairs_order() {
        assert_eq!(read_counts(r#"{"counts": {"b": 2, "a": 5}}"#, "a", "b"), Ok([5, 2]));
    }

    #[test]
    fn garbage_is_refused() {
        for garbage in [
            "<html>502 Bad Gateway</html>",
            r#"{"counts": {"a": 1}}"#,
            r#"{"counts": {"a": 1, "c": 2}}"#,
            r#"{"counts": {"a": -1, "b": 2}}"#,
            r#"{"counts": {"a": 1.5, "b": 2}}"#,
            r#"{"counts": {"a": 1, "b": 2, "c": 3}}"#,
            r#"{"counts": {"a": 1, "a": 2}}"#,
            r#"{"total": 3}"#,
            "",
        ] {
            assert!(read_counts(garbage, "a", "b").is_err(), "{garbage}");
        }
    }
}
