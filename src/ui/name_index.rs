//! The pickers' view of a sharded catalog's name index: the prefix table
//! and the name shards one widget has fetched, and the matches of a query
//! from the one shard that answers it (see `compare_domain::shards`).

use std::sync::Arc;

use compare_domain::shards::{shard_matches, MatchCount, NameShard, NameTable};
use compare_domain::ToolRef;
use leptos::prelude::*;

use crate::ui::loadable::Loadable;
use crate::ui::search::Search;
use crate::ui::state::ComparisonState;

/// Fetches a file of the name index and records it with `NameIndex::set`
/// (the page's `PageHooks::fetch_names`).
pub type FetchNames = Arc<dyn Fn(NameIndex, ComparisonState, NameFile) + Send + Sync>;

/// A file of the name index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameFile {
    Table,
    Shard(u32),
}

/// Lists, not maps: a reader meets a few dozen files, and a map's code
/// for one more key type costs the Wasm more than the scans.
#[derive(Clone, Copy)]
pub struct NameIndex {
    files: RwSignal<Vec<(NameFile, Loadable<Arc<Fetched>>)>>,
    /// Asked for and not failed: each file is fetched once.
    asked: StoredValue<Vec<NameFile>>,
    /// The page's fetching, kept from where the widget was made: an event
    /// handler (a picker's focus) has no context to look it up in.
    fetch: StoredValue<Option<FetchNames>>,
}

/// A fetched file of the name index, checked.
pub enum Fetched {
    Table(NameTable),
    Shard(NameShard),
}

impl NameIndex {
    /// One per widget, fetching its files with the page's `fetch`.
    pub fn for_widget(fetch: Option<FetchNames>) -> NameIndex {
        NameIndex {
            files: RwSignal::new(Vec::new()),
            asked: StoredValue::new(Vec::new()),
            fetch: StoredValue::new(fetch),
        }
    }

    /// Records a file's outcome (the widget may have left meanwhile).
    pub fn set(&self, file: NameFile, outcome: Loadable<Arc<Fetched>>) {
        self.files.try_update(|files| files.push((file, outcome)));
    }

    /// The prefix table, once it is here (not tracked).
    pub fn table(&self) -> Option<Arc<Fetched>> {
        self.files.with_untracked(|files| {
            files.iter().find_map(|(file, outcome)| match (file, outcome) {
                (NameFile::Table, Loadable::Ready(table)) => Some(table.clone()),
                _ => None,
            })
        })
    }

    /// Forgets failed files, so that the next search fetches them again.
    pub fn retry_failed(&self) {
        let failed: Vec<NameFile> = self.files.with_untracked(|files| {
            files.iter().filter(|(_, outcome)| matches!(outcome, Loadable::Failed(_))).map(|(f, _)| f.clone()).collect()
        });
        if failed.is_empty() {
            return;
        }
        self.asked.update_value(|asked| asked.retain(|file| !failed.contains(file)));
        self.files.update(|files| files.retain(|(file, _)| !failed.contains(file)));
    }

    /// The file, tracked; asks for it once when it is not there.
    fn file(&self, state: ComparisonState, file: NameFile) -> Loadable<Arc<Fetched>> {
        if let Some(found) = self.files.with(|files| files.iter().find(|(f, _)| *f == file).map(|(_, l)| l.clone())) {
            return found;
        }
        let first = self
            .asked
            .try_update_value(|asked| {
                let first = !asked.contains(&file);
                if first {
                    asked.push(file.clone());
                }
                first
            })
            .unwrap_or(false);
        if let Some(fetch) = self.fetch.get_value().filter(|_| first) {
            fetch(*self, state, file);
        }
        Loadable::Loading
    }

    /// Asks for the prefix table ahead (a picker got focus), so that the
    /// first keystroke waits for one name shard only.
    pub fn prepare(&self, state: ComparisonState) {
        let _ = self.file(state, NameFile::Table);
    }

    /// The matches of `query` in a sharded catalog, tracked: at most `limit`
    /// tools, leaving out `exclude`. Fetches the prefix table, then the one
    /// shard of the query's rarest word.
    pub fn search(&self, state: ComparisonState, query: &str, exclude: ToolRef, limit: usize) -> Search {
        let table = match self.file(state, NameFile::Table) {
            Loadable::Ready(fetched) => fetched,
            Loadable::Loading => return Search::Waiting,
            Loadable::Failed(_) => return Search::Failed,
        };
        let Fetched::Table(table) = table.as_ref() else { return Search::Failed };
        if query.trim().is_empty() {
            // The curated pairs' tools, of every tool the catalog has.
            return state.catalog.with_value(|c| {
                let (found, _) = c.filter_tools("", Some(exclude), limit);
                let all = c.catalog().shards.as_ref().map_or(0, |s| s.tools);
                Search::Found(found, MatchCount::Exact(all.saturating_sub(1)))
            });
        }
        let Some(prefix) = table.shard_for_query(query) else {
            return Search::Found(Vec::new(), MatchCount::Exact(0));
        };
        let shard = match self.file(state, NameFile::Shard(prefix.file)) {
            Loadable::Ready(fetched) => fetched,
            Loadable::Loading => return Search::Waiting,
            Loadable::Failed(_) => return Search::Failed,
        };
        let Fetched::Shard(shard) = shard.as_ref() else { return Search::Failed };
        state.catalog.with_value(|c| {
            let excluded = c.tool(exclude);
            let (tools, count) = shard_matches(shard, prefix, query, Some(excluded), limit);
            Search::Found(tools.into_iter().filter_map(|tool| c.learn(tool)).collect(), count)
        })
    }
}
