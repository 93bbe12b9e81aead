//! Publishing a large catalog in the sharded layout
//! (`compare_domain::shards`): the manifest the widget loads, the tool
//! shards and the pickers' name index, each file within what static hosts
//! take.

use std::collections::BTreeMap;

use compare_domain::limits::MAX_TOOLS;
use compare_domain::model::Shards;
use compare_domain::shards::{
    name_shard_file, name_words, pack_name_shards, plan_name_shards, tool_shard_file, tool_shard_of, CURATED_FILE,
    MANIFEST_CURATED, NAME_SHARD_BYTES, NAME_TABLE_FILE,
};
use compare_domain::{Catalog, Comparison, Tool};

/// More tools than this are published sharded unless `--shards-above`
/// says otherwise: one catalog file holds at most this many.
pub const SHARDS_ABOVE: usize = MAX_TOOLS;

/// A tool shard's target size: two of them (~30 KB gzip each) and the
/// manifest are what a card needs, and at a million synthetic tools
/// (1.2 GB) that makes 8,192 files.
const TOOL_SHARD_BYTES: usize = 128 * 1024;
/// The most tool shards: with the name index (~2,500 files at a million
/// tools) and the pages of 1,000 curated pairs this keeps a site within
/// Cloudflare Pages' 20,000 files.
const MAX_TOOL_SHARDS: u32 = 8192;
/// Cloudflare Pages' limit per file.
const MAX_FILE_BYTES: usize = 25 * 1024 * 1024;

/// A tools file's tools as a build keeps them while it reads: whole while
/// they fit one catalog file, and always what the sharded layout needs
/// besides the tools themselves (which a second reading puts straight into
/// their shards: a million tools are never held at once).
pub struct KeptTools {
    limit: usize,
    whole: Vec<Tool>,
    ids: Vec<Box<str>>,
    /// What a picker shows of each tool (id, name, category), as JSON.
    entries: Vec<Box<str>>,
    /// Each tool's published JSON's length.
    json_bytes: Vec<u32>,
    words: Vec<(String, u32)>,
    /// FNV-1a of the tools' published JSON, for the build id.
    hash: u64,
}

impl KeptTools {
    /// Keeps the tools whole up to `limit` of them.
    pub fn new(limit: usize) -> KeptTools {
        KeptTools {
            limit,
            whole: Vec::new(),
            ids: Vec::new(),
            entries: Vec::new(),
            json_bytes: Vec::new(),
            words: Vec::new(),
            hash: FNV_OFFSET,
        }
    }

