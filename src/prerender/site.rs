//! What the release build writes besides Trunk's output (a post-build hook
//! runs `prerender site`): the style sheet, `index.html` pre-rendered with
//! the default pair, a page per curated pair, a card fragment per curated
//! pair (both orders) for `embed.js`, a preview image per curated pair for
//! link previews, and `embed.js` itself with this build's file names.

use std::fs;
use std::path::Path;

use compare_domain::stats::verdict_line;
use compare_domain::Pair;

use crate::prerender::html::{between, insert_before, replace_between};
use crate::prerender::page_meta::PageMeta;
use crate::prerender::preview::Preview;
use crate::prerender::{render_card, stylesheet, LoadedCatalog, Placement};
use crate::ui::html_text::escape;
use crate::ui::pair_files::{pair_page_file, pair_preview_file};
use crate::ui::state::{page_title, Theme};

/// The source of `dist/embed.js`; the build fills in its `__NAMES__`.
const EMBED_JS: &str = include_str!("../../embed/embed.js");

/// Where the page template holds the card (around the loading placeholder).
const CARD_START: &str = "<!-- card -->";
const CARD_END: &str = "<!-- /card -->";

/// Folder of the card fragments inside `dist/`.
const CARDS_DIR: &str = "cards";

/// Folder of the preview images inside `dist/`.
const PREVIEWS_DIR: &str = "previews";

/// What was written, for the build log.
pub struct Written {
    pub pages: usize,
    pub fragments: usize,
    pub previews: usize,
}

/// Pre-renders into Trunk's output folder `dir` (its `index.html` is the
/// page template, its `catalog.json` the bundled catalog).
pub fn build(dir: &Path) -> Result<Written, String> {
    let loaded = LoadedCatalog::read(&dir.join("catalog.json").to_string_lossy())?;
    let write = |name: &str, content: &[u8]| {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|err| format!("{}: {err}", parent.display()))?;
        }
        fs::write(&path, content).map_err(|err| format!("{}: {err}", path.display()))
    };
    let css = stylesheet::file_name();
    write(&css, stylesheet::CSS.as_bytes())?;

    let bundle = Bundle::find(dir)?;
    let template_path = dir.join("index.html");
    let template = fs::read_to_string(&template_path).map_err(|err| format!("{}: {err}", template_path.display()))?;
    let template = PageTemplate::new(&template, &css)?;

    if loaded.catalog.catalog().site_url.is_none() {
        eprintln!(
            "prerender: the catalog has no site_url, so the pages have no canonical link or og:url and their preview \
             images are named by relative addresses; set it to where dist/ is published"
        );
    }
    let curated = loaded.catalog.curated_pairs();
    let default = loaded.catalog.default_pair();
    write("index.html", template.page(&loaded, default, None)?.as_bytes())?;
    for &pair in &curated {
        write(&page_file(&loaded, pair), template.page(&loaded, pair, Some(pair))?.as_bytes())?;
        write(&preview_file(&loaded, pair), &template.preview(&loaded, pair)?.png()?)?;
    }

    let mut cards = Vec::new();
    for pair in curated.iter().flat_map(|&pair| [pair, pair.swapped()]) {
        let file = format!("{CARDS_DIR}/{}", page_file(&loaded, pair));
        write(&file, render_card(&loaded, pair, Theme::Auto, Placement::Embedded)?.as_bytes())?;
        let (a, b) = ids(&loaded, pair);
        cards.push(format!("{}: {}", json_string(&format!("{a} {b}")), json_string(&file)));
    }
    let messages = loaded.catalog.catalog().labels.script_messages();
    write("embed.js", embed_js(&bundle, &css, &cards.join(", "), &messages).as_bytes())?;
    Ok(Written { pages: curated.len() + 1, fragments: cards.len(), previews: curated.len() })
}

fn ids(loaded: &LoadedCatalog, pair: Pair) -> (String, String) {
    (loaded.catalog.tool(pair.a).id.clone(), loaded.catalog.tool(pair.b).id.clone())
}

fn page_file(loaded: &LoadedCatalog, pair: Pair) -> String {
    let (a, b) = ids(loaded, pair);
    pair_page_file(&a, &b)
}

fn preview_file(loaded: &LoadedCatalog, pair: Pair) -> String {
    let (a, b) = ids(loaded, pair);
    pair_preview_file(PREVIEWS_DIR, &a, &b)
}

/// The content-hashed files of this build's Wasm and its JS bindings.
struct Bundle {
    wasm: String,
    js: String,
}

