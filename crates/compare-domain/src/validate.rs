//! Every problem of a parsed catalog, each with the JSON path of its field.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::limits::*;
#[cfg(shards)]
use crate::model::Shards;
use crate::model::{Catalog, Comparison, Review, Tool, Verdict, SCHEMA_VERSION};
use crate::template;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The catalog must not be shown.
    Error,
    /// Worth fixing, but the catalog is usable.
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// JSON path of the field, e.g. `tools[3].reviews[1].reviewer`.
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Checks a catalog; the result lists errors and warnings in document order.
pub fn validate(catalog: &Catalog) -> Vec<Problem> {
    let mut check = Checker::default();
    check.catalog(catalog);
    check.problems
}

/// Checks one tool file of a split catalog (see `Catalog::tool_details`):
/// the tool it must describe, and the same rules as a tool in the catalog.
/// Paths are relative to the file, e.g. `reviews[1].reviewer`.
pub fn validate_tool_file(catalog: &Catalog, tool: &Tool, expected_id: &str) -> Vec<Problem> {
    let reviewers: HashSet<&str> = catalog.reviewers.iter().map(|r| r.id.as_str()).collect();
    let mut check = Checker { problems: validate_tool_line(&reviewers, tool) };
    if tool.id != expected_id {
        check.error(&FILE.field("id"), format!("the file describes {:?}, not {expected_id:?}", tool.id));
    }
    check.problems
}

/// Curated pairs met outside a catalog (a sharded catalog's shards):
/// checked as in a catalog, but for their tools, which may be in any shard.
#[cfg(shards)]
pub fn validate_comparisons(comparisons: &[Comparison]) -> Vec<Problem> {
    let mut checker = Checker::default();
    checker.comparisons(comparisons, None);
    checker.problems
}

/// Checks one line of a catalog's tools file (see `Catalog::tools_file`)
/// by the rules of a tool in `tools`, but for its id's uniqueness, which
/// only the whole file can tell. Paths are relative to the line.
pub fn validate_tool_line(reviewers: &HashSet<&str>, tool: &Tool) -> Vec<Problem> {
    let mut check = Checker::default();
    check.tool(&FILE, tool, 0, &mut HashMap::new(), reviewers);
    check.problems
}

/// What a catalog with a tools file can be checked for only once the
/// whole file was read: the curated pairs' tools, and reviewers without
/// a review.
pub fn validate_after_tools_file(
    catalog: &Catalog,
    is_tool: impl Fn(&str) -> bool,
    reviewers_used: &HashSet<&str>,
) -> Vec<Problem> {
    let mut check = Checker::default();
    for (i, comparison) in catalog.comparisons.iter().enumerate() {
        check.comparison_tools(&COMPARISONS.index(i), comparison, &is_tool);
    }
    check.unused_reviewers(catalog, reviewers_used);
    check.problems
}

