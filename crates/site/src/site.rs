//! `tool-compare build`: a catalog and the widget in, a complete static
//! site out. Everything is rendered in memory first; the output folder is
//! touched only once the whole site is ready (`output::publish`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use compare_domain::schema::{catalog_schema_json, SCHEMA_FILE};
use compare_domain::source::{beside, is_url, read_source};

use crate::card::{LoadedCatalog, ReadOptions};
use crate::compress::add_compressed;
use crate::output::{publish, PreviousBuild, Published};
use crate::pages::{render, Rendered};
use crate::site_files::SiteFiles;
use crate::widget::Widget;

/// The catalog's name in every site: `embed.js` and the standalone page
/// look for `catalog.json` beside themselves.
pub const CATALOG_FILE: &str = "catalog.json";

/// The site's cache and CORS rules for Netlify and Cloudflare Pages.
const HEADERS_FILE: &str = include_str!("../../../public/_headers");

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub catalog: String,
    pub out: PathBuf,
    pub read: ReadOptions,
    /// `.gz` and `.br` beside every text file and the Wasm.
    pub precompress: bool,
    /// A widget build to use instead of the embedded one (developers).
    pub widget_dir: Option<PathBuf>,
    /// Other origins whose catalogs the standalone page may show.
    pub catalog_origins: Vec<String>,
}

#[derive(Debug, Clone, Copy)]
pub struct Built {
    pub rendered: Rendered,
    pub published: Published,
    pub bytes: u64,
    pub took: Duration,
}

impl Built {
    /// The build's one line of output.
    pub fn summary(&self, out: &Path) -> String {
        let Built { rendered, published, bytes, took } = self;
        format!(
            "tool-compare: built {out} in {ms} ms: {pages} pages, {fragments} card fragments, {previews} preview \
             images; {written} files ({kb} KB), {removed} stale removed, {kept} of others kept",
            out = out.display(),
            ms = took.as_millis(),
            pages = rendered.pages,
            fragments = rendered.fragments,
            previews = rendered.previews,
            written = published.written,
            kb = bytes.div_ceil(1000),
            removed = published.removed,
            kept = published.kept,
        )
    }
}

pub fn build(options: &BuildOptions) -> Result<Built, String> {
    let started = Instant::now();
    let mut loaded = LoadedCatalog::read_with(&options.catalog, &options.read)?;
    let widget = match &options.widget_dir {
        Some(dir) => Widget::from_dir(dir)?,
        None if loaded.catalog.is_sharded() => Widget::embedded_for_shards()?,
        None => Widget::embedded()?,
    };
    let previous = PreviousBuild::of(&options.out);
    let files = site_files(&mut loaded, &widget, options, &previous)?;
    let bytes = files.1.bytes();
    let published = publish(&options.out, &files.1)?;
    Ok(Built { rendered: files.0, published, bytes, took: started.elapsed() })
}

/// Every file of the site, compressed copies included.
fn site_files(
    loaded: &mut LoadedCatalog,
    widget: &Widget,
    options: &BuildOptions,
    previous: &PreviousBuild,
) -> Result<(Rendered, SiteFiles), String> {
    let mut files = SiteFiles::default();
    for (name, content) in widget.published() {
        files.add(name, content.to_vec());
    }
    let rendered = render(loaded, widget, previous, &options.catalog_origins, &mut files)?;
    add_catalog(loaded, &mut files)?;
    files.add(SCHEMA_FILE, catalog_schema_json().into_bytes());
    files.add("_headers", HEADERS_FILE.as_bytes().to_vec());
    if options.precompress {
        add_compressed(&mut files, widget, previous);
    }
    Ok((rendered, files))
}

/// The catalog as its owner wrote it (a tools file's tools in it, or the
/// manifest of its shards and the shards beside it), and a split
/// catalog's tool files at the same places beside it (those named by an
/// absolute address stay where they are).
fn add_catalog(loaded: &mut LoadedCatalog, files: &mut SiteFiles) -> Result<(), String> {
    files.add(CATALOG_FILE, loaded.text.clone().into_bytes());
    for (path, content) in std::mem::take(&mut loaded.shards) {
        files.add(&path, content);
    }
    if loaded.catalog.is_sharded() {
        return Ok(());
    }
    let catalog = &loaded.catalog;
    for index in 0..catalog.tool_count() {
        let tool = compare_domain::ToolRef(index);
        let Some(file) = catalog.tool_details_url(tool) else { continue };
        if is_url(&file) {
            continue;
        }
        let path = site_path(&file)
            .ok_or_else(|| format!("{}: tool_details \"{file}\" leads outside the site's folder", loaded.source))?;
        let text = read_source(&beside(&loaded.source, &file)).map_err(|err| format!("{file}: {err}"))?;
        files.add(&path, text.into_bytes());
    }
    Ok(())
}

/// A relative address as a path inside the site, or `None` where it would
/// leave the site's folder.
fn site_path(address: &str) -> Option<String> {
    let path = address.strip_prefix("./").unwrap_or(address);
    let inside = !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path.split('/').all(|part| !part.is_empty() && part != "." && part != "..");
    inside.then(|| path.to_string())
}

#[cfg(test)]
mod tests {
    use super::site_path;

    #[test]
    fn tool_files_stay_inside_the_site() {
        assert_eq!(site_path("tools/a.json").as_deref(), Some("tools/a.json"));
        assert_eq!(site_path("./tools/a.json").as_deref(), Some("tools/a.json"));
        for outside in ["../a.json", "/etc/passwd", "tools/../../a.json", "", "tools//a.json", "a\\b.json"] {
            assert_eq!(site_path(outside), None, "{outside}");
        }
    }
}
