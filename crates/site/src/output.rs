//! Puts a complete site into the output folder in one step. The new site is
//! written into a staging folder beside the output folder; the files there
//! that tool-compare did not write (a `CNAME`, a `robots.txt`, other pages)
//! are linked into it; then the two folders are exchanged atomically
//! (`renameat2(RENAME_EXCHANGE)`) and the old one is removed. So a reader,
//! a host or an interrupted build sees the old site or the new one, never
//! half of each; stale files of earlier builds simply are not in the new
//! one. Which files are tool-compare's is recorded in the site's
//! `.tool-compare-files`.

use std::collections::BTreeSet;
use std::ffi::CString;
use std::fs;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::site_files::SiteFiles;

/// The list of files the last build wrote, one relative path a line.
pub const MANIFEST: &str = ".tool-compare-files";

/// Staging folders are `.<output folder's name>.tool-compare-<pid>`.
const STAGING_MARK: &str = ".tool-compare-";

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    /// Files of this build.
    pub written: usize,
    /// Files of the previous build that this one no longer has.
    pub removed: usize,
    /// Files in the folder that tool-compare did not write, kept.
    pub kept: usize,
}

/// Replaces the site in `out` (created when missing) with `files`.
pub fn publish(out: &Path, files: &SiteFiles) -> Result<Published, String> {
    let out = resolve_link(out)?;
    let name = out.file_name().ok_or_else(|| format!("--out {} names no folder", out.display()))?;
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|err| format!("{}: {err}", parent.display()))?;
    if out.exists() && !out.is_dir() {
        return Err(format!("--out {} is a file, not a folder", out.display()));
    }
    remove_leftovers(&parent, &name.to_string_lossy());

    let previous = read_manifest(&out);
    let foreign = if out.is_dir() { foreign_entries(&out, &previous)? } else { Vec::new() };
    check_conflicts(&out, files, &foreign)?;

    let staging = parent.join(format!(".{}{STAGING_MARK}{}", name.to_string_lossy(), std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let staged = stage(&staging, &out, files, &previous, &foreign);
    if let Err(err) = staged {
        let _ = fs::remove_dir_all(&staging);
        return Err(err);
    }
    let kept = foreign.iter().filter(|entry| entry.kind != Kind::Dir).count();
    let removed = previous.iter().filter(|path| !files.contains(path)).count();
    if out.is_dir() {
        match exchange(&staging, &out) {
            Ok(()) => {
                // The staging folder now holds the previous site.
                let _ = fs::remove_dir_all(&staging);
            }
            Err(err) if exchange_unsupported(&err) => {
                eprintln!(
                    "tool-compare: {} cannot be replaced in one step here ({err}); replacing its files one by one",
                    out.display()
                );
                replace_in_place(&staging, &out, files, &previous)?;
                let _ = fs::remove_dir_all(&staging);
            }
            Err(err) => {
                let _ = fs::remove_dir_all(&staging);
                return Err(format!("{}: cannot put the new site in place: {err}", out.display()));
            }
        }
    } else {
        fs::rename(&staging, &out).map_err(|err| format!("{}: {err}", out.display()))?;
    }
    sync_dir(&parent);
    Ok(Published { written: files.len(), removed, kept })
}

/// An existing folder by its full path: one a link points to (the site
/// replaces the folder, not the link), and `.` or `..` by their names.
fn resolve_link(out: &Path) -> Result<PathBuf, String> {
    match fs::symlink_metadata(out) {
        Ok(_) => fs::canonicalize(out).map_err(|err| format!("--out {}: {err}", out.display())),
        Err(_) => Ok(out.to_path_buf()),
    }
}

/// Staging folders of builds that were interrupted.
fn remove_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}{STAGING_MARK}");
    for entry in fs::read_dir(parent).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// What the previous build left in the output folder, for a build to take
/// instead of making it again (a preview image, a compressed copy).
pub struct PreviousBuild {
    dir: PathBuf,
    files: BTreeSet<String>,
}

impl PreviousBuild {
    pub fn of(out: &Path) -> PreviousBuild {
        PreviousBuild { dir: out.to_path_buf(), files: read_manifest(out) }
    }

    /// A file the previous build wrote (never one of someone else's).
    pub fn file(&self, path: &str) -> Option<Vec<u8>> {
        self.files.contains(path).then(|| fs::read(self.dir.join(path)).ok()).flatten()
    }
}

/// The files the build that wrote `out` listed as its own.
fn read_manifest(out: &Path) -> BTreeSet<String> {
    fs::read_to_string(out.join(MANIFEST))
        .map(|text| text.lines().filter(|line| !line.is_empty()).map(str::to_string).collect())
        .unwrap_or_default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Dir,
    Link,
}

/// Something in the output folder that tool-compare did not write.
#[derive(Debug)]
struct Foreign {
    path: String,
    kind: Kind,
}

