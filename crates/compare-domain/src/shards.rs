//! The sharded layout of a large catalog: what `tool-compare build`
//! writes for more tools than one catalog file holds, and how the widget
//! finds a tool or a name in it with one small file per lookup.
//!
//! The published catalog (the manifest) keeps its reviewers, labels and
//! curated pairs, and in `tools` only the tools the curated pairs and the
//! default pair name, as the pickers see them (id, name, category). Beside
//! it, under `shards/`:
//! - `tools/<n>.json`: the full tools whose id hashes to shard `n`
//!   ([`tool_shard_of`]), so the card of any pair needs two files;
//! - `names/<n>.json`: the pickers' name index, by folded word prefix
//!   ([`plan_name_shards`], [`pack_name_shards`]); a query's word is looked
//!   up in the prefix table, `names.json`, fetched once, which names the
//!   file of each prefix;
//! - `curated.json`, for a catalog of more curated pairs than the manifest
//!   lists ([`MANIFEST_CURATED`]): all of them and their tools, fetched
//!   when a reader asks to see them all. Each curated pair is also in the
//!   tool shards of its two tools, so the card of any pair finds its own
//!   in the shards it reads anyway: the manifest, which every reader reads
//!   before the card, stays the size of a small catalog's whatever the
//!   curation (1,000 pairs made it 253 KB).
//!
//! Every file carries the build's id, so a reader never mixes files of two
//! builds (a host that updates files one by one, a stale cache): the widget
//! refuses such a file and names it.

use std::collections::HashMap;

use crate::json::{ReadJson, Reader};
use crate::model::{Comparison, Shards, Tool};
use crate::parse::ParseError;
use crate::text::fold_case;

/// Where the shards live, relative to the catalog.
pub const NAME_TABLE_FILE: &str = "shards/names.json";

/// A name shard's file. Several prefixes whose tools are few share one
/// (the table says which), so a million tools make thousands of files,
/// not tens of thousands.
pub fn name_shard_file(file: u32) -> String {
    format!("shards/names/{file}.json")
}

/// The list of every curated pair of a catalog that has more than the
/// manifest lists.
pub const CURATED_FILE: &str = "shards/curated.json";

/// How many curated pairs a manifest lists: the ones a card shows before
/// "Show all".
pub const MANIFEST_CURATED: usize = 8;

pub fn tool_shard_file(shard: u32) -> String {
    format!("shards/tools/{shard}.json")
}

/// The tool shard that holds the tool `id`, of `shards` (at least 1):
/// FNV-1a, which spreads ids evenly and is the same in the build and in
/// the widget on every platform.
pub fn tool_shard_of(id: &str, shards: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in id.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % shards.max(1)
}

/// The folded words of a tool's name and category, by which the pickers
/// find it: "Smol LM-3" → "smol", "lm", "3". Words end at white space and
/// ASCII punctuation (not at every non-alphanumeric character: Unicode's
/// tables for that would be kilobytes of the widget's Wasm).
pub fn name_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| c.is_whitespace() || c.is_ascii_punctuation()).filter(|word| !word.is_empty()).map(fold_case)
}

/// One entry of the name table: a prefix, how many tools have a word
/// starting with it, and whether its shard lists them all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamePrefix {
    pub prefix: String,
    pub total: u64,
    /// `false`: the shard lists the first tools only, because longer
    /// prefixes have shards of their own (or every word is this prefix).
    pub complete: bool,
    /// The name shard file that holds its tools (`name_shard_file`).
    pub file: u32,
}

/// The prefix table (`shards/names.json`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameTable {
    pub build: String,
    /// Sorted by prefix.
    pub prefixes: Vec<NamePrefix>,
}

/// Where one word of a query is looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordLookup<'a> {
    /// No tool has a word starting with it: no file to fetch.
    Nothing,
    Shard(&'a NamePrefix),
}

