//! The pages, card fragments, preview images and `embed.js` of a site,
//! rendered from its catalog into the widget's templates: `index.html`
//! pre-rendered with the default pair, a page per curated pair, a card
//! fragment per curated pair (both orders) for `embed.js`, a preview image
//! per curated pair for link previews, and `embed.js` with this site's
//! file names.

use compare_domain::stats::verdict_line;
use compare_domain::Pair;

use crate::card::{render_card, LoadedCatalog, Placement};
use crate::html::{between, insert_before, replace_between};
use crate::output::PreviousBuild;
use crate::page_meta::PageMeta;
use crate::parallel;
use crate::preview::Preview;
use crate::site_files::SiteFiles;
use crate::stylesheet;
use crate::widget::{Widget, EMBED_TEMPLATE, PAGE_TEMPLATE};
use tool_compare::ui::html_text::escape;
use tool_compare::ui::pair_files::{pair_card_file, pair_page_file, pair_preview_file};
use tool_compare::ui::share_code::EMBED_STYLESHEET;
use tool_compare::ui::state::{page_title, Theme};

/// Where the page template holds the card (around the loading placeholder).
const CARD_START: &str = "<!-- card -->";
const CARD_END: &str = "<!-- /card -->";

/// The standalone page's setting of the other origins whose catalogs it may
/// show (`?catalog=`), up to its value.
const CATALOG_ORIGINS_START: &str = "<meta name=\"tool-compare-catalog-origins\" content=\"";

/// Where a site with many curated pairs lists them for `embed.js` (see
/// [`card_index`]).
const CARD_INDEX_FILE: &str = "cards/pairs.json";

/// Curated pairs whose list `embed.js` carries itself. Every page loads
/// `embed.js` before the widget's code, so beyond this (~2.5 KB of real
/// ids, under 1 KB gzip) the list goes to [`CARD_INDEX_FILE`], which only
/// a script embed without its card fetches: 1,000 pairs listed inline made
/// `embed.js` 26 KB gzip instead of 5.5, and a phone reader of any page
/// waited for it.
const INLINE_CARD_PAIRS: usize = 64;

/// Folder of the preview images inside the site.
const PREVIEWS_DIR: &str = "previews";

/// What was rendered, for the build's summary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rendered {
    pub pages: usize,
    pub fragments: usize,
    pub previews: usize,
}

/// Renders the pages, fragments, previews, the card's style sheet and
/// `embed.js` into `files`.
/// Preview images the previous build drew from the same picture are taken
/// from it.
/// `catalog_origins`: the other origins whose catalogs the standalone page
/// may show (`--catalog-origin`).
pub fn render(
    loaded: &LoadedCatalog,
    widget: &Widget,
    previous: &PreviousBuild,
    catalog_origins: &[String],
    files: &mut SiteFiles,
) -> Result<Rendered, String> {
    let css_text = stylesheet::css(Some(widget));
    let css = stylesheet::file_name(css_text);
    files.add(&css, css_text.as_bytes().to_vec());
    // The same styles under the name a script embed preloads.
    files.add(EMBED_STYLESHEET, css_text.as_bytes().to_vec());

    let (wasm, js) = widget.wasm_and_js().ok_or("the widget has no Wasm with its JS")?;
    let template = PageTemplate::new(widget.text(PAGE_TEMPLATE)?, &css, catalog_origins)?;

    if loaded.catalog.catalog().site_url.is_none() {
        eprintln!(
            "tool-compare: the catalog has no site_url (nor --site-url), so the pages have no canonical link or \
             og:url and their preview images are named by relative addresses; set it to where the site is published"
        );
    }
    let curated = loaded.catalog.curated_pairs();
    let default = loaded.catalog.default_pair();
    files.add("index.html", template.page(loaded, default, None)?.into_bytes());
    for rendered in parallel::map(&curated, |&pair| render_pair(loaded, &template, previous, pair)) {
        for (path, content) in rendered? {
            files.add(&path, content);
        }
    }
    let messages = loaded.catalog.catalog().labels.script_messages();
    let names = EmbedNames { js, wasm, css: &css };
    let cards = card_index(loaded, &curated, files);
    files.add("embed.js", embed_js(widget.text(EMBED_TEMPLATE)?, &names, &cards, &messages)?.into_bytes());
    // Each pair's card in both orders.
    Ok(Rendered { pages: curated.len() + 1, fragments: 2 * curated.len(), previews: curated.len() })
}