/// Everything in `out` that no earlier build listed, parents first.
fn foreign_entries(out: &Path, ours: &BTreeSet<String>) -> Result<Vec<Foreign>, String> {
    let mut found = Vec::new();
    let mut folders = vec![String::new()];
    while let Some(folder) = folders.pop() {
        let dir = out.join(&folder);
        let entries = fs::read_dir(&dir).map_err(|err| format!("{}: {err}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|err| format!("{}: {err}", dir.display()))?;
            let path = format!("{folder}{}", entry.file_name().to_string_lossy());
            let kind = entry.file_type().map_err(|err| format!("{}: {err}", entry.path().display()))?;
            if kind.is_dir() {
                folders.push(format!("{path}/"));
                // A folder of ours holds only files of ours, unless it holds
                // foreign ones (found below); any other is kept as it is.
                if !ours.iter().any(|own| own.starts_with(&format!("{path}/"))) {
                    found.push(Foreign { path, kind: Kind::Dir });
                }
            } else if path != MANIFEST && !ours.contains(&path) {
                found.push(Foreign { path, kind: if kind.is_symlink() { Kind::Link } else { Kind::File } });
            }
        }
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

/// A file of someone else's where the new site has one of its own is never
/// overwritten: the build stops before changing anything.
fn check_conflicts(out: &Path, files: &SiteFiles, foreign: &[Foreign]) -> Result<(), String> {
    let clashes: Vec<&str> = foreign
        .iter()
        .filter(|entry| {
            files.contains(&entry.path)
                || (entry.kind != Kind::Dir
                    && files.iter().any(|(path, _)| path.starts_with(&format!("{}/", entry.path))))
        })
        .map(|entry| entry.path.as_str())
        .collect();
    if clashes.is_empty() {
        return Ok(());
    }
    Err(format!(
        "{out} holds {list} that tool-compare did not write (its {MANIFEST} does not list {them}), where the site \
         has files of its own; nothing was changed. Move {them} away, or build into another folder.",
        out = out.display(),
        list = clashes.iter().map(|path| format!("\"{path}\"")).collect::<Vec<_>>().join(", "),
        them = if clashes.len() == 1 { "it" } else { "them" },
    ))
}

/// Writes the new site, its manifest and links to the foreign entries
/// into `staging`, then flushes it to disk (one `syncfs`, not one flush
/// per file: a large catalog writes tens of thousands). A file the
/// previous build wrote with the same content is linked, not written
/// again: an edit then writes only what it changed.
fn stage(
    staging: &Path,
    out: &Path,
    files: &SiteFiles,
    previous: &BTreeSet<String>,
    foreign: &[Foreign],
) -> Result<(), String> {
    let fail = |path: &Path, err: io::Error| format!("{}: {err}", path.display());
    fs::create_dir_all(staging).map_err(|err| fail(staging, err))?;
    for (path, content) in files.iter() {
        let target = staging.join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|err| fail(dir, err))?;
        }
        let old = out.join(path);
        let unchanged = previous.contains(path)
            && fs::metadata(&old).is_ok_and(|meta| meta.len() == content.len() as u64)
            && fs::read(&old).is_ok_and(|bytes| bytes == content);
        if !(unchanged && fs::hard_link(&old, &target).is_ok()) {
            fs::write(&target, content).map_err(|err| fail(&target, err))?;
        }
    }
    let mut manifest: Vec<&str> = files.iter().map(|(path, _)| path).collect();
    manifest.sort_unstable();
    let mut text = manifest.join("\n");
    text.push('\n');
    fs::write(staging.join(MANIFEST), text).map_err(|err| fail(&staging.join(MANIFEST), err))?;
    for entry in foreign {
        let (from, to) = (out.join(&entry.path), staging.join(&entry.path));
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir).map_err(|err| fail(dir, err))?;
        }
        let linked = match entry.kind {
            Kind::Dir => fs::create_dir_all(&to),
            Kind::Link => fs::read_link(&from).and_then(|target| std::os::unix::fs::symlink(target, &to)),
            Kind::File => fs::hard_link(&from, &to).or_else(|_| fs::copy(&from, &to).map(|_| ())),
        };
        linked.map_err(|err| format!("cannot keep {}: {err}", from.display()))?;
    }
    sync_filesystem(staging);
    Ok(())
}

fn c_path(path: &Path) -> io::Result<CString> {
    CString::new(path.as_os_str().as_bytes()).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
}

/// Exchanges two folders in one step.
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    let (a, b) = (c_path(a)?, c_path(b)?);
    // SAFETY: both are NUL-terminated paths that live across the call.
    let result =
        unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if result == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// A file system or kernel without the exchange, or an output folder that
/// cannot be renamed (a mount point).
fn exchange_unsupported(err: &io::Error) -> bool {
    matches!(err.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS | libc::EBUSY | libc::EXDEV | libc::EPERM))
}

/// The fallback: each new file replaces its old one (each in one step),
/// then the stale files go and the manifest is written last.
fn replace_in_place(staging: &Path, out: &Path, files: &SiteFiles, previous: &BTreeSet<String>) -> Result<(), String> {
    for (path, _) in files.iter() {
        let (from, to) = (staging.join(path), out.join(path));
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
        }
        fs::rename(&from, &to).map_err(|err| format!("{}: {err}", to.display()))?;
    }
    for stale in previous.iter().filter(|path| !files.contains(path)) {
        let _ = fs::remove_file(out.join(stale));
    }
    fs::rename(staging.join(MANIFEST), out.join(MANIFEST)).map_err(|err| format!("{}: {err}", out.display()))
}

fn sync_filesystem(path: &Path) {
    if let Ok(dir) = fs::File::open(path) {
        use std::os::fd::AsRawFd;
        // SAFETY: the descriptor is open for the duration of the call.
        unsafe { libc::syncfs(dir.as_raw_fd()) };
    }
}

fn sync_dir(path: &Path) {
    if let Ok(dir) = fs::File::open(path) {
        let _ = dir.sync_all();
    }
}
