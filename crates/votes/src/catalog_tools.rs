//! The tools votes are taken for: the catalog's, read again whenever its
//! file changes, so that a site owner's new tool can be voted on without a
//! restart. A catalog that no longer loads leaves the last good one in use.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use compare_domain::source::read_source;
use compare_domain::valid::load_catalog;

pub struct CatalogTools {
    path: PathBuf,
    loaded: Mutex<Loaded>,
}

struct Loaded {
    modified: Option<SystemTime>,
    ids: HashSet<String>,
}

impl CatalogTools {
    /// Reads the catalog; a catalog that does not load is an error here, at
    /// the start, where the site owner sees it.
    pub fn open(path: &Path) -> Result<CatalogTools, String> {
        let ids = read_ids(path)?;
        let loaded = Mutex::new(Loaded { modified: modified(path), ids });
        Ok(CatalogTools { path: path.to_path_buf(), loaded })
    }

    /// The first of `ids` that is not one of the catalog's tools now (one
    /// look at the file's time for the pair, not one per id).
    pub fn unknown<'i>(&self, ids: [&'i str; 2]) -> Option<&'i str> {
        let mut loaded = self.loaded.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = modified(&self.path);
        if now != loaded.modified {
            loaded.modified = now;
            match read_ids(&self.path) {
                Ok(ids) => {
                    eprintln!("tool-compare-votes: catalog {} reloaded: {} tools", self.path.display(), ids.len());
                    loaded.ids = ids;
                }
                Err(err) => eprintln!("tool-compare-votes: catalog kept as it was: {err}"),
            }
        }
        ids.into_iter().find(|id| !loaded.ids.contains(*id))
    }

    pub fn tool_count(&self) -> usize {
        self.loaded.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).ids.len()
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|meta| meta.modified()).ok()
}

fn read_ids(path: &Path) -> Result<HashSet<String>, String> {
    let text = read_source(&path.to_string_lossy())?;
    let catalog = load_catalog(&text).map_err(|err| format!("{}: {err}", path.display()))?;
    Ok(catalog.catalog().tools.iter().map(|tool| tool.id.clone()).collect())
}
