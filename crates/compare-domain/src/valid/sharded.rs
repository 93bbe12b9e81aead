//! What a sharded catalog's widget adds to a [`ValidCatalog`]: reading its
//! shards, checked against the manifest, and the tools the page met in
//! them. Only in builds with `cfg(shards)`: the widget every small site
//! publishes leaves all of it out.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use super::{only_warnings, LoadError, ToolRef, ValidCatalog};
use crate::model::{Catalog, Shards, Tool};
use crate::shards::{tool_shard_of, NameShard, NameTable, ToolShard};
use crate::validate::{validate_tool_line, Problem, Severity};

/// Tools a sharded catalog's page met in its shards (a deep link's, a
/// picker's matches), as the pickers see them (id, name, category). Their
/// `ToolRef`s follow the catalog's own and stay valid while the page
/// lives, so every widget of the catalog can hand them out; the slots are
/// filled once and never moved, which is what lets `tool()` lend them.
#[derive(Debug, Default)]
pub(super) struct LearnedTools {
    chunks: Vec<OnceLock<Box<[OnceLock<Tool>]>>>,
    ids: Mutex<HashMap<String, ToolRef>>,
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
        LearnedTools { chunks: (0..LEARNED_CHUNKS).map(|_| OnceLock::new()).collect(), ids: Mutex::default() }
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
        Ok(shard)
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
