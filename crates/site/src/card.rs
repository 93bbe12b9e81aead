//! A card rendered to HTML natively with the widget's own components
//! (`tool_compare::ui`, built with `ssr`), for the site's pages, card
//! fragments and snippets. The HTML shows every fact, figure, quote and
//! verdict without script; `embed.js` and the Wasm take it over.

use std::sync::Arc;

use std::collections::BTreeMap;

use compare_domain::limits::MAX_CATALOG_BYTES;
use compare_domain::shards::{tool_shard_of, CURATED_FILE};
use compare_domain::source::{beside, check_source_keeping, open_source, read_source};
use compare_domain::tools_file::{read_tool_lines, ToolLine};
use compare_domain::votes::{Ballot, StoreError, VoteBook, VoteStore};
use compare_domain::{Catalog, Pair, Tool, ToolRef, ValidCatalog};
use std::ops::ControlFlow;

use crate::html;
use crate::sharded::{shard, KeptTools, SHARDS_ABOVE};
use leptos::prelude::*;

use tool_compare::ui::comparison::Comparison;
use tool_compare::ui::html_text;
use tool_compare::ui::loadable::Loadable;
use tool_compare::ui::page_hooks::PageHooks;
use tool_compare::ui::pair_files::pair_page_file;
use tool_compare::ui::state::{ComparisonState, Theme};
use tool_compare::ui::tool_details::ToolDetails;
use tool_compare::ui::votes::{SharedBallot, VoteState};

/// Prefix of a pre-rendered card's element ids. Cards in shadow roots
/// never share ids; a standalone page holds one card.
const ID_PREFIX: &str = "tcs";

/// A catalog read, checked and ready to render, with where it came from
/// (a split catalog's tool files are read beside it) and its text, which a
/// site publishes as it is (with a tools file's tools in it).
pub struct LoadedCatalog {
    pub source: String,
    pub text: String,
    pub catalog: Arc<ValidCatalog>,
    /// A sharded catalog's shards, by path beside the catalog.
    pub shards: BTreeMap<String, Vec<u8>>,
}

/// How a catalog is read for a build.
#[derive(Debug, Default, Clone)]
pub struct ReadOptions {
    /// Warnings (unknown fields, unused reviewers, …) count as errors.
    pub strict: bool,
    /// Where the site is published, in place of the catalog's `site_url`.
    pub site_url: Option<String>,
    /// A catalog of more tools is published sharded (`--shards-above`;
    /// `None`: `SHARDS_ABOVE`).
    pub shards_above: Option<usize>,
}

impl LoadedCatalog {
    /// Reads and checks a catalog file or URL. A catalog with errors is
    /// refused with the validator's own output (every problem with its
    /// path, then the summary).
    pub fn read(source: &str) -> Result<LoadedCatalog, String> {
        LoadedCatalog::read_with(source, &ReadOptions::default())
    }

    pub fn read_with(source: &str, options: &ReadOptions) -> Result<LoadedCatalog, String> {
        // A tools file's tools, kept as they are read.
        let mut kept = KeptTools::new(options.shards_above.unwrap_or(SHARDS_ABOVE));
        let mut checked = check_source_keeping(source, |tool| kept.keep(tool));
        if options.strict {
            checked.report = checked.report.strict();
        }
        let mut text = match (checked.text.take(), checked.report.passed()) {
            (Some(text), true) => text,
            (None, _) => return Err(format!("{source}: {}", checked.report.lines.join("\n"))),
            (Some(_), false) => return Err(checked.lines(source).join("\n")),
        };
        let mut shards = BTreeMap::new();
        if let (Some(_), Some(mut catalog)) = (checked.tools_in_file, checked.catalog.take()) {
            if kept.too_many_for_one_file() {
                let file = beside(source, catalog.tools_file.as_deref().unwrap_or_default());
                let sharded = shard(catalog, kept, &mut |each| reread_tools(&file, each))
                    .map_err(|err| format!("{source}: {err}"))?;
                text = sharded.manifest;
                shards = sharded.files;
            } else {
                text = published_with_tools(source, &mut catalog, kept)?;
            }
        }
        // Rendered all the same (a typo in a field name must not stop a
        // build), but said where the snippet command and the build log show it.
        for line in checked.report.warning_lines() {
            eprintln!("{source}: {line}");
        }
        let mut catalog = compare_domain::parse_catalog(&text).map_err(|err| format!("{source}: {err}"))?;
        if let Some(site_url) = &options.site_url {
            catalog.site_url = Some(checked_site_url(site_url)?);
        }
        let catalog = ValidCatalog::new(catalog).map_err(|err| format!("{source}: {err}"))?;
        // The pages of every curated pair, not only of the manifest's.
        if let Some(list) = shards.get(CURATED_FILE) {
            catalog
                .read_curated_list(&String::from_utf8_lossy(list))
                .map_err(|err| format!("{source}: {CURATED_FILE}: {err}"))?;
        }
        Ok(LoadedCatalog { source: source.to_string(), text, catalog: Arc::new(catalog), shards })
    }