/// A JSON path such as `tools[3].reviews[1].reviewer`, built on the stack
/// and written out only when there is a problem to report: a 10,000-tool
/// catalog would otherwise format half a million paths to find none.
#[derive(Clone, Copy)]
enum Path<'a> {
    /// A top-level field; the empty name is the document itself.
    Root(&'static str),
    Field(&'a Path<'a>, &'static str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    fn field(&'a self, name: &'static str) -> Path<'a> {
        Path::Field(self, name)
    }

    fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Field(Path::Root(""), name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

const VERSION: Path = Path::Root("version");
const TITLE: Path = Path::Root("title");
const INTRO: Path = Path::Root("intro");
const REVIEWERS: Path = Path::Root("reviewers");
const TOOLS: Path = Path::Root("tools");
#[cfg(not(target_arch = "wasm32"))]
const TOOLS_FILE: Path = Path::Root("tools_file");
const COMPARISONS: Path = Path::Root("comparisons");
const CTA: Path = Path::Root("cta");
const LABELS: Path = Path::Root("labels");
const SITE_URL: Path = Path::Root("site_url");
const LANGUAGE: Path = Path::Root("language");
const TOOL_DETAILS: Path = Path::Root("tool_details");
#[cfg(shards)]
const SHARDS: Path = Path::Root("shards");
const SITE_NAME: Path = Path::Root("site_name");
const VOTES_URL: Path = Path::Root("votes_url");
const FILE: Path = Path::Root("");

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn error(&mut self, path: &Path, message: impl Into<String>) {
        self.push(Severity::Error, path, message.into());
    }

    fn warn(&mut self, path: &Path, message: impl Into<String>) {
        self.push(Severity::Warning, path, message.into());
    }

    fn push(&mut self, severity: Severity, path: &Path, message: String) {
        self.problems.push(Problem { severity, path: path.to_string(), message });
    }

    /// A sharded catalog's manifest, as `tool-compare build` writes it.
    #[cfg(shards)]
    fn shards(&mut self, catalog: &Catalog, shards: &Shards) {
        let path = SHARDS;
        if shards.build.is_empty() || shards.build.len() > 64 {
            self.error(&path.field("build"), "a build id of 1 to 64 characters".to_string());
        }
        if !(1..=MAX_TOOL_SHARDS).contains(&shards.tool_shards) {
            self.error(
                &path.field("tool_shards"),
                format!("{} is not between 1 and {MAX_TOOL_SHARDS}", shards.tool_shards),
            );
        }
        if shards.tools > MAX_TOOLS_IN_FILE as u64 {
            self.error(&path.field("tools"), format!("{} tools; at most {MAX_TOOLS_IN_FILE}", shards.tools));
        }
        if catalog.tool_details.is_some() || catalog.tools_file.is_some() {
            self.error(&path, "a sharded catalog has neither tool_details nor tools_file".to_string());
        }
        let curated = shards.curated as usize;
        if curated != 0 && !(catalog.comparisons.len() < curated && curated <= MAX_COMPARISONS) {
            self.error(
                &path.field("curated"),
                format!(
                    "{curated} curated pairs: more than the manifest's {} and at most {MAX_COMPARISONS}",
                    catalog.comparisons.len()
                ),
            );
        }
    }

    fn catalog(&mut self, catalog: &Catalog) {
        if catalog.version != SCHEMA_VERSION {
            self.error(
                &VERSION,
                format!("unsupported catalog version {}; this widget reads version {SCHEMA_VERSION}", catalog.version),
            );
        }
        self.text(&TITLE, &catalog.title, MAX_SHORT_TEXT_CHARS);
        self.text(&INTRO, &catalog.intro, MAX_SHORT_TEXT_CHARS);

        let reviewer_ids = self.reviewers(catalog);
        let tool_ids = self.tools(catalog, &reviewer_ids);
        self.comparisons(&catalog.comparisons, tool_ids.as_ref());
        if let Some(cta) = &catalog.cta {
            self.required(&CTA.field("text"), &cta.text, MAX_SHORT_TEXT_CHARS, "empty text");
            self.text(&CTA.field("kicker"), &cta.kicker, MAX_SHORT_TEXT_CHARS);
            self.text(&CTA.field("blurb"), &cta.blurb, MAX_SHORT_TEXT_CHARS);
            self.link(&CTA.field("link"), &cta.link);
        }
        // (Only a build that reads sharded catalogs meets one.)
        #[cfg(shards)]
        if let Some(shards) = &catalog.shards {
            self.shards(catalog, shards);
        }
        if catalog.tools_file.is_none() && catalog.tool_details.is_none() && !is_sharded(catalog) {
            // In a split or sharded catalog the reviews live in the tool files.
            let used = catalog.tools.iter().flat_map(|tool| &tool.reviews).map(|review| review.reviewer.as_str());
            self.unused_reviewers(catalog, &used.collect());
        }
        if let Some(template) = &catalog.tool_details {
            if !template.contains("{id}") {
                self.error(&TOOL_DETAILS, format!("{template:?} does not contain {{id}}"));
            } else if template.len() > MAX_LINK_CHARS {
                self.error(&TOOL_DETAILS, format!("longer than {MAX_LINK_CHARS} characters"));
            } else if template.contains("://") && !is_web_link(template) {
                self.error(&TOOL_DETAILS, format!("{template:?} is not a relative, http or https URL"));
            }
        }
        if let Some(site) = &catalog.site_url {
            self.link(&SITE_URL, site);
        }
        if let Some(collector) = &catalog.votes_url {
            self.link(&VOTES_URL, collector);
        }
        if let Some(name) = &catalog.site_name {
            self.required(&SITE_NAME, name, MAX_NAME_CHARS, "empty site name");
        }
        if let Some(language) = &catalog.language {
            if !is_language_tag(language) {
                self.error(
                    &LANGUAGE,
                    format!("{language:?} is not a language tag such as \"en\", \"de\" or \"pt-BR\""),
                );
            }
        }
        for (name, text) in catalog.labels.overridden() {
            self.required(&LABELS.field(name), text, MAX_SHORT_TEXT_CHARS, "empty label");
            self.plural_choices(&LABELS.field(name), text);
        }
    }

    fn plural_choices(&mut self, path: &Path, text: &str) {
        for (blank, choice) in template::choices(text) {
            match choice.map(|choice| choice.problem()) {
                None => self.error(
                    path,
                    format!("the plural choice of {{{blank}}} does not parse; write it as {{{blank}, plural, one {{# …}} other {{# …}}}}"),
                ),
                Some(Some(problem)) => self.error(path, format!("{{{blank}}}: {problem}")),
                Some(None) => {}
            }
        }
    }

    fn reviewers<'c>(&mut self, catalog: &'c Catalog) -> HashSet<&'c str> {
        self.count(&REVIEWERS, catalog.reviewers.len(), MAX_REVIEWERS, "reviewers");
        let mut first_use: HashMap<&str, usize> = HashMap::new();
        for (i, reviewer) in catalog.reviewers.iter().enumerate() {
            let at = REVIEWERS.index(i);
            self.id(&at.field("id"), &reviewer.id, &mut first_use, i, "reviewers");
            self.required(&at.field("name"), &reviewer.name, MAX_NAME_CHARS, "empty name");
            self.text(&at.field("lens"), &reviewer.lens, MAX_SHORT_TEXT_CHARS);
        }
        first_use.into_keys().collect()
    }

    /// The ids of the tools, or `None` when they are in the tools file,
    /// whose lines are checked as it is read.
    fn tools<'c>(&mut self, catalog: &'c Catalog, reviewers: &HashSet<&str>) -> Option<HashSet<&'c str>> {
        // Only the native tools read a tools file (the widget's reader never
        // sets it), and the Wasm stays without this.
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(file) = &catalog.tools_file {
            self.tools_file(file, catalog.tools.len());
            if catalog.tool_details.is_some() {
                // Each line is the tool's full entry; a file per tool besides
                // would be a million files.
                self.error(
                    &TOOL_DETAILS,
                    "a catalog with a tools file keeps each tool's whole entry on its line; leave tool_details out",
                );
            }
            return None;
        }
        match catalog.tools.len() {
            0 => self.error(&TOOLS, "the catalog lists no tools"),
            1 => self.error(&TOOLS, "a comparison needs at least two tools; the catalog lists one"),
            n => self.count(&TOOLS, n, MAX_TOOLS, "tools"),
        }
        let mut first_use: HashMap<&str, usize> = HashMap::with_capacity(catalog.tools.len());
        for (i, tool) in catalog.tools.iter().enumerate() {
            self.tool(&TOOLS.index(i), tool, i, &mut first_use, reviewers);
        }
        Some(first_use.into_keys().collect())
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn tools_file(&mut self, file: &str, tools_listed: usize) {
        if file.trim().is_empty() {
            self.error(&TOOLS_FILE, "empty file name");
        } else if file.len() > MAX_LINK_CHARS {
            self.error(&TOOLS_FILE, format!("longer than {MAX_LINK_CHARS} characters"));
        } else if file.contains("://") && !is_web_link(file) {
            self.error(&TOOLS_FILE, format!("{file:?} is not a relative, http or https URL"));
        }
        if tools_listed > 0 {
            self.error(
                &TOOLS_FILE,
                format!(
                    "the catalog lists {tools_listed} tools in \"tools\" as well as in {file:?}; keep one of the two"
                ),
            );
        }
    }

    fn tool<'c>(
        &mut self,
        at: &Path,
        tool: &'c Tool,
        index: usize,
        first_use: &mut HashMap<&'c str, usize>,
        reviewers: &HashSet<&str>,
    ) {
        self.id(&at.field("id"), &tool.id, first_use, index, "tools");
        self.required(&at.field("name"), &tool.name, MAX_NAME_CHARS, "empty name");
        self.text(&at.field("category"), &tool.category, MAX_NAME_CHARS);
        self.text(&at.field("tagline"), &tool.tagline, MAX_SHORT_TEXT_CHARS);
        self.text(&at.field("description"), &tool.description, MAX_LONG_TEXT_CHARS);
        self.text(&at.field("entry"), &tool.entry, MAX_NAME_CHARS);
        if let Some(link) = &tool.link {
            self.link(&at.field("link"), link);
        }
        let reviews = at.field("reviews");
        self.count(&reviews, tool.reviews.len(), MAX_REVIEWS_PER_TOOL, "reviews");
        let mut seen: HashSet<&str> = HashSet::new();
        for (r, review) in tool.reviews.iter().enumerate() {
            self.review(&reviews.index(r), review, reviewers, &mut seen);
        }
    }

    fn review<'c>(&mut self, at: &Path, review: &'c Review, reviewers: &HashSet<&str>, seen: &mut HashSet<&'c str>) {
        let path = at.field("reviewer");
        if !reviewers.contains(review.reviewer.as_str()) {
            self.error(&path, format!("unknown reviewer {:?}", review.reviewer));
        } else if !seen.insert(&review.reviewer) {
            self.error(&path, format!("reviewer {:?} reviews this tool twice", review.reviewer));
        }
        if Verdict::parse(&review.verdict).is_none() {
            self.error(
                &at.field("verdict"),
                format!("unknown verdict {:?} (expected \"ship\" or \"skip\")", review.verdict),
            );
        }
        self.text(&at.field("quote"), &review.quote, MAX_LONG_TEXT_CHARS);
    }

    /// `tools`: the tools' ids, unless they are in the tools file (then the
    /// pairs' tools are checked after it, `validate_after_tools_file`).
    fn comparisons(&mut self, comparisons: &[Comparison], tools: Option<&HashSet<&str>>) {
        self.count(&COMPARISONS, comparisons.len(), MAX_COMPARISONS, "comparisons");
        let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
        for (i, comparison) in comparisons.iter().enumerate() {
            let at = COMPARISONS.index(i);
            let pair_path = at.field("tools");
            let [a, b] = &comparison.tools;
            if let Some(tools) = tools {
                self.comparison_tools(&at, comparison, |id| tools.contains(id));
            }
            if a == b {
                self.error(&pair_path, format!("compares {a:?} with itself"));
            }
            let key = if a <= b { (a.as_str(), b.as_str()) } else { (b.as_str(), a.as_str()) };
            if let Some(first) = pairs.insert(key, i) {
                self.warn(&pair_path, format!("the same pair as comparisons[{first}]; only the first is used"));
            }
            if let Some(question) = &comparison.question {
                self.required(&at.field("question"), question, MAX_SHORT_TEXT_CHARS, "empty question");
            }
            let votes_path = at.field("baseline_votes");
            for (side, &votes) in comparison.baseline_votes.iter().enumerate() {
                if votes < 0 {
                    self.error(&votes_path.index(side), format!("negative vote count {votes}"));
                } else if votes > MAX_VOTES {
                    self.error(&votes_path.index(side), format!("{votes} votes; the limit is {MAX_VOTES}"));
                }
            }
            if let Some(date) = &comparison.updated {
                if !is_calendar_date(date) {
                    self.error(&at.field("updated"), format!("{date:?} is not a date of the form YYYY-MM-DD"));
                }
            }
        }
    }

    fn comparison_tools(&mut self, at: &Path, comparison: &Comparison, is_tool: impl Fn(&str) -> bool) {
        let pair_path = at.field("tools");
        for (side, id) in comparison.tools.iter().enumerate() {
            if !is_tool(id) {
                self.error(&pair_path.index(side), format!("unknown tool {id:?}"));
            }
        }
    }

    fn unused_reviewers(&mut self, catalog: &Catalog, used: &HashSet<&str>) {
        for (i, reviewer) in catalog.reviewers.iter().enumerate() {
            if !reviewer.id.is_empty() && !used.contains(reviewer.id.as_str()) {
                self.warn(&REVIEWERS.index(i), format!("reviewer {:?} has no reviews", reviewer.id));
            }
        }
    }

    fn id<'c>(&mut self, path: &Path, id: &'c str, first_use: &mut HashMap<&'c str, usize>, index: usize, list: &str) {
        if id.is_empty() {
            return self.error(path, "empty id");
        }
        if id.chars().count() > MAX_ID_CHARS {
            return self.error(path, format!("id is longer than {MAX_ID_CHARS} characters"));
        }
        if !is_id(id) {
            return self.error(path, format!("id {id:?} may hold only lowercase letters, digits, '-', '_' and '.'"));
        }
        if let Some(first) = first_use.get(id) {
            return self.error(path, format!("duplicate id {id:?} (first used by {list}[{first}])"));
        }
        first_use.insert(id, index);
    }

    fn required(&mut self, path: &Path, text: &str, max_chars: usize, empty_message: &str) {
        if text.trim().is_empty() {
            self.error(path, empty_message);
        } else {
            self.text(path, text, max_chars);
        }
    }

    fn text(&mut self, path: &Path, text: &str, max_chars: usize) {
        // Only text longer in bytes than the limit can be longer in characters;
        // counting stops at the limit, so a huge string costs no more than a short one.
        if text.len() > max_chars && text.chars().nth(max_chars).is_some() {
            self.error(path, format!("text is longer than {max_chars} characters"));
        }
    }

    fn count(&mut self, path: &Path, count: usize, max: usize, what: &str) {
        if count > max {
            self.error(path, format!("{count} {what}; the limit is {max}"));
        }
    }

    fn link(&mut self, path: &Path, link: &str) {
        if link.chars().count() > MAX_LINK_CHARS {
            self.error(path, format!("link is longer than {MAX_LINK_CHARS} characters"));
        } else if !is_web_link(link) {
            self.error(path, format!("{link:?} is not an http or https link"));
        }
    }
}