impl NameTable {
    /// The shard for a folded query word: the longest prefix of it in the
    /// table. Below a partial shard, a longer word has a shard of its own
    /// or matches nothing.
    pub fn lookup(&self, word: &str) -> WordLookup<'_> {
        let ends = word.char_indices().skip(1).map(|(at, _)| at).chain([word.len()]);
        for end in ends.filter(|&end| end > 0) {
            let Ok(at) = self.prefixes.binary_search_by(|p| p.prefix.as_str().cmp(&word[..end])) else {
                // Below a partial shard every longer word that any tool has
                // got a shard of its own.
                return WordLookup::Nothing;
            };
            let found = &self.prefixes[at];
            if found.complete || end == word.len() {
                return WordLookup::Shard(found);
            }
        }
        WordLookup::Nothing
    }

    /// The shard to fetch for a query (its words folded): its rarest word's,
    /// so that the fewest tools are left to filter; `None` when some word
    /// matches no tool (or the query has no word).
    pub fn shard_for_query(&self, query: &str) -> Option<&NamePrefix> {
        let mut rarest: Option<&NamePrefix> = None;
        for word in name_words(query) {
            match self.lookup(&word) {
                WordLookup::Nothing => return None,
                WordLookup::Shard(p) => {
                    if rarest.is_none_or(|r| {
                        (p.complete, std::cmp::Reverse(p.total)) > (r.complete, std::cmp::Reverse(r.total))
                    }) {
                        rarest = Some(p);
                    }
                }
            }
        }
        rarest
    }
}

/// A name shard (`shards/names/<n>.json`): the tools of the prefixes the
/// table assigns to file `file`, as the pickers show them (id, name,
/// category).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NameShard {
    pub build: String,
    pub file: u32,
    pub tools: Vec<Tool>,
}

/// A tool shard (`shards/tools/<n>.json`): the full tools of shard
/// `shard`, and the curated pairs that name one of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ToolShard {
    pub build: String,
    pub shard: u32,
    pub tools: Vec<Tool>,
    pub comparisons: Vec<CuratedPair>,
}

/// A curated pair and its place in the catalog's list (`[at, {…}]`).
#[derive(Debug, Clone, PartialEq)]
pub struct CuratedPair {
    pub at: u32,
    pub comparison: Comparison,
}

/// `shards/curated.json`: every curated pair, in the catalog's order, and
/// their tools as the pickers see them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CuratedList {
    pub build: String,
    pub tools: Vec<Tool>,
    pub comparisons: Vec<Comparison>,
}

/// How many tools match a query, as far as one name shard tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchCount {
    Exact(u64),
    /// A partial shard: at least this many (the shard's own first tools).
    AtLeast(u64),
}

/// The tools of `shard` (the file of `prefix`) whose words start with
/// every word of `query`, names starting with the query first, at most
/// `limit`, leaving out the tool `exclude`; and how many match in all, as
/// far as the shard tells. Tools of the file's other prefixes never match:
/// they have no word starting with `prefix`, which starts the query's word.
pub fn shard_matches<'a>(
    shard: &'a NameShard,
    prefix: &NamePrefix,
    query: &str,
    exclude: Option<&Tool>,
    limit: usize,
) -> (Vec<&'a Tool>, MatchCount) {
    let words: Vec<String> = name_words(query).collect();
    let folded_query = fold_case(query.trim());
    let single_word_is_prefix = words.len() == 1 && words[0] == prefix.prefix;
    let mut starts = Vec::new();
    let mut others = Vec::new();
    let mut total: u64 = 0;
    let matches = |tool: &Tool| {
        let tool_words: Vec<String> = name_words(&tool.name).chain(name_words(&tool.category)).collect();
        words.iter().all(|w| tool_words.iter().any(|t| t.starts_with(w.as_str())))
    };
    let excluded_matches = exclude.is_some_and(matches);
    for tool in &shard.tools {
        if exclude.is_some_and(|e| e.id == tool.id) || !matches(tool) {
            continue;
        }
        total += 1;
        let list = if fold_case(&tool.name).starts_with(&folded_query) { &mut starts } else { &mut others };
        if list.len() < limit {
            list.push(tool);
        }
    }
    starts.extend(others);
    starts.truncate(limit);
    let count = if prefix.complete {
        MatchCount::Exact(total)
    } else if single_word_is_prefix {
        // Every tool of the prefix matches: the table's total is the count.
        MatchCount::Exact(prefix.total - u64::from(excluded_matches))
    } else {
        MatchCount::AtLeast(total)
    };
    (starts, count)
}