    /// The pair of two tool ids, or a message naming the unknown id.
    pub fn pair(&self, a: &str, b: &str) -> Result<Pair, String> {
        let find = |id: &str| {
            self.catalog
                .find_tool(id)
                .ok_or_else(|| format!("{}: there is no tool \"{id}\" in this catalog", self.source))
        };
        let pair = Pair { a: find(a)?, b: find(b)? };
        if pair.a == pair.b {
            return Err(format!("a tool cannot be compared with itself (\"{a}\")"));
        }
        Ok(pair)
    }

    /// The full entry of a tool (read from its own file in a split
    /// catalog, from its shard in a sharded one).
    pub fn full_tool(&self, tool: ToolRef) -> Result<Tool, String> {
        match self.catalog.tool_details_url(tool) {
            None => Ok(self.catalog.tool(tool).clone()),
            Some(file) => {
                let text = match self.shards.get(&file) {
                    Some(shard) => String::from_utf8_lossy(shard).into_owned(),
                    None => read_source(&beside(&self.source, &file)).map_err(|err| format!("{file}: {err}"))?,
                };
                self.catalog.load_tool_details(tool, &text).map_err(|err| format!("{file}: {err}"))
            }
        }
    }
}

/// The catalog text a site publishes for a catalog with a tools file of
/// at most `SHARDS_ABOVE` tools: the tools in it, as the widget reads
/// them in one file.
fn published_with_tools(source: &str, catalog: &mut Catalog, tools: KeptTools) -> Result<String, String> {
    let file = catalog.tools_file.take().unwrap_or_default();
    let count = tools.len();
    catalog.tools = tools.into_tools();
    let text = serde_json::to_string(&catalog).map_err(|err| format!("{source}: {err}"))?;
    if text.len() > MAX_CATALOG_BYTES {
        return Err(format!(
            "{source}: the {count} tools of {file} make a catalog of {} bytes; the widget reads at most \
             {MAX_CATALOG_BYTES} bytes in one file: publish it sharded with a lower --shards-above",
            text.len()
        ));
    }
    Ok(text)
}

/// Reads a tools file a second time, for its shards: every line a tool (the
/// first reading checked them).
fn reread_tools(file: &str, each: &mut dyn FnMut(Tool) -> Result<(), String>) -> Result<(), String> {
    let lines = open_source(file).map_err(|err| format!("{file}: {err}"))?;
    let mut outcome = Ok(());
    read_tool_lines(lines, |number, line| {
        outcome = match line {
            ToolLine::Tool { tool, .. } => each(tool),
            ToolLine::Unreadable(why) => Err(format!("{file}:{number}: {why} (the file changed while it was read)")),
        };
        if outcome.is_ok() {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    })
    .map_err(|err| format!("{file}: {err}"))?;
    outcome
}

/// `--site-url`: an absolute http(s) address, as the catalog's `site_url`.
fn checked_site_url(url: &str) -> Result<String, String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') && !url.contains(char::is_whitespace) => {
            Ok(url.to_string())
        }
        _ => Err(format!("--site-url \"{url}\" is not an http(s) address such as https://example.com/compare/")),
    }
}

