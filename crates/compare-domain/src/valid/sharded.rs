//! What a sharded catalog's widget adds to a [`ValidCatalog`]: reading its
//! shards, checked against the manifest, and the tools the page met in
//! them. Only in builds with `cfg(shards)`: the widget every small site
//! publishes leaves all of it out.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use super::{only_warnings, LoadError, Pair, ToolRef, ValidCatalog};
use crate::model::{Catalog, Comparison, Shards, Tool};
use crate::shards::{tool_shard_of, CuratedList, CuratedPair, NameShard, NameTable, ToolShard};
use crate::validate::{validate_comparisons, validate_tool_line, Problem, Severity};

/// Tools a sharded catalog's page met in its shards (a deep link's, a
/// picker's matches), as the pickers see them (id, name, category). Their
/// `ToolRef`s follow the catalog's own and stay valid while the page
/// lives, so every widget of the catalog can hand them out; the slots are
/// filled once and never moved, which is what lets `tool()` lend them.
#[derive(Debug, Default)]
pub(super) struct LearnedTools {
    chunks: Vec<OnceLock<Box<[OnceLock<Tool>]>>>,
    ids: Mutex<HashMap<String, ToolRef>>,
    comparisons: LearnedComparisons,
}

/// The curated pairs beyond the manifest's, as the page met them (in the
/// tool shards it read, or all at once in `shards/curated.json`), by their
/// place in the catalog's list: filled once, so `comparison()` can lend
/// them like the catalog's own. At most 1,000 slots, looked up by a scan:
/// an index by ids would cost the Wasm more than the scan costs a lookup.
#[derive(Debug, Default)]
struct LearnedComparisons {
    slots: Box<[OnceLock<Comparison>]>,
    /// The slot found last: a card asks for its own pair again and again
    /// (the site builder renders a thousand such cards).
    last: AtomicUsize,
    /// Every curated pair, once `shards/curated.json` was read.
    listed: OnceLock<Vec<Pair>>,
}

impl LearnedComparisons {
    /// The first slot that holds the pair of these two tool ids, in either
    /// order.
    fn position(&self, a: &str, b: &str) -> Option<usize> {
        let holds = |at: usize| {
            self.slots.get(at).and_then(OnceLock::get).is_some_and(|c| {
                let [x, y] = &c.tools;
                (x == a && y == b) || (x == b && y == a)
            })
        };
        let last = self.last.load(Ordering::Relaxed);
        if holds(last) {
            return Some(last);
        }
        let at = (0..self.slots.len()).find(|&at| holds(at))?;
        self.last.store(at, Ordering::Relaxed);
        Some(at)
    }
}

const LEARNED_CHUNK: usize = 1024;
/// A page learns at most this many tools (a million, as many as the
/// largest catalog has); the chunk table costs 16 KB.
const LEARNED_CHUNKS: usize = 1024;

impl LearnedTools {
    /// Room to learn tools for a sharded catalog; none for any other.
    pub(super) fn for_catalog(catalog: &Catalog) -> LearnedTools {
        if catalog.shards.is_none() {
            return LearnedTools::default();
        }
        let curated = catalog.shards.as_ref().map_or(0, |s| s.curated as usize);
        LearnedTools {
            chunks: (0..LEARNED_CHUNKS).map(|_| OnceLock::new()).collect(),
            ids: Mutex::default(),
            comparisons: LearnedComparisons {
                slots: (0..curated).map(|_| OnceLock::new()).collect(),
                ..LearnedComparisons::default()
            },
        }
    }

    pub(super) fn get(&self, index: usize) -> Option<&Tool> {
        self.chunks.get(index / LEARNED_CHUNK)?.get()?.get(index % LEARNED_CHUNK)?.get()
    }
}

fn shard_problem(path: &str, message: impl Into<String>) -> LoadError {
    LoadError::Invalid(vec![Problem { severity: Severity::Error, path: path.to_string(), message: message.into() }])
}

impl ValidCatalog {
    /// A sharded catalog's layout.
    pub(super) fn shards(&self) -> Option<&Shards> {
        self.catalog.shards.as_ref()
    }

    /// The tool `id` in the text of its shard.
    pub(super) fn tool_in_shard(&self, id: &str, text: &str) -> Result<Tool, LoadError> {
        let shard = self.read_tool_shard(id, text)?;
        let found = shard.tools.into_iter().find(|t| t.id == id);
        found.ok_or_else(|| shard_problem("tools", format!("the shard does not hold the tool {id:?}")))
    }