/// Ids end up in page URLs and storage keys, so they stay plain.
fn is_id(id: &str) -> bool {
    id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.'))
}

/// A BCP 47 tag's shape: a language of 2–3 letters, then subtags.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or("");
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|part| (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// True for an absolute http(s) URL with a host and no whitespace: the only
/// links the widget renders, so `javascript:` and `data:` never reach a page.
pub fn is_web_link(link: &str) -> bool {
    let lower = link.get(..8).unwrap_or(link).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &link[8..]
    } else if lower.starts_with("http://") {
        &link[7..]
    } else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    host_end > 0 && !link.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn is_calendar_date(text: &str) -> bool {
    crate::date::CalendarDate::parse(text).is_some()
}

/// Whether the catalog is a sharded site's manifest: never in the widget
/// build without `cfg(shards)`, whose reader refuses one.
#[cfg(shards)]
pub(crate) fn is_sharded(catalog: &Catalog) -> bool {
    catalog.shards.is_some()
}

#[cfg(not(shards))]
pub(crate) fn is_sharded(_: &Catalog) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_catalog;

    fn problems(json: &str) -> Vec<String> {
        validate(&parse_catalog(json).unwrap()).iter().map(|p| p.to_string()).collect()
    }

    fn errors(json: &str) -> Vec<String> {
        let catalog = parse_catalog(json).unwrap();
        validate(&catalog).into_iter().filter(|p| p.severity == Severity::Error).map(|p| p.to_string()).collect()
    }

    const PANEL: &str = r#""reviewers":[{"id":"builder","name":"The Builder"}]"#;

    fn with_tools(tools: &str) -> String {
        format!(r#"{{"version":1,{PANEL},"tools":[{tools}]}}"#)
    }

    const A: &str = r#"{"id":"a","name":"A","reviews":[{"reviewer":"builder","verdict":"ship"}]}"#;
    const B: &str = r#"{"id":"b","name":"B"}"#;

    #[test]
    fn a_tools_file_is_one_place_for_the_tools_not_a_second() {
        let file = r#"{"version":1,"tools_file":"tools.jsonl","comparisons":[{"tools":["a","b"]}]}"#;
        assert_eq!(problems(file), Vec::<String>::new(), "the tools and the pairs' tools are checked with the file");
        let both = format!(r#"{{"version":1,{PANEL},"tools_file":"tools.jsonl","tools":[{A},{B}]}}"#);
        assert_eq!(
            errors(&both),
            [r#"tools_file: the catalog lists 2 tools in "tools" as well as in "tools.jsonl"; keep one of the two"#]
        );
        assert_eq!(
            errors(r#"{"version":1,"tools_file":"ftp://x/tools.jsonl"}"#),
            [r#"tools_file: "ftp://x/tools.jsonl" is not a relative, http or https URL"#]
        );
        assert_eq!(errors(r#"{"version":1,"tools_file":" "}"#), ["tools_file: empty file name"]);
        assert_eq!(
            errors(r#"{"version":1,"tools_file":"tools.jsonl","tool_details":"tools/{id}.json"}"#),
            ["tool_details: a catalog with a tools file keeps each tool's whole entry on its line; leave tool_details out"]
        );
    }

    #[test]
    fn a_sound_catalog_has_no_problems() {
        assert_eq!(problems(&with_tools(&format!("{A},{B}"))), Vec::<String>::new());
    }

    #[test]
    fn the_bundled_catalog_has_no_problems() {
        let text = include_str!("../../../public/catalog.json");
        assert_eq!(problems(text), Vec::<String>::new());
    }

    #[test]
    fn the_example_catalogs_have_no_problems() {
        let german = include_str!("../../../examples/catalog.de.json");
        assert_eq!(problems(german), Vec::<String>::new());
        let catalog = parse_catalog(german).unwrap();
        let labels = catalog.labels.overridden().len();
        assert_eq!(labels, crate::labels::Labels::all_names().len(), "every label is translated");
    }

    #[test]
    fn unsupported_versions_are_refused() {
        let json = with_tools(&format!("{A},{B}")).replace(r#""version":1"#, r#""version":2"#);
        assert_eq!(errors(&json), ["version: unsupported catalog version 2; this widget reads version 1"]);
    }

    #[test]
    fn fewer_than_two_tools_cannot_be_compared() {
        assert_eq!(errors(&with_tools("")), ["tools: the catalog lists no tools"]);
        assert_eq!(errors(&with_tools(A)), ["tools: a comparison needs at least two tools; the catalog lists one"]);
    }

    #[test]
    fn duplicate_tool_ids_name_the_first_use() {
        let json = with_tools(&format!("{A},{B},{B}"));
        assert_eq!(errors(&json), [r#"tools[2].id: duplicate id "b" (first used by tools[1])"#]);
    }

    #[test]
    fn duplicate_reviewer_ids_are_errors() {
        let json = with_tools(&format!("{A},{B}"))
            .replace(PANEL, r#""reviewers":[{"id":"builder","name":"X"},{"id":"builder","name":"Y"}]"#);
        assert_eq!(errors(&json), [r#"reviewers[1].id: duplicate id "builder" (first used by reviewers[0])"#]);
    }

    #[test]
    fn empty_names_and_ids_are_errors() {
        let json = with_tools(&format!(r#"{A},{{"id":"","name":"  "}}"#));
        assert_eq!(errors(&json), ["tools[1].id: empty id", "tools[1].name: empty name"]);
    }

    #[test]
    fn ids_stay_url_safe() {
        let json = with_tools(&format!(r#"{A},{{"id":"B C","name":"B"}}"#));
        assert_eq!(
            errors(&json),
            [r#"tools[1].id: id "B C" may hold only lowercase letters, digits, '-', '_' and '.'"#]
        );
    }

    #[test]
    fn unknown_reviewers_are_named_with_their_path() {
        let json = with_tools(&format!(
            r#"{A},{{"id":"b","name":"B","reviews":[{{"reviewer":"builder","verdict":"ship"}},{{"reviewer":"futurist","verdict":"ship"}}]}}"#
        ));
        assert_eq!(errors(&json), [r#"tools[1].reviews[1].reviewer: unknown reviewer "futurist""#]);
    }

    #[test]
    fn a_reviewer_reviews_a_tool_once() {
        let json = with_tools(&format!(
            r#"{A},{{"id":"b","name":"B","reviews":[{{"reviewer":"builder","verdict":"ship"}},{{"reviewer":"builder","verdict":"skip"}}]}}"#
        ));
        assert_eq!(errors(&json), [r#"tools[1].reviews[1].reviewer: reviewer "builder" reviews this tool twice"#]);
    }

    #[test]
    fn unknown_verdicts_are_errors() {
        let json = with_tools(&format!("{A},{B}")).replace(r#""verdict":"ship""#, r#""verdict":"maybe""#);
        assert_eq!(
            errors(&json),
            [r#"tools[0].reviews[0].verdict: unknown verdict "maybe" (expected "ship" or "skip")"#]
        );
    }

    #[test]
    fn only_http_and_https_links_are_accepted() {
        for (link, ok) in [
            ("https://example.com/x", true),
            ("HTTP://example.com", true),
            ("javascript:alert(1)", false),
            ("data:text/html,hi", false),
            ("//example.com", false),
            ("https://", false),
            ("https://exa mple.com", false),
            ("ftp://example.com", false),
        ] {
            let json = with_tools(&format!(r#"{A},{{"id":"b","name":"B","link":{link:?}}}"#));
            let expected: Vec<String> =
                if ok { vec![] } else { vec![format!("tools[1].link: {link:?} is not an http or https link")] };
            assert_eq!(errors(&json), expected, "{link}");
        }
    }

    fn with_comparison(comparison: &str) -> String {
        format!(r#"{{"version":1,{PANEL},"tools":[{A},{B}],"comparisons":[{comparison}]}}"#)
    }

    #[test]
    fn comparisons_reference_known_tools() {
        assert_eq!(
            errors(&with_comparison(r#"{"tools":["a","zz"]}"#)),
            [r#"comparisons[0].tools[1]: unknown tool "zz""#]
        );
        assert_eq!(
            errors(&with_comparison(r#"{"tools":["a","a"]}"#)),
            [r#"comparisons[0].tools: compares "a" with itself"#]
        );
    }

    #[test]
    fn vote_counts_are_never_negative_or_absurd() {
        assert_eq!(
            errors(&with_comparison(r#"{"tools":["a","b"],"baseline_votes":[-3,2000000000]}"#)),
            [
                "comparisons[0].baseline_votes[0]: negative vote count -3",
                "comparisons[0].baseline_votes[1]: 2000000000 votes; the limit is 1000000000",
            ]
        );
    }

    #[test]
    fn dates_must_be_calendar_dates() {
        assert_eq!(
            errors(&with_comparison(r#"{"tools":["a","b"],"updated":"2026-02-30"}"#)),
            [r#"comparisons[0].updated: "2026-02-30" is not a date of the form YYYY-MM-DD"#]
        );
    }

    #[test]
    fn repeated_pairs_and_idle_reviewers_are_warnings() {
        let json = with_comparison(r#"{"tools":["a","b"]},{"tools":["b","a"]}"#)
            .replace(PANEL, r#""reviewers":[{"id":"builder","name":"X"},{"id":"idle","name":"Y"}]"#);
        assert_eq!(errors(&json), Vec::<String>::new());
        assert_eq!(
            problems(&json),
            [
                "comparisons[1].tools: the same pair as comparisons[0]; only the first is used",
                r#"reviewers[1]: reviewer "idle" has no reviews"#,
            ]
        );
    }

    #[test]
    fn language_tags_and_plural_choices_are_checked() {
        let json = with_tools(&format!("{A},{B}")).replace(
            "\"tools\"",
            r#""language":"deutsch!","labels":{"votes":"{count, plural, one {# Stimme} viele {# Stimmen}}","one_match":"{count, plural, one {x}","matches":"{count, plural, one {# Treffer} other {# Treffer}}"},"tools""#,
        );
        assert_eq!(
            errors(&json),
            [
                r#"language: "deutsch!" is not a language tag such as "en", "de" or "pt-BR""#,
                r#"labels.one_match: the plural choice of {count} does not parse; write it as {count, plural, one {# …} other {# …}}"#,
                r#"labels.votes: {count}: "viele" is not a plural form (zero, one, two, few, many, other or =N)"#,
            ]
        );
        let fine = with_tools(&format!("{A},{B}")).replace("\"tools\"", r#""language":"sr-Latn-RS","tools""#);
        assert_eq!(errors(&fine), Vec::<String>::new());
    }

    #[test]
    fn absurd_sizes_are_errors() {
        let long = "x".repeat(MAX_LONG_TEXT_CHARS + 1);
        let json = with_tools(&format!(r#"{A},{{"id":"b","name":"B","description":"{long}"}}"#));
        assert_eq!(errors(&json), ["tools[1].description: text is longer than 5000 characters"]);

        let many: Vec<String> = (0..=MAX_TOOLS).map(|i| format!(r#"{{"id":"t{i}","name":"T"}}"#)).collect();
        assert_eq!(errors(&with_tools(&many.join(","))), ["tools: 20001 tools; the limit is 20000"]);
    }

    #[test]
    fn labels_are_not_empty_and_not_absurdly_long() {
        let long = "x".repeat(MAX_SHORT_TEXT_CHARS + 1);
        let json = with_tools(&format!("{A},{B}")).replace(
            "\"tools\"",
            &format!(r#""labels":{{"swap_tools":" ","expand_all":"{long}","vs":"gegen"}},"tools""#),
        );
        assert_eq!(
            errors(&json),
            ["labels.swap_tools: empty label", "labels.expand_all: text is longer than 300 characters"]
        );
    }

    #[test]
    fn split_catalogs_name_their_tool_files_with_an_id() {
        let json = with_tools(&format!("{A},{B}"));
        let split = |template: &str| json.replace("\"tools\"", &format!(r#""tool_details":{template:?},"tools""#));
        assert_eq!(errors(&split("tools/{id}.json")), Vec::<String>::new());
        assert_eq!(errors(&split("tools/all.json")), [r#"tool_details: "tools/all.json" does not contain {id}"#]);
        assert_eq!(
            errors(&split("javascript://{id}")),
            [r#"tool_details: "javascript://{id}" is not a relative, http or https URL"#]
        );
    }

    #[test]
    fn a_tool_file_is_checked_against_the_catalog() {
        let catalog = parse_catalog(&with_tools(&format!("{A},{B}"))).unwrap();
        let file: Tool = crate::parse::parse_json(
            r#"{"id":"b","name":"B","link":"ftp://x","reviews":[{"reviewer":"builder","verdict":"ship"},{"reviewer":"nobody","verdict":"ship"}]}"#,
        )
        .unwrap();
        let found: Vec<String> = validate_tool_file(&catalog, &file, "a").iter().map(|p| p.to_string()).collect();
        assert_eq!(
            found,
            [
                r#"link: "ftp://x" is not an http or https link"#,
                r#"reviews[1].reviewer: unknown reviewer "nobody""#,
                r#"id: the file describes "b", not "a""#,
            ]
        );
    }

    #[test]
    fn the_site_address_must_be_a_web_link() {
        let json = with_tools(&format!("{A},{B}")).replace("\"tools\"", r#""site_url":"javascript:alert(1)","tools""#);
        assert_eq!(errors(&json), [r#"site_url: "javascript:alert(1)" is not an http or https link"#]);
    }

    #[test]
    fn the_vote_collector_must_be_a_web_link() {
        let json = with_tools(&format!("{A},{B}")).replace("\"tools\"", r#""votes_url":"file:///votes","tools""#);
        assert_eq!(errors(&json), [r#"votes_url: "file:///votes" is not an http or https link"#]);
        let json =
            with_tools(&format!("{A},{B}")).replace("\"tools\"", r#""votes_url":"https://votes.example.com/","tools""#);
        assert_eq!(parse_catalog(&json).unwrap().votes_url.as_deref(), Some("https://votes.example.com/"));
    }

    #[test]
    fn a_site_name_is_not_blank_and_the_share_control_can_be_turned_off() {
        let json = with_tools(&format!("{A},{B}")).replace("\"tools\"", r#""site_name":" ","share":false,"tools""#);
        assert_eq!(errors(&json), ["site_name: empty site name"]);
        let catalog: Catalog = parse_catalog(&json).unwrap();
        assert!(!catalog.share);
        let catalog: Catalog = parse_catalog(&with_tools(&format!("{A},{B}"))).unwrap();
        assert!(catalog.share, "the control is offered unless a catalog says otherwise");
    }

    #[test]
    fn a_call_to_action_needs_text_and_a_web_link() {
        let json = with_tools(&format!("{A},{B}"))
            .replace("\"tools\"", r#""cta":{"text":"","link":"mailto:x@example.com"},"tools""#);
        assert_eq!(
            errors(&json),
            ["cta.text: empty text", r#"cta.link: "mailto:x@example.com" is not an http or https link"#]
        );
    }
}