impl Bundle {
    fn find(dir: &Path) -> Result<Bundle, String> {
        let find = |wanted: &dyn Fn(&str) -> bool, what: &str| -> Result<String, String> {
            let entries = fs::read_dir(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
            entries
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .find(|name| wanted(name))
                .ok_or_else(|| format!("no {what} in {}", dir.display()))
        };
        Ok(Bundle {
            wasm: find(&|n| n.starts_with("tool-compare") && n.ends_with("_bg.wasm"), "Wasm bundle")?,
            js: find(&|n| n.starts_with("tool-compare") && n.ends_with(".js"), "JS bundle")?,
        })
    }
}

/// Trunk's `index.html` with what every page shares: the style sheet and
/// `embed.js` (which fetches the widget's code once the card has shown and
/// starts it when the browser is idle, or at the first interaction). No
/// preload of the Wasm from the page's head: it would save ~300 ms until a
/// phone reader's first tap takes effect, but Lighthouse then counts the
/// Wasm into the largest contentful paint (2.0 s instead of 0.9 s;
/// bench/README.md).
struct PageTemplate {
    html: String,
    site_title: String,
}

impl PageTemplate {
    fn new(trunk_html: &str, css: &str) -> Result<PageTemplate, String> {
        let site_title =
            between(trunk_html, "<title>", "</title>").ok_or("the page template has no <title>")?.trim().to_string();
        let head = format!(
            "<link rel=\"stylesheet\" href=\"./{css}\">\n    <script type=\"module\" src=\"./embed.js\"></script>\n  "
        );
        // Trunk leaves its build instruction when it injects no script.
        let html = match between(trunk_html, "<link data-trunk rel=\"rust\"", ">") {
            Some(rest) => trunk_html.replacen(&format!("<link data-trunk rel=\"rust\"{rest}>"), "", 1),
            None => trunk_html.to_string(),
        };
        let html = insert_before(&html, "</head>", &head)?;
        let html = html.replacen(
            "data-tool-compare-page",
            &format!("data-tool-compare-page data-site-title=\"{}\"", escape(&site_title)),
            1,
        );
        Ok(PageTemplate { html, site_title })
    }

    /// The site's name on preview images: the catalog's, else the page
    /// template's title.
    fn site_name<'a>(&'a self, loaded: &'a LoadedCatalog) -> &'a str {
        loaded.catalog.catalog().site_name.as_deref().unwrap_or(&self.site_title)
    }

    fn preview(&self, loaded: &LoadedCatalog, pair: Pair) -> Result<Preview, String> {
        let [a, b] = [loaded.full_tool(pair.a)?, loaded.full_tool(pair.b)?];
        Ok(Preview::new(&loaded.catalog.catalog().labels, self.site_name(loaded), &a, &b))
    }

    /// A page showing `pair`; `own` is the curated pair whose own page this
    /// is (`None` for `index.html`, whose canonical page is the default
    /// pair's).
    fn page(&self, loaded: &LoadedCatalog, pair: Pair, own: Option<Pair>) -> Result<String, String> {
        let catalog = loaded.catalog.catalog();
        let labels = &catalog.labels;
        let [a, b] = [loaded.full_tool(pair.a)?, loaded.full_tool(pair.b)?];
        let title = page_title(labels, &a.name, &b.name, &self.site_title);
        let pair_title = labels.pair_title_of(&a.name, &b.name);
        let description = labels.fill(
            labels.page_description(),
            &[("a", &a.name), ("b", &b.name), ("verdict", &verdict_line(labels, &a, &b))],
        );
        // index.html stands for the default pair's page: its canonical
        // address and preview are that page's.
        let own = own.unwrap_or(pair);
        let absolute = |file: &str| match &catalog.site_url {
            Some(site) => format!("{}/{file}", site.trim_end_matches('/')),
            None => file.to_string(),
        };
        let canonical = absolute(&page_file(loaded, own));
        let image = absolute(&preview_file(loaded, own));
        let alt = self.preview(loaded, own)?.alt_text();
        let meta = PageMeta {
            canonical: catalog.site_url.is_some().then_some(canonical),
            title: pair_title.clone(),
            description: description.clone(),
            site_name: self.site_name(loaded).to_string(),
            image,
            image_alt: alt,
        }
        .to_html();
        let html = replace_between(&self.html, "<title>", "</title>", &escape(&title))?;
        // The page's (visually hidden) heading names the pair it shows.
        let html = replace_between(&html, "<h1 class=\"tc-page-title\">", "</h1>", &escape(&pair_title))?;
        let html = replace_between(&html, "<meta name=\"description\" content=\"", "\"", &escape(&description))?;
        let html = insert_before(&html, "</head>", &format!("{meta}\n  "))?;
        let card = render_card(loaded, pair, Theme::Auto, Placement::Page)?;
        replace_between(&html, CARD_START, CARD_END, &card)
    }
}

/// `embed.js` with this build's hashed file names and card fragments
/// (`scripts/post-build.sh` then minifies it).
fn embed_js(bundle: &Bundle, css: &str, cards: &str, messages: &str) -> String {
    EMBED_JS
        .replace("'__MESSAGES__'", messages)
        .replace("__WIDGET_JS__", &format!("./{}", bundle.js))
        .replace("__WIDGET_WASM__", &format!("./{}", bundle.wasm))
        .replace("__STYLESHEET__", &format!("./{css}"))
        .replace("'__CARDS__'", &format!("{{ {cards} }}"))
}

/// A JSON string literal (also a JavaScript one).
fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serialises")
}