/// Where a pre-rendered card is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// A standalone page: curated pairs link to their own pages.
    Page,
    /// Inside another page (a snippet or a card fragment): curated pairs
    /// are buttons, which wait for the widget's code.
    Embedded,
}

/// The votes a pre-rendered card is drawn with: none (the published
/// tally), or one for a side, for the parts `embed.js` shows a returning
/// reader before the live widget takes over.
struct PresetVotes(Option<String>);

impl VoteStore for PresetVotes {
    fn read(&self) -> Result<Option<String>, StoreError> {
        Ok(self.0.clone())
    }

    fn write(&self, _text: &str) -> Result<(), StoreError> {
        Err(StoreError::Unavailable)
    }
}

/// The elements of a card that show this browser's vote, in document
/// order: the two Community figures and the vote panel.
const VOTE_PARTS: [(&str, &str); 3] = [("dd", "tcw-community"), ("dd", "tcw-community"), ("section", "tcw-votes")];

/// Marks the template of the vote parts as they show with a vote for a
/// side, `<template data-tc-voted="0">` (the first tool) or `"1"`, or
/// with none, `"none"`.
pub const VOTED_TEMPLATE: &str = "data-tc-voted";

/// On each of those templates: what screen readers hear when the reader's
/// vote comes to that state (the live card's announcement).
pub const SAID_ATTRIBUTE: &str = "data-tc-said";

/// The card of `pair` as HTML: the widget's root element, marked as
/// pre-rendered, with its pair and theme. At its end, inert templates hold
/// its vote parts as they show with a vote for either tool and with none,
/// so that `embed.js` can show a stored vote, and answer a vote pressed
/// before the Wasm, at once, with the counts and words of the same
/// components.
pub fn render_card(loaded: &LoadedCatalog, pair: Pair, theme: Theme, placement: Placement) -> Result<String, String> {
    // Read once for the four renderings (a shard is ~128 KB of JSON).
    let tools = [loaded.full_tool(pair.a)?, loaded.full_tool(pair.b)?];
    let drawn = Drawn { loaded, pair, tools: &tools, theme, placement };
    let (card, _) = draw_card(&drawn, None, true);
    let mut templates = String::new();
    for vote in [Some(0), Some(1), None] {
        let (voted, said) = draw_card(&drawn, vote, false);
        let parts = VOTE_PARTS
            .iter()
            .scan(0, |from, (tag, class)| {
                let (start, end) = html::element_with_class(&voted[*from..], tag, class)?;
                let part = &voted[*from + start..*from + end];
                *from += end;
                Some(part)
            })
            .collect::<Vec<_>>();
        if parts.len() != VOTE_PARTS.len() {
            return Err("the card has no Community figures or vote panel to pre-render voted".into());
        }
        let state = vote.map_or("none".to_string(), |side| side.to_string());
        templates.push_str(&format!(
            "<template {VOTED_TEMPLATE}=\"{state}\" {SAID_ATTRIBUTE}=\"{}\">{}</template>",
            html_text::escape(&said),
            parts.concat()
        ));
    }
    let end = card.rfind("</div>").ok_or("the card has no root element")?;
    Ok(format!("{}{templates}{}", &card[..end], &card[end..]))
}

/// What every rendering of one card shares.
struct Drawn<'a> {
    loaded: &'a LoadedCatalog,
    pair: Pair,
    /// The pair's full tools.
    tools: &'a [Tool; 2],
    theme: Theme,
    placement: Placement,
}