    /// A learned tool (`index` counts from the end of the catalog's own).
    pub(super) fn learned_tool(&self, index: usize) -> &Tool {
        self.learned.get(index).expect("a ToolRef of this catalog")
    }

    pub(super) fn find_learned(&self, id: &str) -> Option<ToolRef> {
        self.learned.ids.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(id).copied()
    }

    /// A sharded catalog's tool shard that should hold `id`, checked to be
    /// of this build and this shard.
    pub fn read_tool_shard(&self, id: &str, text: &str) -> Result<ToolShard, LoadError> {
        let shards = self.shards().ok_or_else(|| shard_problem("shards", "not a sharded catalog"))?;
        let shard: ToolShard = crate::parse::parse_json(text).map_err(LoadError::Parse)?;
        self.same_build(&shard.build)?;
        let expected = tool_shard_of(id, shards.tool_shards);
        if shard.shard != expected {
            return Err(shard_problem("shard", format!("the file is shard {}, not {expected}", shard.shard)));
        }
        self.learn_shard_comparisons(&shard, shards.tool_shards)?;
        Ok(shard)
    }

    /// The curated pairs a tool shard holds, each naming one of its tools.
    fn learn_shard_comparisons(&self, shard: &ToolShard, tool_shards: u32) -> Result<(), LoadError> {
        if shard.comparisons.is_empty() {
            return Ok(());
        }
        let list: Vec<Comparison> = shard.comparisons.iter().map(|c| c.comparison.clone()).collect();
        only_warnings(validate_comparisons(&list))?;
        for (i, CuratedPair { at, comparison }) in shard.comparisons.iter().enumerate() {
            if !comparison.tools.iter().any(|id| tool_shard_of(id, tool_shards) == shard.shard) {
                return Err(shard_problem(&format!("comparisons[{i}].tools"), "names no tool of this shard"));
            }
            self.learn_comparison(*at as usize, comparison)
                .map_err(|message| shard_problem(&format!("comparisons[{i}]"), message))?;
        }
        Ok(())
    }

    /// Keeps the curated pair at `at` of the catalog's list (the manifest
    /// holds its own first ones).
    fn learn_comparison(&self, at: usize, comparison: &Comparison) -> Result<(), String> {
        if at < self.catalog.comparisons.len() {
            return Ok(());
        }
        let learned = &self.learned.comparisons;
        let slot = learned
            .slots
            .get(at)
            .ok_or_else(|| format!("curated pair {at} of a catalog of {} curated pairs", learned.slots.len()))?;
        slot.get_or_init(|| comparison.clone());
        Ok(())
    }

    /// A curated pair beyond the manifest's, if the page met it.
    pub(super) fn learned_comparison(&self, pair: Pair) -> Option<&Comparison> {
        let learned = &self.learned.comparisons;
        if learned.slots.is_empty() {
            return None;
        }
        let at = learned.position(&self.tool(pair.a).id, &self.tool(pair.b).id)?;
        learned.slots[at].get()
    }

    /// The place of a curated pair in the catalog's list, and the pair, as
    /// a tool shard carries it.
    pub fn curated_pair(&self, pair: Pair) -> Option<CuratedPair> {
        let at = match self.comparisons_by_pair.get(&pair.unordered()) {
            Some(&own) => own,
            None => self.learned.comparisons.position(&self.tool(pair.a).id, &self.tool(pair.b).id)?,
        };
        let comparison = self.comparison(pair)?.clone();
        Some(CuratedPair { at: at as u32, comparison })
    }

    /// Every curated pair, once `shards/curated.json` was read.
    pub(super) fn listed_curated(&self) -> Option<Vec<Pair>> {
        self.learned.comparisons.listed.get().cloned()
    }

