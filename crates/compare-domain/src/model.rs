//! The catalog as a site owner writes it (schema version 1).
//!
//! Fields are deliberately permissive (plain strings and signed integers) so
//! that a hand-written catalog with several mistakes parses, and validation
//! can then report every mistake with its path instead of only the first.
//! Unknown fields are ignored so that newer catalogs still load (and the
//! validator warns about each). The types read themselves with the reader
//! in `catalog_reader`; their serde attributes serve the JSON Schema and
//! the native tools that write catalogs.

use serde::Serialize;

// The JSON Schema shipped as catalog.schema.json is derived from these types
// (natively only): the `schemars` attributes state in the schema what
// validation checks, so editors flag mistakes as the site owner types.

/// The catalog schema version this code reads.
pub const SCHEMA_VERSION: i64 = 1;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Catalog {
    /// Schema version of the catalog; this widget reads version 1.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 1)))]
    pub version: i64,
    /// Heading shown above the pair, e.g. "AI tool comparison".
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 300)))]
    pub title: String,
    /// One sentence under the pair's heading.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 300)))]
    pub intro: String,
    /// The panel of reviewers whose verdicts the tools carry.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 100)))]
    pub reviewers: Vec<Reviewer>,
    /// The tools, at least two. A large catalog keeps them in `tools_file`
    /// instead, and leaves this out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 2, max = 20000)))]
    pub tools: Vec<Tool>,
    /// In place of `tools`, for large catalogs: a JSON Lines file beside the
    /// catalog (e.g. "tools.jsonl") with one tool object per line, the same
    /// fields and rules as in `tools`. It is read line by line, so a million
    /// tools never need to be in memory at once. `tool-compare build`
    /// publishes the tools in the form the widget reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 2048)))]
    pub tools_file: Option<String>,
    /// Curated pairs; the first one is the default pair.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 1000)))]
    pub comparisons: Vec<Comparison>,
    /// Optional call to action shown under the card as a plain link.
    #[serde(default)]
    pub cta: Option<CallToAction>,
    /// Overrides of the widget's own strings, e.g. a translation.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "crate::labels::LabelsSchema"))]
    pub labels: crate::labels::Labels,
    /// The language of the catalog's texts and labels as a BCP 47 tag, e.g.
    /// "de" or "pt-BR": the card is marked with it (screen readers pronounce
    /// it so), and counts in the labels take its plural forms. Default "en".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(regex(pattern = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"), length(max = 35))
    )]
    pub language: Option<String>,
    /// Where the widget's `dist/` folder is published (http or https), e.g.
    /// "https://widgets.example.com/compare/". The pre-rendered pages of
    /// curated pairs then get absolute canonical and Open Graph addresses;
    /// without it their canonical links are relative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(regex(pattern = r"^[hH][tT][tT][pP][sS]?://[^\s/?#]+"), length(max = 2048))
    )]
    pub site_url: Option<String>,
    /// Split layout for large catalogs: the URL of each tool's own file,
    /// with `{id}` for the tool id, relative to the catalog (e.g.
    /// `"tools/{id}.json"`). `tools` then lists only what the pickers need
    /// (id, name, category), and the widget fetches the
    /// full tool, reviews included, for the two tools on the card.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = r"\{id\}"), length(max = 2048)))]
    pub tool_details: Option<String>,
    /// The site's name, for the preview image of each curated pair's page
    /// (and its `og:site_name`). Without it the page template's `<title>`
    /// is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 120)))]
    pub site_name: Option<String>,
    /// A vote collector (protocol v1, the README's "Votes across readers"),
    /// e.g. "https://votes.example.com/": each vote change is sent there,
    /// and the community figure counts every reader's vote. Without it the
    /// figure is the published counts plus this browser's vote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(regex(pattern = r"^[hH][tT][tT][pP][sS]?://[^\s/?#]+"), length(max = 2048))
    )]
    pub votes_url: Option<String>,
    /// Offers the card's "Share" control: the pair's link and its embed
    /// code. `false` takes it away. Default `true`.
    #[serde(default = "offered", skip_serializing_if = "is_offered")]
    pub share: bool,
    /// Written by `tool-compare build`, never by hand: the catalog is the
    /// manifest of a sharded site (see `compare_domain::shards`), whose
    /// `tools` lists only the curated pairs' tools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shards: Option<Shards>,
}