/// A sharded catalog's tool as a shard of that one tool, which the live
/// widget reads from the card (`data-tc-tool-a`, `-b`) by the same rules as
/// a fetched shard, instead of fetching two of ~128 KB for a card it has;
/// with the card's curated pair where the manifest does not list it.
fn one_tool_shard(catalog: &ValidCatalog, tool: &Tool, pair: Pair) -> Option<String> {
    let shards = catalog.catalog().shards.as_ref()?;
    let shard = tool_shard_of(&tool.id, shards.tool_shards);
    let mut carried = serde_json::json!({ "build": shards.build, "shard": shard, "tools": [tool] });
    let curated = catalog.curated_pair(pair).filter(|c| c.at as usize >= catalog.catalog().comparisons.len());
    if let Some(curated) = curated {
        carried["comparisons"] = serde_json::json!([[curated.at, curated.comparison]]);
    }
    Some(carried.to_string())
}

/// The card with `vote` stored, and what the live card announces on
/// reaching it. `whole`: the card itself, not one whose vote parts become a
/// template (the rest of which is dropped).
fn draw_card(drawn: &Drawn, vote: Option<usize>, whole: bool) -> (String, String) {
    let &Drawn { loaded, pair, tools, theme, placement } = drawn;
    let details = ToolDetails::default();
    for (tool, full) in [pair.a, pair.b].into_iter().zip(tools) {
        details.set(tool, Loadable::Ready(Arc::new(full.clone())));
    }
    let catalog = loaded.catalog.clone();
    let (a, b) = (catalog.tool(pair.a).id.clone(), catalog.tool(pair.b).id.clone());
    // A split catalog's card names its two tools' files: embed.js fetches
    // them beside the Wasm, not after it. (A sharded one's card carries
    // them; the vote templates need neither.)
    let split = whole && catalog.catalog().tool_details.is_some();
    let files = split.then(|| {
        let mut files: Vec<String> = [pair.a, pair.b].into_iter().filter_map(|t| catalog.tool_details_url(t)).collect();
        files.dedup();
        files.join(" ")
    });
    let [tool_a, tool_b] = match whole {
        true => tools.each_ref().map(|tool| one_tool_shard(&catalog, tool, pair)),
        false => [None, None],
    };
    let language = catalog.catalog().language.clone();
    let messages = catalog.catalog().labels.script_messages();
    let owner = Owner::new();
    let catalog_for_said = StoredValue::new(catalog.clone());
    let (html, said) = owner.with(move || {
        provide_context(ComparisonState {
            catalog: StoredValue::new(catalog),
            pair: RwSignal::new(pair),
            notice: RwSignal::new(None),
            id_prefix: StoredValue::new(ID_PREFIX.to_string()),
            catalog_url: StoredValue::new(String::new()),
        });
        let stored = vote.map(|side| {
            let mut book = VoteBook::default();
            book.press(&a, &b, if side == 0 { &a } else { &b });
            book.encode()
        });
        let store: Box<dyn VoteStore> = Box::new(PresetVotes(stored));
        let votes = VoteState::new(SharedBallot::new(Ballot::open(store)));
        let said = catalog_for_said.with_value(|c| votes.announcement_text(c, pair, vote));
        provide_context(votes);
        provide_context(details);
        provide_context(PageHooks {
            pair_href: Arc::new(pair_page_file),
            // Effects never run while rendering to HTML, and both tools
            // were read before: neither is ever called.
            shown: Arc::new(|_| {}),
            fetch_tools: Arc::new(|_, _, _| {}),
            fetch_names: Arc::new(|_, _, _| {}),
            fetch_curated: Arc::new(|_, _| {}),
        });
        let html = view! {
            <div
                class="tcw"
                lang=language
                data-theme=theme.as_str()
                data-tc-prerendered=""
                data-a=a
                data-b=b
                data-tc-files=files
                data-tc-tool-a=tool_a
                data-tc-tool-b=tool_b
                data-tc-messages=messages
            >
                <Comparison curated_as_links=placement == Placement::Page />
            </div>
        }
        .to_html();
        (html, said)
    });
    // Leptos marks empty places with `<!>`, for hydration, which this card
    // never has (the live widget draws its own); HTML calls it a bogus comment.
    (html.replace("<!>", ""), said)
}