/// The most a name shard's entries may take, in bytes of JSON: ~4× less
/// gzipped, so a keystroke's file stays within the contract's 16 KB.
pub const NAME_SHARD_BYTES: usize = 48 * 1024;

/// One name shard the build writes: a prefix and the tools it lists (by
/// their position in the catalog), with the count of all tools under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedNameShard {
    pub prefix: String,
    pub total: u64,
    pub tools: Vec<u32>,
}

/// Splits the name index into shards of at most `max_bytes` of entries:
/// a prefix whose tools fit is one complete shard; a larger one lists its
/// first tools (catalog order) and its exact count, and its longer
/// prefixes get shards of their own. `entry_bytes[t]` is tool `t`'s entry
/// size; `words` holds each (folded word, tool) once.
pub fn plan_name_shards(mut words: Vec<(String, u32)>, entry_bytes: &[u32], max_bytes: usize) -> Vec<PlannedNameShard> {
    words.sort_unstable();
    words.dedup();
    let mut out = Vec::new();
    let mut by_first: Vec<(usize, usize)> = Vec::new();
    group_by_next_char(&words, 0, &mut by_first);
    for (start, end) in by_first {
        let prefix = first_chars(&words[start].0, 1);
        plan_prefix(&words[start..end], prefix, entry_bytes, max_bytes, &mut out);
    }
    out
}

fn plan_prefix(
    words: &[(String, u32)],
    prefix: String,
    entry_bytes: &[u32],
    max_bytes: usize,
    out: &mut Vec<PlannedNameShard>,
) {
    let mut tools: Vec<u32> = words.iter().map(|(_, tool)| *tool).collect();
    tools.sort_unstable();
    tools.dedup();
    let total = tools.len() as u64;
    let mut bytes = 0;
    let fits = tools.iter().position(|&t| {
        bytes += entry_bytes[t as usize] as usize;
        bytes > max_bytes
    });
    let Some(first_over) = fits else {
        out.push(PlannedNameShard { prefix, total, tools });
        return;
    };
    tools.truncate(first_over);
    let chars = prefix.chars().count();
    out.push(PlannedNameShard { prefix, total, tools });
    let mut groups = Vec::new();
    group_by_next_char(words, chars, &mut groups);
    for (start, end) in groups {
        let longer = first_chars(&words[start].0, chars + 1);
        plan_prefix(&words[start..end], longer, entry_bytes, max_bytes, out);
    }
}

/// Ranges of `words` (sorted, all sharing their first `chars` characters)
/// by their next character; words of exactly `chars` characters in none.
fn group_by_next_char(words: &[(String, u32)], chars: usize, groups: &mut Vec<(usize, usize)>) {
    let mut at = 0;
    while at < words.len() {
        let Some(next) = words[at].0.chars().nth(chars) else {
            at += 1;
            continue;
        };
        let start = at;
        while at < words.len() && words[at].0.chars().nth(chars) == Some(next) {
            at += 1;
        }
        groups.push((start, at));
    }
}

