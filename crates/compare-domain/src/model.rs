//! The catalog as a site owner writes it (schema version 1).
//!
//! Fields are deliberately permissive (plain strings and signed integers) so
//! that a hand-written catalog with several mistakes parses, and validation
//! can then report every mistake with its path instead of only the first.
//! Unknown fields are ignored so that newer catalogs still load.

use serde::{Deserialize, Serialize};

/// The catalog schema version this code reads.
pub const SCHEMA_VERSION: i64 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// Schema version; must be [`SCHEMA_VERSION`].
    pub version: i64,
    /// Heading shown above the pair, e.g. "AI tool comparison".
    #[serde(default)]
    pub title: String,
    /// One sentence under the pair's heading.
    #[serde(default)]
    pub intro: String,
    /// The panel of reviewers whose verdicts the tools carry.
    #[serde(default)]
    pub reviewers: Vec<Reviewer>,
    pub tools: Vec<Tool>,
    /// Curated pairs; the first one is the default pair.
    #[serde(default)]
    pub comparisons: Vec<Comparison>,
    /// Optional call to action shown under the card as a plain link.
    #[serde(default)]
    pub cta: Option<CallToAction>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reviewer {
    pub id: String,
    pub name: String,
    /// What this reviewer looks at, e.g. "Buyer, budget and moat".
    #[serde(default)]
    pub lens: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tool {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub tagline: String,
    #[serde(default)]
    pub description: String,
    /// Home page; http or https only.
    #[serde(default)]
    pub link: Option<String>,
    /// The pricing read: "Free", "Freemium", "Paid", ...
    #[serde(default)]
    pub entry: String,
    #[serde(default)]
    pub reviews: Vec<Review>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// Id of a reviewer of the panel.
    pub reviewer: String,
    /// "ship" or "skip"; anything else is reported by validation.
    pub verdict: String,
    #[serde(default)]
    pub quote: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    Ship,
    Skip,
}

impl Verdict {
    pub fn parse(text: &str) -> Option<Verdict> {
        match text {
            "ship" => Some(Verdict::Ship),
            "skip" => Some(Verdict::Skip),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ship => "ship",
            Verdict::Skip => "skip",
        }
    }
}

impl Review {
    pub fn verdict(&self) -> Option<Verdict> {
        Verdict::parse(&self.verdict)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The two tool ids, in display order.
    pub tools: [String; 2],
    /// The vote question; defaults to the seed's.
    #[serde(default)]
    pub question: Option<String>,
    /// Published vote counts for `tools[0]` and `tools[1]`, e.g. from a
    /// server the site owner runs. This browser's own vote is added on top.
    #[serde(default)]
    pub baseline_votes: [i64; 2],
    /// When the comparison was last updated, as `YYYY-MM-DD`.
    #[serde(default)]
    pub updated: Option<String>,
}

pub const DEFAULT_QUESTION: &str = "Which one would you ship with?";

impl Comparison {
    pub fn question(&self) -> &str {
        self.question.as_deref().unwrap_or(DEFAULT_QUESTION)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallToAction {
    /// Small heading, e.g. "Weekly AI Tool Verdicts".
    #[serde(default)]
    pub kicker: String,
    /// The link text, e.g. "Get the next comparison in your inbox".
    pub text: String,
    #[serde(default)]
    pub blurb: String,
    pub link: String,
}