/// `embed.js`'s `cards`: the curated pairs, as `"idA idB"`, whose card
/// fragments (both orders, `cards/<a>-vs-<b>.html`) the build wrote; a
/// JSON array inline, or the name of the file that holds it when the pairs
/// are many ([`INLINE_CARD_PAIRS`]).
fn card_index(loaded: &LoadedCatalog, curated: &[Pair], files: &mut SiteFiles) -> String {
    let keys: Vec<String> = curated
        .iter()
        .map(|&pair| {
            let (a, b) = ids(loaded, pair);
            json_string(&format!("{a} {b}"))
        })
        .collect();
    let list = format!("[{}]", keys.join(","));
    if curated.len() <= INLINE_CARD_PAIRS {
        return list;
    }
    files.add(CARD_INDEX_FILE, list.into_bytes());
    json_string(CARD_INDEX_FILE)
}

/// A curated pair's page, preview image and card fragments (both orders),
/// by path.
fn render_pair(
    loaded: &LoadedCatalog,
    template: &PageTemplate,
    previous: &PreviousBuild,
    pair: Pair,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let preview = preview_file(loaded, pair);
    let png = template.preview(loaded, pair)?.png_reusing(previous.file(&preview))?;
    let mut files =
        vec![(page_file(loaded, pair), template.page(loaded, pair, Some(pair))?.into_bytes()), (preview, png)];
    for pair in [pair, pair.swapped()] {
        let (a, b) = ids(loaded, pair);
        files.push((pair_card_file(&a, &b), render_card(loaded, pair, Theme::Auto, Placement::Embedded)?.into_bytes()));
    }
    Ok(files)
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

/// Trunk's `index.html` with what every page shares: the style sheet and
/// `embed.js` (which fetches the widget's code once the card has shown and
/// starts it when the browser is idle, or at the first interaction).
/// `embed.js` blocks the first paint (`blocking="render"`, where browsers
/// know it) as the style sheet does: both arrive together, and a card that
/// shows only once the script that answers its vote has run answers a tap
/// on it at once, instead of after the parse's end and the module's
/// evaluation (phone profile, with embed.js's own start in turns: a tap at
/// the first paint takes effect in 40 ms instead of 66, the first content
/// comes 17 ms later; bench/README.md). No
/// preload of the Wasm from the page's head: it would save ~300 ms until a
/// phone reader's first tap takes effect, but Lighthouse then counts the
/// Wasm into the largest contentful paint (2.0 s instead of 0.9 s;
/// bench/README.md).
struct PageTemplate {
    html: String,
    site_title: String,
}

impl PageTemplate {
    fn new(trunk_html: &str, css: &str, catalog_origins: &[String]) -> Result<PageTemplate, String> {
        let site_title =
            between(trunk_html, "<title>", "</title>").ok_or("the page template has no <title>")?.trim().to_string();
        let head = format!(
            "<link rel=\"stylesheet\" href=\"./{css}\">\n    <script type=\"module\" src=\"./embed.js\" blocking=\"render\"></script>\n  "
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
        let html = match catalog_origins {
            [] => html,
            origins => replace_between(&html, CATALOG_ORIGINS_START, "\"", &escape(&origins.join(" ")))?,
        };
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

/// The names `embed.js` loads.
struct EmbedNames<'a> {
    js: &'a str,
    wasm: &'a str,
    css: &'a str,
}

/// `embed.js` with this site's file names, card fragments and messages. The
/// template is minified, which may change its quotes: a placeholder is
/// found inside either kind, and one left unfilled fails the build, so
/// that a changed template cannot break the widget silently.
fn embed_js(template: &str, names: &EmbedNames, cards: &str, messages: &str) -> Result<String, String> {
    let mut js = template.to_string();
    for (placeholder, value) in [
        ("__WIDGET_JS__", format!("./{}", names.js)),
        ("__WIDGET_WASM__", format!("./{}", names.wasm)),
        ("__STYLESHEET__", format!("./{}", names.css)),
    ] {
        js = js.replace(placeholder, &value);
    }
    for (placeholder, value) in [("__CARDS__", cards), ("__MESSAGES__", messages)] {
        for quote in ['\'', '"'] {
            js = js.replace(&format!("{quote}{placeholder}{quote}"), value);
        }
    }
    match ["__WIDGET_JS__", "__WIDGET_WASM__", "__STYLESHEET__", "__CARDS__", "__MESSAGES__"]
        .into_iter()
        .find(|placeholder| js.contains(placeholder))
    {
        Some(left) => Err(format!("the widget's embed.js template kept its placeholder {left}")),
        None => Ok(js),
    }
}

/// A JSON string literal (also a JavaScript one).
fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string always serialises")
}
