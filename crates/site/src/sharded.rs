//! Publishing a large catalog in the sharded layout
//! (`compare_domain::shards`): the manifest the widget loads, the tool
//! shards and the pickers' name index, each file within what static hosts
//! take.

use std::collections::BTreeMap;

use compare_domain::limits::MAX_TOOLS;
use compare_domain::model::Shards;
use compare_domain::shards::{
    name_shard_file, name_table, name_words, plan_name_shards, tool_shard_file, tool_shard_of, NAME_SHARD_BYTES,
    NAME_TABLE_FILE,
};
use compare_domain::{Catalog, Tool};

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

/// A tools file's tools as a build keeps them while it reads: each in its
/// published JSON, and the words the pickers find it by.
#[derive(Default)]
pub struct KeptTools {
    json: Vec<Box<str>>,
    /// What a picker shows of each tool (id, name, category), as JSON.
    entries: Vec<Box<str>>,
    words: Vec<(String, u32)>,
}

impl KeptTools {
    pub fn keep(&mut self, tool: &Tool) {
        let index = self.json.len() as u32;
        self.json.push(serde_json::to_string(tool).unwrap_or_default().into_boxed_str());
        self.entries.push(entry_json(tool).into_boxed_str());
        for word in name_words(&tool.name).chain(name_words(&tool.category)) {
            self.words.push((word, index));
        }
    }

    pub fn len(&self) -> usize {
        self.json.len()
    }

    pub fn is_empty(&self) -> bool {
        self.json.is_empty()
    }

    /// The tools, read back (for a catalog published as one file).
    pub fn tools(&self) -> Result<Vec<Tool>, String> {
        self.json.iter().map(|json| compare_domain::parse::parse_json(json).map_err(|err| err.to_string())).collect()
    }
}

fn entry_json(tool: &Tool) -> String {
    serde_json::json!({ "id": tool.id, "name": tool.name, "category": tool.category }).to_string()
}

/// A sharded site's catalog: the manifest's text and the files beside it.
pub struct ShardedCatalog {
    pub manifest: String,
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Lays `tools` out in shards beside `catalog`, whose `tools` become the
/// curated pairs' (and the default pair's) as the pickers see them.
pub fn shard(mut catalog: Catalog, tools: KeptTools) -> Result<ShardedCatalog, String> {
    let KeptTools { json, entries, words } = tools;
    let total_bytes: usize = json.iter().map(|t| t.len() + 1).sum();
    let tool_shards = (total_bytes.div_ceil(TOOL_SHARD_BYTES) as u32).clamp(1, MAX_TOOL_SHARDS);
    let ids: Vec<String> = entries.iter().map(|e| id_of(e)).collect();
    catalog.tools_file = None;
    catalog.shards = None;
    let build = build_id(&catalog, &json);
    catalog.tools = manifest_tools(&catalog, &ids, &entries)?;
    catalog.shards = Some(Shards { build: build.clone(), tools: json.len() as u64, tool_shards });
    let manifest = serde_json::to_string(&catalog).map_err(|err| err.to_string())?;

    let mut files = BTreeMap::new();
    let mut by_shard: Vec<Vec<u32>> = vec![Vec::new(); tool_shards as usize];
    for (index, id) in ids.iter().enumerate() {
        by_shard[tool_shard_of(id, tool_shards) as usize].push(index as u32);
    }
    let mut json = json;
    for (shard, members) in by_shard.into_iter().enumerate() {
        let mut text = format!(r#"{{"build":"{build}","shard":{shard},"tools":["#);
        for (i, &member) in members.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            // Moved, not copied: a million tools are held once.
            text.push_str(&std::mem::take(&mut json[member as usize]));
        }
        text.push_str("]}");
        add_capped(&mut files, tool_shard_file(shard as u32), text)?;
    }
    drop(json);

    let entry_bytes: Vec<u32> = entries.iter().map(|e| e.len() as u32 + 1).collect();
    let planned = plan_name_shards(words, &entry_bytes, NAME_SHARD_BYTES);
    for shard in &planned {
        let mut text = format!(
            r#"{{"build":"{build}","prefix":{},"total":{},"tools":["#,
            serde_json::Value::from(shard.prefix.as_str()),
            shard.total
        );
        for (i, &tool) in shard.tools.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&entries[tool as usize]);
        }
        text.push_str("]}");
        add_capped(&mut files, name_shard_file(&shard.prefix), text)?;
    }
    let table = name_table(&build, &planned);
    let prefixes: Vec<serde_json::Value> =
        table.prefixes.iter().map(|p| serde_json::json!([p.prefix, p.total, p.complete])).collect();
    let table_text = serde_json::json!({ "build": build, "prefixes": prefixes }).to_string();
    add_capped(&mut files, NAME_TABLE_FILE.to_string(), table_text)?;
    Ok(ShardedCatalog { manifest, files })
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

fn id_of(entry: &str) -> String {
    let tool: Tool = compare_domain::parse::parse_json(entry).unwrap_or_default();
    tool.id
}

/// The tools a manifest lists: those of the curated pairs, or the first
/// two when there are none (the default pair), as the pickers see them.
fn manifest_tools(catalog: &Catalog, ids: &[String], entries: &[Box<str>]) -> Result<Vec<Tool>, String> {
    let mut wanted: Vec<&str> = catalog.comparisons.iter().flat_map(|c| c.tools.iter().map(String::as_str)).collect();
    if wanted.is_empty() {
        wanted.extend(ids.iter().take(2).map(String::as_str));
    }
    let position: std::collections::HashMap<&str, usize> =
        ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
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

/// The same tools and catalog give the same id, so a rebuild of an
/// unchanged catalog changes no file.
fn build_id(catalog: &Catalog, tools: &[Box<str>]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    eat(serde_json::to_string(catalog).unwrap_or_default().as_bytes());
    for tool in tools {
        eat(tool.as_bytes());
        eat(b"\n");
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use compare_domain::shards::{NameShard, NameTable, ToolShard};
    use compare_domain::synthetic::jsonl_synthetic_catalog;
    use compare_domain::{load_catalog, parse::parse_json};

    fn sharded(count: usize) -> ShardedCatalog {
        let (catalog, tools) = jsonl_synthetic_catalog(count);
        let mut kept = KeptTools::default();
        tools.for_each(|tool| kept.keep(&tool));
        shard(catalog, kept).expect("shards")
    }

    #[test]
    fn every_tool_is_in_its_shard_and_found_by_its_words() {
        let site = sharded(3000);
        let catalog = load_catalog(&site.manifest).expect("the manifest is a valid catalog");
        assert!(catalog.is_sharded());
        assert_eq!(catalog.tool_count(), 600, "the 300 curated pairs' tools");
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
        let prefix = table.shard_for_query("Synthetic Tool 02345").expect("a shard for it").prefix.clone();
        let text = std::str::from_utf8(&site.files[&name_shard_file(&prefix)]).unwrap();
        let names: NameShard = catalog.read_name_shard(&prefix, text).expect("a valid name shard");
        assert!(names.tools.iter().any(|t| t.id == "tool-02345"), "{prefix}");
        for (path, content) in &site.files {
            if path.starts_with("shards/names/") {
                assert!(content.len() <= NAME_SHARD_BYTES + 200, "{path}: {} bytes", content.len());
            }
        }
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