    pub fn keep(&mut self, tool: Tool) {
        let index = self.ids.len() as u32;
        let json = serde_json::to_string(&tool).unwrap_or_default();
        self.hash = fnv(self.hash, json.as_bytes());
        self.json_bytes.push(json.len() as u32);
        self.ids.push(tool.id.clone().into_boxed_str());
        self.entries.push(entry_json(&tool).into_boxed_str());
        for word in name_words(&tool.name).chain(name_words(&tool.category)) {
            self.words.push((word, index));
        }
        if self.ids.len() <= self.limit {
            self.whole.push(tool);
        } else {
            self.whole = Vec::new();
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Whether they are more than one catalog file is to hold.
    pub fn too_many_for_one_file(&self) -> bool {
        self.ids.len() > self.limit
    }

    /// The tools, whole (for a catalog published as one file).
    pub fn into_tools(self) -> Vec<Tool> {
        self.whole
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(mut hash: u64, bytes: &[u8]) -> u64 {
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

fn entry_json(tool: &Tool) -> String {
    serde_json::json!({ "id": tool.id, "name": tool.name, "category": tool.category }).to_string()
}

/// A sharded site's catalog: the manifest's text and the files beside it.
pub struct ShardedCatalog {
    pub manifest: String,
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Reads the tools file again, handing each tool over in order.
pub type Reread<'a> = &'a mut dyn FnMut(&mut dyn FnMut(Tool) -> Result<(), String>) -> Result<(), String>;

/// Lays the tools out in shards beside `catalog`, whose `tools` become the
/// manifest's curated pairs' (and the default pair's) as the pickers see
/// them. The tool shards are filled by reading the tools file again
/// (`reread`), which must give the same tools as the first reading.
pub fn shard(mut catalog: Catalog, tools: KeptTools, reread: Reread) -> Result<ShardedCatalog, String> {
    let KeptTools { ids, entries, json_bytes, words, hash, .. } = tools;
    let total_bytes: usize = json_bytes.iter().map(|&b| b as usize + 1).sum();
    let tool_shards = (total_bytes.div_ceil(TOOL_SHARD_BYTES) as u32).clamp(1, MAX_TOOL_SHARDS);
    catalog.tools_file = None;
    catalog.shards = None;
    let build = format!("{:016x}", fnv(hash, serde_json::to_string(&catalog).unwrap_or_default().as_bytes()));
    let mut files = BTreeMap::new();
    // The widget uses only the first of a repeated pair (the validator
    // warns), so only that one is published.
    let curated = first_of_each_pair(std::mem::take(&mut catalog.comparisons));
    let listed_apart = curated.len() > MANIFEST_CURATED;
    catalog.comparisons =
        curated.iter().take(if listed_apart { MANIFEST_CURATED } else { curated.len() }).cloned().collect();
    catalog.tools = manifest_tools(&catalog.comparisons, &ids, &entries)?;
    let curated_count = if listed_apart { curated.len() as u32 } else { 0 };
    catalog.shards =
        Some(Shards { build: build.clone(), tools: ids.len() as u64, tool_shards, curated: curated_count });
    let manifest = serde_json::to_string(&catalog).map_err(|err| err.to_string())?;
    if listed_apart {
        let list = serde_json::json!({
            "build": build,
            "tools": manifest_tools(&curated, &ids, &entries)?,
            "comparisons": curated,
        });
        add_capped(&mut files, CURATED_FILE.to_string(), list.to_string())?;
    }
    // Each shard's curated pairs: those naming one of its tools.
    let mut shard_pairs: Vec<Vec<String>> = vec![Vec::new(); tool_shards as usize];
    if listed_apart {
        for (at, comparison) in curated.iter().enumerate() {
            let mut shards: Vec<u32> = comparison.tools.iter().map(|id| tool_shard_of(id, tool_shards)).collect();
            shards.dedup();
            let text = serde_json::json!([at, comparison]).to_string();
            for shard in shards {
                shard_pairs[shard as usize].push(text.clone());
            }
        }
    }

    // Each shard's text, sized before it is filled.
    let shard_of: Vec<u32> = ids.iter().map(|id| tool_shard_of(id, tool_shards)).collect();
    let mut sizes = vec![0usize; tool_shards as usize];
    for (tool, &shard) in shard_of.iter().enumerate() {
        sizes[shard as usize] += json_bytes[tool] as usize + 1;
    }
    let mut texts: Vec<String> = sizes
        .iter()
        .enumerate()
        .map(|(shard, &size)| {
            let mut text = String::with_capacity(size + 64);
            text.push_str(&format!(r#"{{"build":"{build}","shard":{shard},"tools":["#));
            text
        })
        .collect();
    let mut next = 0;
    reread(&mut |tool| {
        if ids.get(next).map(|id| &**id) != Some(tool.id.as_str()) {
            return Err(changed());
        }
        let text = &mut texts[shard_of[next] as usize];
        if !text.ends_with('[') {
            text.push(',');
        }
        text.push_str(&serde_json::to_string(&tool).map_err(|err| err.to_string())?);
        next += 1;
        Ok(())
    })?;
    if next != ids.len() {
        return Err(changed());
    }
    for (shard, (mut text, pairs)) in texts.into_iter().zip(shard_pairs).enumerate() {
        text.push(']');
        if !pairs.is_empty() {
            text.push_str(&format!(r#","comparisons":[{}]"#, pairs.join(",")));
        }
        text.push('}');
        add_capped(&mut files, tool_shard_file(shard as u32), text)?;
    }

    let entry_bytes: Vec<u32> = entries.iter().map(|e| e.len() as u32 + 1).collect();
    let planned = plan_name_shards(words, &entry_bytes, NAME_SHARD_BYTES);
    let (table, name_files) = pack_name_shards(&build, planned, &entry_bytes, NAME_SHARD_BYTES);
    for (file, tools) in name_files.iter().enumerate() {
        let mut text = format!(r#"{{"build":"{build}","file":{file},"tools":["#);
        for (i, &tool) in tools.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&entries[tool as usize]);
        }
        text.push_str("]}");
        add_capped(&mut files, name_shard_file(file as u32), text)?;
    }
    let prefixes: Vec<serde_json::Value> =
        table.prefixes.iter().map(|p| serde_json::json!([p.prefix, p.total, p.complete, p.file])).collect();
    let table_text = serde_json::json!({ "build": build, "prefixes": prefixes }).to_string();
    add_capped(&mut files, NAME_TABLE_FILE.to_string(), table_text)?;
    Ok(ShardedCatalog { manifest, files })
}

fn changed() -> String {
    "the tools file changed while it was read twice to publish it: build again".to_string()
}

fn add_capped(files: &mut BTreeMap<String, Vec<u8>>, path: String, text: String) -> Result<(), String> {
    if text.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{path} would be {} bytes; static hosts such as Cloudflare Pages take at most {MAX_FILE_BYTES} bytes \
             per file (its tools are unusually large: shorten their reviews or descriptions)",
            text.len()
        ));
    }
    files.insert(path, text.into_bytes());
    Ok(())
}

/// The first comparison of each pair of tools, in either order.
fn first_of_each_pair(comparisons: Vec<Comparison>) -> Vec<Comparison> {
    let mut seen = std::collections::HashSet::new();
    comparisons
        .into_iter()
        .filter(|c| {
            let [a, b] = c.tools.clone();
            seen.insert(if a <= b { (a, b) } else { (b, a) })
        })
        .collect()
}

/// The tools `comparisons` name, or the first two when there are none
/// (the default pair), as the pickers see them.
fn manifest_tools(comparisons: &[Comparison], ids: &[Box<str>], entries: &[Box<str>]) -> Result<Vec<Tool>, String> {
    let mut wanted: Vec<&str> = comparisons.iter().flat_map(|c| c.tools.iter().map(String::as_str)).collect();
    if wanted.is_empty() {
        wanted.extend(ids.iter().take(2).map(|id| &**id));
    }
    let position: std::collections::HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (&**id, i)).collect();
    let mut listed = std::collections::HashSet::new();
    let mut tools = Vec::new();
    for id in wanted {
        let &at = position.get(id).ok_or_else(|| format!("comparisons name the unknown tool {id:?}"))?;
        if listed.insert(id) {
            tools.push(compare_domain::parse::parse_json(&entries[at]).map_err(|err| err.to_string())?);
        }
    }
    Ok(tools)
}

#[cfg(test)]
mod tests {
    use super::*;
    use compare_domain::shards::{NameShard, NameTable, ToolShard};
    use compare_domain::synthetic::jsonl_synthetic_catalog;
    use compare_domain::{load_catalog, parse::parse_json};

    fn sharded(count: usize) -> ShardedCatalog {
        let (catalog, tools) = jsonl_synthetic_catalog(count);
        let mut kept = KeptTools::new(10);
        tools.for_each(|tool| kept.keep(tool));
        let mut reread = |each: &mut dyn FnMut(Tool) -> Result<(), String>| {
            jsonl_synthetic_catalog(count).1.try_for_each(&mut *each)
        };
        shard(catalog, kept, &mut reread).expect("shards")
    }

    #[test]
    fn a_tools_file_that_changes_between_the_readings_is_refused() {
        let (catalog, tools) = jsonl_synthetic_catalog(30);
        let mut kept = KeptTools::new(10);
        tools.for_each(|tool| kept.keep(tool));
        let mut fewer = |each: &mut dyn FnMut(Tool) -> Result<(), String>| {
            jsonl_synthetic_catalog(30).1.take(29).try_for_each(&mut *each)
        };
        let err = shard(catalog, kept, &mut fewer).err().expect("refused");
        assert_eq!(err, "the tools file changed while it was read twice to publish it: build again");
    }

    #[test]
    fn every_tool_is_in_its_shard_and_found_by_its_words() {
        let site = sharded(3000);
        let catalog = load_catalog(&site.manifest).expect("the manifest is a valid catalog");
        assert!(catalog.is_sharded());
        assert_eq!(catalog.tool_count(), 2 * MANIFEST_CURATED, "the first curated pairs' tools");
        let shards = catalog.catalog().shards.clone().unwrap();
        assert_eq!((shards.tools, shards.tool_shards), (3000, 28));
        let mut seen = 0;
        for n in 0..shards.tool_shards {
            let shard: ToolShard = parse_json(std::str::from_utf8(&site.files[&tool_shard_file(n)]).unwrap()).unwrap();
            assert_eq!((shard.build.as_str(), shard.shard), (shards.build.as_str(), n));
            assert!(shard.tools.iter().all(|t| tool_shard_of(&t.id, shards.tool_shards) == n));
            seen += shard.tools.len();
        }
        assert_eq!(seen, 3000);
        let table: NameTable = parse_json(std::str::from_utf8(&site.files[NAME_TABLE_FILE]).unwrap()).unwrap();
        let prefix = table.shard_for_query("Synthetic Tool 02345").expect("a shard for it").clone();
        let text = std::str::from_utf8(&site.files[&name_shard_file(prefix.file)]).unwrap();
        let names: NameShard = catalog.read_name_shard(&table, prefix.file, text).expect("a valid name shard");
        assert!(names.tools.iter().any(|t| t.id == "tool-02345"), "{prefix:?}");
        let files = site.files.keys().filter(|path| path.starts_with("shards/names/")).count();
        assert!(
            files < table.prefixes.len(),
            "{files} files for {} prefixes: complete ones share",
            table.prefixes.len()
        );
        for (path, content) in &site.files {
            if path.starts_with("shards/names/") {
                assert!(content.len() <= NAME_SHARD_BYTES + 200, "{path}: {} bytes", content.len());
            }
        }
    }

    #[test]
    fn curated_pairs_beyond_the_manifest_are_in_their_tools_shards_and_in_their_list() {
        let site = sharded(3000);
        let catalog = load_catalog(&site.manifest).expect("the manifest is a valid catalog");
        assert_eq!(catalog.catalog().comparisons.len(), MANIFEST_CURATED);
        assert_eq!((catalog.curated_count(), catalog.curated_pairs().len()), (300, MANIFEST_CURATED));
        let shards = catalog.catalog().shards.clone().unwrap();

        // The card of a pair the manifest does not list reads its tools'
        // shards, and finds its curated pair in either.
        for id in ["tool-02000", "tool-02001"] {
            let fresh = load_catalog(&site.manifest).unwrap();
            let text =
                std::str::from_utf8(&site.files[&tool_shard_file(tool_shard_of(id, shards.tool_shards))]).unwrap();
            let shard = fresh.read_tool_shard(id, text).expect("a valid shard");
            let tool = shard.tools.iter().find(|t| t.id == id).unwrap();
            fresh.learn(tool).unwrap();
            let other = if id.ends_with('0') { "tool-02001" } else { "tool-02000" };
            let other = fresh.learn(&Tool { id: other.into(), name: "x".into(), ..Tool::default() }).unwrap();
            let pair = compare_domain::Pair { a: fresh.find_tool(id).unwrap(), b: other };
            let curated = fresh.comparison(pair).unwrap_or_else(|| panic!("{id}'s shard holds its curated pair"));
            assert_eq!(curated.tools, ["tool-02000", "tool-02001"]);
        }

        catalog.read_curated_list(std::str::from_utf8(&site.files[CURATED_FILE]).unwrap()).expect("the list");
        let all = catalog.curated_pairs();
        assert_eq!(all.len(), 300);
        let last = all[299];
        assert_eq!((catalog.tool(last.a).id.as_str(), catalog.tool(last.b).id.as_str()), ("tool-02990", "tool-02991"));
        assert!(catalog.comparison(last).is_some());
    }

    #[test]
    fn a_few_curated_pairs_stay_in_the_manifest() {
        let (mut source, tools) = jsonl_synthetic_catalog(200);
        source.comparisons.truncate(MANIFEST_CURATED);
        let mut kept = KeptTools::new(10);
        tools.for_each(|tool| kept.keep(tool));
        let mut reread =
            |each: &mut dyn FnMut(Tool) -> Result<(), String>| jsonl_synthetic_catalog(200).1.try_for_each(&mut *each);
        let site = shard(source, kept, &mut reread).unwrap();
        let catalog = load_catalog(&site.manifest).unwrap();
        assert_eq!((catalog.curated_count(), catalog.curated_pairs().len()), (MANIFEST_CURATED, MANIFEST_CURATED));
        assert_eq!(catalog.catalog().shards.as_ref().unwrap().curated, 0);
        assert!(!site.files.contains_key(CURATED_FILE));
        assert!(!site.manifest.contains("\"curated\""));
    }

    #[test]
    fn the_same_catalog_builds_the_same_files() {
        let (a, b) = (sharded(50), sharded(50));
        assert_eq!(a.manifest, b.manifest);
        assert_eq!(a.files, b.files);
        let build =
            |site: &ShardedCatalog| load_catalog(&site.manifest).unwrap().catalog().shards.clone().unwrap().build;
        assert_ne!(build(&sharded(51)), build(&a), "another catalog, another build");
    }
}