fn first_chars(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// Puts the planned shards into files of at most `max_bytes` of entries:
/// each partial prefix in a file of its own, complete ones together with
/// their neighbours (in prefix order) while they fit. Returns the table
/// and each file's tools.
pub fn pack_name_shards(
    build: &str,
    mut planned: Vec<PlannedNameShard>,
    entry_bytes: &[u32],
    max_bytes: usize,
) -> (NameTable, Vec<Vec<u32>>) {
    planned.sort_by(|a, b| a.prefix.cmp(&b.prefix));
    let mut files: Vec<Vec<u32>> = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (file, bytes) still taking complete prefixes
    let mut prefixes = Vec::with_capacity(planned.len());
    for shard in planned {
        let complete = shard.tools.len() as u64 == shard.total;
        let bytes: usize = shard.tools.iter().map(|&t| entry_bytes[t as usize] as usize).sum();
        let file = match open {
            Some((file, used)) if complete && used + bytes <= max_bytes => {
                open = Some((file, used + bytes));
                file
            }
            _ => {
                files.push(Vec::new());
                let file = files.len() - 1;
                open = complete.then_some((file, bytes));
                file
            }
        };
        files[file].extend(&shard.tools);
        prefixes.push(NamePrefix { prefix: shard.prefix, total: shard.total, complete, file: file as u32 });
    }
    for tools in &mut files {
        // A tool of two packed prefixes is listed once.
        tools.sort_unstable();
        tools.dedup();
    }
    (NameTable { build: build.to_string(), prefixes }, files)
}

/// The tool ids of a page's request that a sharded catalog has not seen
/// yet, each with its shard.
pub fn unknown_ids<'a>(
    ids: impl IntoIterator<Item = &'a str>,
    known: impl Fn(&str) -> bool,
    shards: u32,
) -> HashMap<u32, Vec<String>> {
    let mut by_shard: HashMap<u32, Vec<String>> = HashMap::new();
    for id in ids {
        if !known(id) {
            by_shard.entry(tool_shard_of(id, shards)).or_default().push(id.to_string());
        }
    }
    by_shard
}

// How each shard file reads itself (see `json`).

impl ReadJson for Shards {
    fn read_json(r: &mut Reader) -> Result<Shards, ParseError> {
        const FIELDS: &[&str] = &["build", "tools", "tool_shards", "curated"];
        let mut shards = Shards::default();
        let seen = r.object("struct Shards", FIELDS, |r, field| {
            match field {
                0 => shards.build = r.string()?,
                1 => shards.tools = count(r)?,
                2 => shards.tool_shards = u32::try_from(count(r)?).map_err(|_| r.shape("too many tool shards"))?,
                _ => shards.curated = u32::try_from(count(r)?).map_err(|_| r.shape("too many curated pairs"))?,
            }
            Ok(())
        })?;
        r.require(seen, FIELDS, &[0, 1, 2])?;
        Ok(shards)
    }
}

fn count(r: &mut Reader) -> Result<u64, ParseError> {
    let value = r.integer()?;
    u64::try_from(value).map_err(|_| r.shape(format!("invalid value: integer `{value}`, expected a count")))
}

impl ReadJson for ToolShard {
    fn read_json(r: &mut Reader) -> Result<ToolShard, ParseError> {
        const FIELDS: &[&str] = &["build", "shard", "tools", "comparisons"];
        let mut shard = ToolShard::default();
        let seen = r.object("struct ToolShard", FIELDS, |r, field| {
            match field {
                0 => shard.build = r.string()?,
                1 => shard.shard = u32::try_from(count(r)?).map_err(|_| r.shape("no such shard"))?,
                2 => shard.tools = r.list()?,
                _ => shard.comparisons = r.list()?,
            }
            Ok(())
        })?;
        r.require(seen, FIELDS, &[0, 1, 2])?;
        Ok(shard)
    }
}

impl ReadJson for CuratedPair {
    /// `[12, {"tools": ["a", "b"], …}]`.
    fn read_json(r: &mut Reader) -> Result<CuratedPair, ParseError> {
        let (mut at, mut comparison, mut fields) = (0, None, 0);
        r.array(|r| {
            match fields {
                0 => at = u32::try_from(count(r)?).map_err(|_| r.shape("no such curated pair"))?,
                1 => comparison = Some(Comparison::read_json(r)?),
                _ => return Err(r.shape("expected [position, comparison]")),
            }
            fields += 1;
            Ok(())
        })?;
        let comparison = comparison.ok_or_else(|| r.shape("expected [position, comparison]"))?;
        Ok(CuratedPair { at, comparison })
    }
}

