//! How each type of the catalog reads itself from JSON (see `json`): its
//! fields, which of them are required, and what a field left out means.

use crate::json::{ReadJson, Reader};
use crate::model::{CallToAction, Catalog, Comparison, Review, Reviewer, Tool};
use crate::parse::ParseError;

impl ReadJson for Catalog {
    fn read_json(r: &mut Reader) -> Result<Catalog, ParseError> {
        const FIELDS: &[&str] = &[
            "version",
            "title",
            "intro",
            "reviewers",
            "tools",
            "comparisons",
            "cta",
            "labels",
            "language",
            "site_url",
            "tool_details",
            "site_name",
            "share",
            "votes_url",
            "tools_file",
            "shards",
            "$schema",
        ];
        let mut c = Catalog::default();
        let seen = r.object("struct Catalog", FIELDS, |r, field| {
            match field {
                0 => c.version = r.integer()?,
                1 => c.title = r.string()?,
                2 => c.intro = r.string()?,
                3 => c.reviewers = r.list()?,
                4 => c.tools = r.list()?,
                5 => c.comparisons = r.list()?,
                6 => c.cta = r.optional(CallToAction::read_json)?,
                7 => c.labels = ReadJson::read_json(r)?,
                8 => c.language = r.optional(Reader::string)?,
                9 => c.site_url = r.optional(Reader::string)?,
                10 => c.tool_details = r.optional(Reader::string)?,
                11 => c.site_name = r.optional(Reader::string)?,
                12 => c.share = r.boolean()?,
                13 => c.votes_url = r.optional(Reader::string)?,
                // The widget reads published catalogs, which never have one:
                // reading it there would cost the Wasm half a kilobyte.
                #[cfg(not(target_arch = "wasm32"))]
                14 => c.tools_file = r.optional(Reader::string)?,
                #[cfg(shards)]
                15 => c.shards = r.optional(crate::model::Shards::read_json)?,
                // A sharded site publishes the widget build that reads it;
                // this one must not show its manifest as a small catalog.
                #[cfg(not(shards))]
                15 => return Err(r.shape("a sharded catalog, which this build of the widget does not read")),
                // Where editors find the schema: for them, not the widget.
                _ => r.skip()?,
            }
            Ok(())
        })?;
        // The tools are in the catalog or in its tools file.
        let required: &[usize] = if c.tools_file.is_some() { &[0] } else { &[0, 4] };
        r.require(seen, FIELDS, required)?;
        Ok(c)
    }
}

impl ReadJson for Reviewer {
    fn read_json(r: &mut Reader) -> Result<Reviewer, ParseError> {
        const FIELDS: &[&str] = &["id", "name", "lens"];
        let mut reviewer = Reviewer { id: String::new(), name: String::new(), lens: String::new() };
        let seen = r.object("struct Reviewer", FIELDS, |r, field| {
            let text = r.string()?;
            match field {
                0 => reviewer.id = text,
                1 => reviewer.name = text,
                _ => reviewer.lens = text,
            }
            Ok(())
        })?;
        r.require(seen, FIELDS, &[0, 1])?;
        Ok(reviewer)
    }
}

impl ReadJson for Tool {
    fn read_json(r: &mut Reader) -> Result<Tool, ParseError> {
        const FIELDS: &[&str] = &["id", "name", "category", "tagline", "description", "link", "entry", "reviews"];
        let mut tool = Tool {
            id: String::new(),
            name: String::new(),
            category: String::new(),
            tagline: String::new(),
            description: String::new(),
            link: None,
            entry: String::new(),
            reviews: Vec::new(),
        };
        let seen = r.object("struct Tool", FIELDS, |r, field| {
            match field {
                0 => tool.id = r.string()?,
                1 => tool.name = r.string()?,
                2 => tool.category = r.string()?,
                3 => tool.tagline = r.string()?,
                4 => tool.description = r.string()?,
                5 => tool.link = r.optional(Reader::string)?,
                6 => tool.entry = r.string()?,
                _ => tool.reviews = r.list()?,
            }
            Ok(())
        })?;
        r.require(seen, FIELDS, &[0, 1])?;
        Ok(tool)
    }
}

impl ReadJson for Review {
    fn read_json(r: &mut Reader) -> Result<Review, ParseError> {
        const FIELDS: &[&str] = &["reviewer", "verdict", "quote"];
        let mut review = Review { reviewer: String::new(), verdict: String::new(), quote: String::new() };
        let seen = r.object("struct Review", FIELDS, |r, field| {
            let text = r.string()?;
            match field {
                0 => review.reviewer = text,
                1 => review.verdict = text,
                _ => review.quote = text,
            }
            Ok(())
        })?;
        r.require(seen, FIELDS, &[0, 1])?;
        Ok(review)
    }
}

impl ReadJson for Comparison {
    fn read_json(r: &mut Reader) -> Result<Comparison, ParseError> {
        const FIELDS: &[&str] = &["tools", "question", "baseline_votes", "updated"];
        let mut comparison =
            Comparison { tools: [String::new(), String::new()], question: None, baseline_votes: [0, 0], updated: None };
        let seen = r.object("struct Comparison", FIELDS, |r, field| {
            match field {
                0 => comparison.tools = r.pair(Reader::string)?,
                1 => comparison.question = r.optional(Reader::string)?,
                2 => comparison.baseline_votes = r.pair(Reader::integer)?,
                _ => comparison.updated = r.optional(Reader::string)?,
            }
            Ok(())
        })?;
        r.require(seen, FIELDS, &[0])?;
        Ok(comparison)
    }
}

impl ReadJson for CallToAction {
    fn read_json(r: &mut Reader) -> Result<CallToAction, ParseError> {
        const FIELDS: &[&str] = &["kicker", "text", "blurb", "link"];
        let mut cta =
            CallToAction { kicker: String::new(), text: String::new(), blurb: String::new(), link: String::new() };
        let seen = r.object("struct CallToAction", FIELDS, |r, field| {
            let text = r.string()?;
            match field {
                0 => cta.kicker = text,
                1 => cta.text = text,
                2 => cta.blurb = text,
                _ => cta.link = text,
            }
            Ok(())
        })?;
        r.require(seen, FIELDS, &[1, 3])?;
        Ok(cta)
    }
}
