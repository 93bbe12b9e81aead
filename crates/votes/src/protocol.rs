//! Protocol v1, as the README documents it: what a vote change and a tally
//! request carry, what makes one unacceptable, and the answers.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The largest request body taken; a vote change is under 200 bytes.
pub const MAX_BODY_BYTES: usize = 1024;
/// A tool id's longest form (catalog ids are short slugs).
pub const MAX_ID_CHARS: usize = 100;
/// A voter id's longest form (the widget makes 32 hex digits).
pub const MAX_VOTER_CHARS: usize = 64;

/// `POST v1/vote`'s body as sent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VoteBody {
    a: String,
    b: String,
    /// `None`: the field is missing, which is refused rather than read as
    /// a withdrawal (a client that drops the field must not silently
    /// withdraw a vote); `Some(None)`: `null`, a withdrawal.
    #[serde(default, deserialize_with = "present")]
    choice: Option<Option<String>>,
    voter: String,
}

fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

/// A well-formed vote change: `choice` is `a` or `b`, or `None` to withdraw.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteChange {
    pub pair: UnorderedPair,
    pub choice: Option<String>,
    pub voter: String,
}

/// Two different tool ids in a fixed order, so that both orders of a pair
/// are one pair.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnorderedPair {
    pub first: String,
    pub second: String,
}

impl UnorderedPair {
    pub fn new(a: &str, b: &str) -> Result<UnorderedPair, Refusal> {
        for id in [a, b] {
            if id.is_empty() || id.chars().count() > MAX_ID_CHARS {
                return Err(Refusal::bad_request(format!("a tool id must have 1 to {MAX_ID_CHARS} characters")));
            }
        }
        if a == b {
            return Err(Refusal::unprocessable(format!("a and b are both {a:?}: a pair needs two tools")));
        }
        let (first, second) = if a < b { (a, b) } else { (b, a) };
        Ok(UnorderedPair { first: first.to_string(), second: second.to_string() })
    }
}

/// Why a request changes nothing: its status and a short reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    pub status: u16,
    pub reason: String,
}

impl Refusal {
    pub fn bad_request(reason: impl Into<String>) -> Refusal {
        Refusal { status: 400, reason: reason.into() }
    }

    pub fn unprocessable(reason: impl Into<String>) -> Refusal {
        Refusal { status: 422, reason: reason.into() }
    }

    /// `{"error": "<reason>"}`.
    pub fn body(&self) -> String {
        serde_json::json!({ "error": self.reason }).to_string()
    }
}

/// Reads a vote change's body; the catalog's check comes after.
pub fn read_vote(body: &[u8]) -> Result<VoteChange, Refusal> {
    if body.len() > MAX_BODY_BYTES {
        return Err(Refusal { status: 413, reason: format!("the body is over {MAX_BODY_BYTES} bytes") });
    }
    let body: VoteBody = serde_json::from_slice(body).map_err(|err| {
        Refusal::bad_request(format!(
            "the body is not a vote change ({{\"a\", \"b\", \"choice\", \"voter\"}}): {}",
            err.to_string().split(" at line").next().unwrap_or_default()
        ))
    })?;
    let Some(choice) = body.choice else {
        return Err(Refusal::bad_request("the body has no \"choice\": a or b to vote, null to withdraw"));
    };
    let voter_chars = body.voter.chars().count();
    if voter_chars == 0 || voter_chars > MAX_VOTER_CHARS || body.voter.chars().any(char::is_control) {
        return Err(Refusal::unprocessable(format!("voter must be 1 to {MAX_VOTER_CHARS} printable characters")));
    }
    if let Some(choice) = &choice {
        if choice != &body.a && choice != &body.b {
            return Err(Refusal::unprocessable(format!("choice {choice:?} is neither a nor b")));
        }
    }
    Ok(VoteChange { pair: UnorderedPair::new(&body.a, &body.b)?, choice, voter: body.voter })
}

/// A pair's votes by tool id; both ids are always present.
pub type Counts = BTreeMap<String, u64>;

/// `{"counts": {"<a>": n, "<b>": m}}`.
pub fn counts_body(counts: &Counts) -> String {
    serde_json::json!({ "counts": counts }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vote_change_reads_in_either_order_of_its_pair() {
        let vote = read_vote(br#"{"a": "phi", "b": "aider", "choice": "phi", "voter": "v1"}"#).unwrap();
        assert_eq!(vote.pair, UnorderedPair::new("aider", "phi").unwrap());
        assert_eq!(vote.choice.as_deref(), Some("phi"));
        let withdrawn = read_vote(br#"{"a": "phi", "b": "aider", "choice": null, "voter": "v1"}"#).unwrap();
        assert_eq!(withdrawn.choice, None);
    }

    #[test]
    fn unacceptable_changes_are_refused_with_their_reason() {
        let refused = |body: &[u8]| read_vote(body).unwrap_err();
        assert_eq!(refused(b"{").status, 400);
        let no_choice = refused(br#"{"a": "x", "b": "y", "voter": "v"}"#);
        assert_eq!(
            (no_choice.status, no_choice.reason.as_str()),
            (400, "the body has no \"choice\": a or b to vote, null to withdraw")
        );
        assert!(refused(br#"{"a": "x", "b": "y", "choice": "x"}"#).reason.contains("missing field `voter`"));
        let outside = refused(br#"{"a": "x", "b": "y", "choice": "z", "voter": "v"}"#);
        assert_eq!((outside.status, outside.reason.as_str()), (422, "choice \"z\" is neither a nor b"));
        assert_eq!(refused(br#"{"a": "x", "b": "x", "choice": null, "voter": "v"}"#).status, 422);
        assert_eq!(refused(br#"{"a": "x", "b": "y", "choice": null, "voter": ""}"#).status, 422);
        let long_voter = format!(r#"{{"a": "x", "b": "y", "choice": null, "voter": "{}"}}"#, "v".repeat(65));
        assert_eq!(refused(long_voter.as_bytes()).status, 422);
        assert_eq!(refused(&vec![b' '; MAX_BODY_BYTES + 1]).status, 413);
        assert_eq!(refused(br#"{"a": "x", "b": "y", "choice": null, "voter": "v", "extra": 1}"#).status, 400);
    }

    #[test]
    fn answers_are_short_json() {
        assert_eq!(Refusal::bad_request("no \"a\"").body(), r#"{"error":"no \"a\""}"#);
        let counts = Counts::from([("a".to_string(), 2), ("b".to_string(), 0)]);
        assert_eq!(counts_body(&counts), r#"{"counts":{"a":2,"b":0}}"#);
    }
}