impl ReadJson for CuratedList {
    fn read_json(r: &mut Reader) -> Result<CuratedList, ParseError> {
        const FIELDS: &[&str] = &["build", "tools", "comparisons"];
        let mut list = CuratedList::default();
        let seen = r.object("struct CuratedList", FIELDS, |r, field| {
            match field {
                0 => list.build = r.string()?,
                1 => list.tools = r.list()?,
                _ => list.comparisons = r.list()?,
            }
            Ok(())
        })?;
        r.require(seen, FIELDS, &[0, 1, 2])?;
        Ok(list)
    }
}

impl ReadJson for NameShard {
    fn read_json(r: &mut Reader) -> Result<NameShard, ParseError> {
        const FIELDS: &[&str] = &["build", "file", "tools"];
        let mut shard = NameShard::default();
        let seen = r.object("struct NameShard", FIELDS, |r, field| {
            match field {
                0 => shard.build = r.string()?,
                1 => shard.file = u32::try_from(count(r)?).map_err(|_| r.shape("no such file"))?,
                _ => shard.tools = r.list()?,
            }
            Ok(())
        })?;
        r.require(seen, FIELDS, &[0, 1, 2])?;
        Ok(shard)
    }
}

impl ReadJson for NameTable {
    /// `{"build": "…", "prefixes": [["smo", 1234, true, 17], …]}`, sorted.
    fn read_json(r: &mut Reader) -> Result<NameTable, ParseError> {
        const FIELDS: &[&str] = &["build", "prefixes"];
        let mut table = NameTable::default();
        let seen = r.object("struct NameTable", FIELDS, |r, field| {
            match field {
                0 => table.build = r.string()?,
                _ => {
                    r.array(|r| {
                        let mut entry = NamePrefix { prefix: String::new(), total: 0, complete: false, file: 0 };
                        let mut at = 0;
                        let fields = r.array(|r| {
                            match at {
                                0 => entry.prefix = r.string()?,
                                1 => entry.total = count(r)?,
                                2 => entry.complete = r.boolean()?,
                                _ => entry.file = u32::try_from(count(r)?).map_err(|_| r.shape("no such file"))?,
                            }
                            at += 1;
                            Ok(())
                        })?;
                        if fields != 4 {
                            return Err(r.shape("expected [prefix, total, complete, file]"));
                        }
                        table.prefixes.push(entry);
                        Ok(())
                    })?;
                }
            }
            Ok(())
        })?;
        r.require(seen, FIELDS, &[0, 1])?;
        if !table.prefixes.windows(2).all(|w| w[0].prefix < w[1].prefix) {
            return Err(r.shape("prefixes out of order"));
        }
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tool(id: &str, name: &str, category: &str) -> Tool {
        Tool { id: id.into(), name: name.into(), category: category.into(), ..Tool::default() }
    }

    fn words_of(tools: &[Tool]) -> Vec<(String, u32)> {
        let mut words = Vec::new();
        for (i, tool) in tools.iter().enumerate() {
            for word in name_words(&tool.name).chain(name_words(&tool.category)) {
                words.push((word, i as u32));
            }
        }
        words
    }

    #[test]
    fn ids_spread_over_the_shards_the_same_way_everywhere() {
        assert_eq!(tool_shard_of("smollm3", 1), 0);
        assert_eq!(tool_shard_of("smollm3", 8192), tool_shard_of("smollm3", 8192));
        // FNV-1a 32 of "a" is 0xe40c292c.
        assert_eq!(tool_shard_of("a", 1000), 0xe40c_292c % 1000);
        let mut counts = vec![0; 16];
        for i in 0..16_000 {
            counts[tool_shard_of(&format!("tool-{i:05}"), 16) as usize] += 1;
        }
        assert!(counts.iter().all(|&c| (800..1200).contains(&c)), "{counts:?}");
    }

    #[test]
    fn words_are_folded_and_split_at_anything_but_letters_and_digits() {
        let words: Vec<String> = name_words("SmolLM-3 (Ünïcode) café").collect();
        assert_eq!(words, ["smollm", "3", "ünïcode", "café"]);
        assert_eq!(name_shard_file(17), "shards/names/17.json");
    }

    #[test]
    fn a_small_index_is_one_complete_shard_per_first_letter() {
        let tools = [tool("a", "Alpha One", "Writing"), tool("b", "Beta", "Writing")];
        let planned = plan_name_shards(words_of(&tools), &[30, 30], 1000);
        let summary: Vec<(&str, u64, usize)> =
            planned.iter().map(|p| (p.prefix.as_str(), p.total, p.tools.len())).collect();
        assert_eq!(summary, [("a", 1, 1), ("b", 1, 1), ("o", 1, 1), ("w", 2, 2)]);
    }

    #[test]
    fn a_large_prefix_lists_its_first_tools_and_splits_by_the_next_letter() {
        let tools: Vec<Tool> = (0..100)
            .map(|i| tool(&format!("t{i}"), &format!("Tool {i}"), if i < 3 { "Tonal" } else { "Misc" }))
            .collect();
        let planned = plan_name_shards(words_of(&tools), &[10; 100], 200);
        let t = planned.iter().find(|p| p.prefix == "t").unwrap();
        assert_eq!((t.total, t.tools.len()), (100, 20), "first 20 of 100");
        assert_eq!(t.tools[..3], [0, 1, 2], "in catalog order");
        let to = planned.iter().find(|p| p.prefix == "to").unwrap();
        assert_eq!((to.total, to.tools.len()), (100, 20));
        // "too" and "ton" split apart; "tool" is every tool and cannot split.
        let ton = planned.iter().find(|p| p.prefix == "ton").unwrap();
        assert_eq!((ton.total, ton.tools.len()), (3, 3));
        let tool_shard = planned.iter().find(|p| p.prefix == "tool").unwrap();
        assert_eq!((tool_shard.total, tool_shard.tools.len()), (100, 20));
        assert!(!planned.iter().any(|p| p.prefix == "toolx"));
        // Digits: "1" holds 1 and 10..19, complete.
        let one = planned.iter().find(|p| p.prefix == "1").unwrap();
        assert_eq!((one.total, one.tools.len()), (11, 11));
        for p in &planned {
            let bytes: u32 = p.tools.iter().map(|_| 10).sum();
            assert!(bytes <= 200, "{} holds {bytes} bytes", p.prefix);
        }
    }

    fn table(entries: &[(&str, u64, bool)]) -> NameTable {
        let mut prefixes: Vec<NamePrefix> = entries
            .iter()
            .map(|&(p, total, complete)| NamePrefix { prefix: p.into(), total, complete, file: 0 })
            .collect();
        prefixes.sort_by(|a, b| a.prefix.cmp(&b.prefix));
        NameTable { build: "b".into(), prefixes }
    }

    #[test]
    fn a_word_is_looked_up_in_its_longest_listed_prefix() {
        let t = table(&[
            ("t", 100, false),
            ("to", 100, false),
            ("ton", 3, true),
            ("too", 97, false),
            ("tool", 97, false),
            ("m", 97, true),
        ]);
        let shard = |w: &str| match t.lookup(w) {
            WordLookup::Shard(p) => Some(p.prefix.as_str()),
            WordLookup::Nothing => None,
        };
        assert_eq!(shard("t"), Some("t"));
        assert_eq!(shard("ton"), Some("ton"));
        assert_eq!(shard("tone"), Some("ton"), "a complete shard answers longer words");
        assert_eq!(shard("tool"), Some("tool"));
        assert_eq!(shard("tools"), None, "below a partial shard, no shard means no tool");
        assert_eq!(shard("tx"), None);
        assert_eq!(shard("misc"), Some("m"));
        assert_eq!(shard("z"), None);
        assert_eq!(t.shard_for_query("Tool Misc").map(|p| p.prefix.as_str()), Some("m"), "the complete one");
        assert_eq!(t.shard_for_query("tool ton").map(|p| p.prefix.as_str()), Some("ton"));
        assert_eq!(t.shard_for_query("tool zzz"), None);
        assert_eq!(t.shard_for_query("  "), None);
    }

    #[test]
    fn matches_within_a_shard_are_exact_or_at_least() {
        let tools: Vec<Tool> = vec![
            tool("a", "Smol Writer", "Writing"),
            tool("b", "Big Smol", "Research"),
            tool("c", "Smolder", "Writing"),
            tool("d", "Other", "Misc"),
        ];
        let shard = NameShard { build: "b".into(), file: 0, tools: tools.clone() };
        let complete = NamePrefix { prefix: "sm".into(), total: 3, complete: true, file: 0 };
        let (found, count) = shard_matches(&shard, &complete, "smol", None, 10);
        let ids: Vec<&str> = found.iter().map(|t| t.id.as_str()).collect();
        assert_eq!((ids, count), (vec!["a", "c", "b"], MatchCount::Exact(3)), "names starting with it first");
        let (found, count) = shard_matches(&shard, &complete, "smol writ", Some(&tools[2]), 10);
        assert_eq!((found.len(), count), (1, MatchCount::Exact(1)), "every word, in name or category");
        let partial = NamePrefix { prefix: "smol".into(), total: 500, complete: false, file: 0 };
        assert_eq!(shard_matches(&shard, &partial, "smol", Some(&tools[0]), 1).1, MatchCount::Exact(499));
        let elsewhere = tool("z", "Zeta", "Misc");
        assert_eq!(shard_matches(&shard, &partial, "smol", Some(&elsewhere), 1).1, MatchCount::Exact(500));
        assert_eq!(shard_matches(&shard, &partial, "smol res", None, 10).1, MatchCount::AtLeast(1));
    }

    fn table_plan() -> Vec<PlannedNameShard> {
        vec![
            PlannedNameShard { prefix: "b".into(), total: 2, tools: vec![0, 1] },
            PlannedNameShard { prefix: "a".into(), total: 2, tools: vec![1, 2] },
            PlannedNameShard { prefix: "c".into(), total: 9, tools: vec![3, 4] },
            PlannedNameShard { prefix: "ca".into(), total: 1, tools: vec![3] },
            PlannedNameShard { prefix: "d".into(), total: 3, tools: vec![5, 6, 7] },
        ]
    }

    #[test]
    fn complete_prefixes_share_files_and_partial_ones_have_their_own() {
        let planned = vec![
            PlannedNameShard { prefix: "b".into(), total: 2, tools: vec![0, 1] },
            PlannedNameShard { prefix: "a".into(), total: 2, tools: vec![1, 2] },
            PlannedNameShard { prefix: "c".into(), total: 9, tools: vec![3, 4] },
            PlannedNameShard { prefix: "ca".into(), total: 1, tools: vec![3] },
            PlannedNameShard { prefix: "d".into(), total: 3, tools: vec![5, 6, 7] },
        ];
        let (table, files) = pack_name_shards("b1", planned, &[10; 8], 40);
        let summary: Vec<(&str, bool, u32)> =
            table.prefixes.iter().map(|p| (p.prefix.as_str(), p.complete, p.file)).collect();
        assert_eq!(summary, [("a", true, 0), ("b", true, 0), ("c", false, 1), ("ca", true, 2), ("d", true, 2)]);
        assert_eq!(files, [vec![0, 1, 2], vec![3, 4], vec![3, 5, 6, 7]]);
        let (table, _) = pack_name_shards("b1", table_plan(), &[10; 8], 30);
        assert_eq!(table.prefixes.iter().map(|p| p.file).collect::<Vec<_>>(), [0, 1, 2, 3, 4], "full: a new file");
    }
}