    /// Reads `shards/curated.json`: every curated pair of the catalog, in
    /// its order, starting with the manifest's, and their tools.
    pub fn read_curated_list(&self, text: &str) -> Result<(), LoadError> {
        let curated = self.shards().map_or(0, |s| s.curated as usize);
        let list: CuratedList = crate::parse::parse_json(text).map_err(LoadError::Parse)?;
        self.same_build(&list.build)?;
        if list.comparisons.len() != curated {
            return Err(shard_problem(
                "comparisons",
                format!("{} curated pairs; the catalog has {curated}", list.comparisons.len()),
            ));
        }
        // The same pairs in the same places: comparing whole comparisons
        // would cost the Wasm their equality for no reader's gain.
        let own = &self.catalog.comparisons;
        if !list.comparisons.iter().zip(own).all(|(listed, own)| listed.tools == own.tools) {
            return Err(shard_problem("comparisons", "the list does not begin with the catalog's curated pairs"));
        }
        only_warnings(validate_comparisons(&list.comparisons))?;
        let reviewers = Default::default();
        for (i, tool) in list.tools.iter().enumerate() {
            only_warnings(
                validate_tool_line(&reviewers, tool)
                    .into_iter()
                    .map(|p| Problem { path: format!("tools[{i}].{}", p.path), ..p })
                    .collect(),
            )?;
            self.learn(tool);
        }
        let mut pairs: Vec<Pair> = Vec::with_capacity(curated);
        for (i, comparison) in list.comparisons.iter().enumerate() {
            let [a, b] = comparison.tools.each_ref().map(|id| self.find_tool(id));
            let (Some(a), Some(b)) = (a, b) else {
                return Err(shard_problem(&format!("comparisons[{i}].tools"), "names a tool the list does not hold"));
            };
            self.learn_comparison(i, comparison).map_err(|message| shard_problem("comparisons", message))?;
            let pair = Pair { a, b };
            if !pairs.iter().any(|seen| seen.unordered() == pair.unordered()) {
                pairs.push(pair);
            }
        }
        let _ = self.learned.comparisons.listed.set(pairs);
        Ok(())
    }

    /// A sharded catalog's name table, checked to be of this build.
    pub fn read_name_table(&self, text: &str) -> Result<NameTable, LoadError> {
        let table: NameTable = crate::parse::parse_json(text).map_err(LoadError::Parse)?;
        self.same_build(&table.build)?;
        Ok(table)
    }

    /// A name shard file of `table`, checked to be of this build, to be
    /// the file asked for, and to hold tools by the tool rules, each with a
    /// word starting with a prefix the table assigns to the file.
    pub fn read_name_shard(&self, table: &NameTable, file: u32, text: &str) -> Result<NameShard, LoadError> {
        let shard: NameShard = crate::parse::parse_json(text).map_err(LoadError::Parse)?;
        self.same_build(&shard.build)?;
        if shard.file != file {
            return Err(shard_problem("file", format!("the file is name shard {}, not {file}", shard.file)));
        }
        let prefixes: Vec<&str> = table.prefixes.iter().filter(|p| p.file == file).map(|p| p.prefix.as_str()).collect();
        let reviewers = Default::default();
        for (i, tool) in shard.tools.iter().enumerate() {
            let problems = validate_tool_line(&reviewers, tool);
            only_warnings(
                problems.into_iter().map(|p| Problem { path: format!("tools[{i}].{}", p.path), ..p }).collect(),
            )?;
            let mut words = crate::shards::name_words(&tool.name).chain(crate::shards::name_words(&tool.category));
            if !words.any(|w| prefixes.iter().any(|p| w.starts_with(p))) {
                return Err(shard_problem(
                    &format!("tools[{i}]"),
                    format!("{:?} belongs to no prefix of this file", tool.name),
                ));
            }
        }
        Ok(shard)
    }

    fn same_build(&self, build: &str) -> Result<(), LoadError> {
        let ours = self.shards().map(|s| s.build.as_str()).unwrap_or_default();
        if build != ours {
            return Err(shard_problem(
                "build",
                format!("the file is from build {build:?}, the catalog from build {ours:?}: the site is being updated, or a cache kept an old file"),
            ));
        }
        Ok(())
    }

    /// Makes a tool met in a sharded catalog's shards one of the catalog's,
    /// as the pickers see it (id, name, category); `None` once a page has
    /// learned a million.
    pub fn learn(&self, tool: &Tool) -> Option<ToolRef> {
        if let Some(&known) = self.tools_by_id.get(&tool.id) {
            return Some(known);
        }
        let mut ids = self.learned.ids.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(&known) = ids.get(&tool.id) {
            return Some(known);
        }
        let index = ids.len();
        let chunk = self.learned.chunks.get(index / LEARNED_CHUNK)?;
        let slots = chunk.get_or_init(|| (0..LEARNED_CHUNK).map(|_| OnceLock::new()).collect());
        let entry =
            Tool { id: tool.id.clone(), name: tool.name.clone(), category: tool.category.clone(), ..Tool::default() };
        slots[index % LEARNED_CHUNK].set(entry).ok()?;
        let learned = ToolRef(self.catalog.tools.len() + index);
        ids.insert(tool.id.clone(), learned);
        Some(learned)
    }
}
