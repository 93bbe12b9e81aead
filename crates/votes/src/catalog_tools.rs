//! The tools votes are taken for: the catalog's, read again whenever its
//! file changes, so that a site owner's new tool can be voted on without a
//! restart. A catalog that no longer loads leaves the last good one in use.
//! Only the ids are kept: a catalog with a tools file is read line by line,
//! so a million tools cost their ids, never their texts.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use compare_domain::parse_catalog;
use compare_domain::source::{beside, check_source_keeping, read_source};
use compare_domain::valid::load_catalog;

pub struct CatalogTools {
    path: PathBuf,
    loaded: Mutex<Loaded>,
    /// Set while one request reads the catalog again; the others go on
    /// with the ids they have (a million-line tools file takes seconds).
    reloading: AtomicBool,
}

struct Loaded {
    /// The times of the catalog and of its tools file, as last read.
    modified: Vec<Option<SystemTime>>,
    tools_file: Option<PathBuf>,
    ids: Arc<HashSet<String>>,
}

impl CatalogTools {
    /// Reads the catalog; a catalog that does not load is an error here, at
    /// the start, where the site owner sees it.
    pub fn open(path: &Path) -> Result<CatalogTools, String> {
        let (ids, tools_file) = read_ids(path)?;
        let modified = modified(path, tools_file.as_deref());
        let loaded = Mutex::new(Loaded { modified, tools_file, ids: Arc::new(ids) });
        Ok(CatalogTools { path: path.to_path_buf(), loaded, reloading: AtomicBool::new(false) })
    }

    /// The first of `ids` that is not one of the catalog's tools now (one
    /// look at the files' times for the pair, not one per id).
    pub fn unknown<'i>(&self, ids: [&'i str; 2]) -> Option<&'i str> {
        let (known, changed) = {
            let loaded = self.lock();
            let now = modified(&self.path, loaded.tools_file.as_deref());
            (loaded.ids.clone(), (now != loaded.modified).then_some(now))
        };
        if let Some(now) = changed {
            if !self.reloading.swap(true, Ordering::AcqRel) {
                let read = off_the_runtime(|| read_ids(&self.path));
                let mut loaded = self.lock();
                loaded.modified = now;
                match read {
                    Ok((ids, tools_file)) => {
                        eprintln!("tool-compare-votes: catalog {} reloaded: {} tools", self.path.display(), ids.len());
                        // The tools file may be another one now: its time is taken again.
                        loaded.modified = modified(&self.path, tools_file.as_deref());
                        loaded.tools_file = tools_file;
                        loaded.ids = Arc::new(ids);
                    }
                    Err(err) => eprintln!("tool-compare-votes: catalog kept as it was: {err}"),
                }
                let known = loaded.ids.clone();
                drop(loaded);
                self.reloading.store(false, Ordering::Release);
                return ids.into_iter().find(|id| !known.contains(*id));
            }
        }
        ids.into_iter().find(|id| !known.contains(*id))
    }

    pub fn tool_count(&self) -> usize {
        self.lock().ids.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Loaded> {
        self.loaded.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Runs `read` where it does not hold up the requests of other clients: a
/// worker of a multi-threaded runtime hands its other tasks on first.
fn off_the_runtime<T>(read: impl FnOnce() -> T) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current() {
        Ok(runtime) if runtime.runtime_flavor() == RuntimeFlavor::MultiThread => tokio::task::block_in_place(read),
        _ => read(),
    }
}

/// When the catalog and its tools file last changed.
fn modified(path: &Path, tools_file: Option<&Path>) -> Vec<Option<SystemTime>> {
    let time = |path: &Path| std::fs::metadata(path).and_then(|meta| meta.modified()).ok();
    [Some(path), tools_file].into_iter().flatten().map(time).collect()
}

/// The catalog's tool ids, and the tools file they were read from.
fn read_ids(path: &Path) -> Result<(HashSet<String>, Option<PathBuf>), String> {
    let source = path.to_string_lossy();
    let text = read_source(&source)?;
    let catalog = parse_catalog(&text).map_err(|err| format!("{source}: {err}"))?;
    if catalog.tools_file.is_none() {
        let catalog = load_catalog(&text).map_err(|err| format!("{source}: {err}"))?;
        return Ok((catalog.catalog().tools.iter().map(|tool| tool.id.clone()).collect(), None));
    }
    let tools_file = catalog.tools_file.as_deref().map(|file| PathBuf::from(beside(&source, file)));
    let mut ids = HashSet::new();
    let checked = check_source_keeping(&source, |tool| {
        ids.insert(tool.id);
    });
    if !checked.report.passed() {
        // The first problems say what is wrong; a broken file may have a thousand.
        let mut lines = checked.lines(&source);
        if lines.len() > 6 {
            let summary = lines.pop().unwrap_or_default();
            lines.truncate(5);
            lines.push(summary);
        }
        return Err(lines.join("\n"));
    }
    Ok((ids, tools_file))
}