/// Where a sharded catalog's tools are (written by `tool-compare build`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Shards {
    /// The build's id, which every shard repeats.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 64)))]
    pub build: String,
    /// How many tools the catalog has in all.
    pub tools: u64,
    /// How many tool shards (`shards/tools/<n>.json`) there are.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 65536)))]
    pub tool_shards: u32,
    /// How many curated pairs the catalog has, when the manifest lists only
    /// the first of them (`compare_domain::shards::MANIFEST_CURATED`):
    /// `shards/curated.json` lists all, and each tool shard those of its
    /// tools. Left out (0) when the manifest lists them all.
    #[serde(default, skip_serializing_if = "is_zero")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(max = 1000)))]
    pub curated: u32,
}

fn is_zero(count: &u32) -> bool {
    *count == 0
}

/// A catalog of this version with nothing in it: every optional field as
/// a catalog that leaves it out has it.
impl Default for Catalog {
    fn default() -> Catalog {
        Catalog {
            version: SCHEMA_VERSION,
            title: String::new(),
            intro: String::new(),
            reviewers: Vec::new(),
            tools: Vec::new(),
            tools_file: None,
            comparisons: Vec::new(),
            cta: None,
            labels: Default::default(),
            language: None,
            site_url: None,
            tool_details: None,
            site_name: None,
            votes_url: None,
            share: offered(),
            shards: None,
        }
    }
}

/// What `share` is when left out; the serde attribute that names it makes
/// the field optional in the schema.
fn offered() -> bool {
    true
}

fn is_offered(share: &bool) -> bool {
    *share
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Reviewer {
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = r"^[a-z0-9._-]{1,64}$")))]
    pub id: String,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 120)))]
    pub name: String,
    /// What this reviewer looks at, e.g. "Buyer, budget and moat".
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 300)))]
    pub lens: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Tool {
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = r"^[a-z0-9._-]{1,64}$")))]
    pub id: String,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 120)))]
    pub name: String,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 120)))]
    #[serde(skip_serializing_if = "String::is_empty")]
    pub category: String,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 300)))]
    #[serde(skip_serializing_if = "String::is_empty")]
    pub tagline: String,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 5000)))]
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Home page; http or https only.
    #[serde(default)]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(regex(pattern = r"^[hH][tT][tT][pP][sS]?://[^\s/?#]+"), length(max = 2048))
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// The pricing read: "Free", "Freemium", "Paid", ...
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 120)))]
    #[serde(skip_serializing_if = "String::is_empty")]
    pub entry: String,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 100)))]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<Review>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Review {
    /// Id of a reviewer of the panel.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = r"^[a-z0-9._-]{1,64}$")))]
    pub reviewer: String,
    /// "ship" or "skip"; anything else is reported by validation.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("enum" = ["ship", "skip"])))]
    pub verdict: String,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 5000)))]
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

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Comparison {
    /// The two tool ids, in display order.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("items" = {"type": "string", "pattern": "^[a-z0-9._-]{1,64}$"})))]
    pub tools: [String; 2],
    /// The vote question; defaults to the `question` label (the seed's).
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 300)))]
    pub question: Option<String>,
    /// Published vote counts for `tools[0]` and `tools[1]`, e.g. from a
    /// server the site owner runs. This browser's own vote is added on top.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("items" = {"type": "integer", "minimum": 0, "maximum": 1000000000})))]
    pub baseline_votes: [i64; 2],
    /// When the comparison was last updated, as `YYYY-MM-DD`.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$")))]
    pub updated: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct CallToAction {
    /// Small heading, e.g. "Weekly AI Tool Verdicts".
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 300)))]
    pub kicker: String,
    /// The link text, e.g. "Get the next comparison in your inbox".
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 300)))]
    pub text: String,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(max = 300)))]
    pub blurb: String,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(regex(pattern = r"^[hH][tT][tT][pP][sS]?://[^\s/?#]+"), length(max = 2048))
    )]
    pub link: String,
}
