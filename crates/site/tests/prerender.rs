//! The pre-render: the card as HTML from the widget's own components,
//! escaping, the snippet command's refusals, and the pages of a site.

use std::path::PathBuf;

mod common;

use common::{build, scratch_dir, text, tool_compare, SEED};
use compare_domain::source::check_source;
use tool_compare::ui::state::Theme;
use tool_compare_site::card::{render_card, LoadedCatalog, Placement};

const HOSTILE: &str = r#"<img src=x onerror="alert(1)"><script>alert(2)</script>&amp;"#;

fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tool-compare-prerender-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A catalog with markup in every text field a card shows.
fn hostile_catalog() -> String {
    let h = serde_json::to_string(HOSTILE).unwrap();
    format!(
        r#"{{"version":1,"title":{h},"intro":{h},
        "reviewers":[{{"id":"r","name":{h},"lens":{h}}}],
        "tools":[
          {{"id":"a","name":{h},"category":{h},"tagline":{h},"description":{h},"entry":{h},"link":"https://example.com/?q=<b>",
            "reviews":[{{"reviewer":"r","verdict":"ship","quote":{h}}}]}},
          {{"id":"b","name":"B","reviews":[{{"reviewer":"r","verdict":"skip","quote":{h}}}]}}],
        "comparisons":[{{"tools":["a","b"],"question":{h},"updated":"2026-01-02"}}],
        "cta":{{"kicker":{h},"text":{h},"blurb":{h},"link":"https://example.com/"}},
        "labels":{{"vs":{h}}}}}"#
    )
}

#[test]
fn the_seed_card_renders_every_fact_quote_and_verdict() {
    let loaded = LoadedCatalog::read(SEED).unwrap();
    let pair = loaded.pair("smollm3", "vercel-ai-gateway").unwrap();
    let html = render_card(&loaded, pair, Theme::Dark, Placement::Page).unwrap();
    for text in [
        "data-tc-prerendered",
        r#"data-theme="dark""#,
        "SmolLM3",
        "Vercel AI Gateway",
        "<dd>75%</dd>",
        "<dd>100%</dd>",
        "<dd>Free</dd>",
        "<dd>Paid</dd>",
        "Developer Tools",
        "The panel leans Vercel AI Gateway: 100% vs 75%",
        "The Business Reader skips SmolLM3 but ships Vercel AI Gateway.",
        "Comparison last updated 24 November 2026.",
        "Get the next comparison in your inbox",
        r#"href="litellm-vs-portkey.html""#,
    ] {
        assert!(html.contains(text), "missing {text:?}");
    }
    assert_eq!(html.matches("<details").count(), 8, "one native disclosure per quote");
}

/// A vote pressed before the Wasm is answered from these: each state's
/// parts and what the live card says when the vote comes to it.
#[test]
fn the_card_carries_its_vote_parts_and_announcements_for_each_vote_state() {
    let loaded = LoadedCatalog::read(SEED).unwrap();
    let pair = loaded.pair("smollm3", "vercel-ai-gateway").unwrap();
    let html = render_card(&loaded, pair, Theme::Auto, Placement::Embedded).unwrap();
    let template = |state: &str| {
        let start =
            html.find(&format!("<template data-tc-voted=\"{state}\"")).unwrap_or_else(|| panic!("no {state} template"));
        &html[start..start + html[start..].find("</template>").unwrap()]
    };
    let smollm3 = template("0");
    assert!(smollm3.contains(
        "data-tc-said=\"Your vote for SmolLM3 is counted. SmolLM3: 1 vote (100%), Vercel AI Gateway: 0 votes (0%).\""
    ));
    assert!(smollm3.contains(r#"data-tc-key="vote-0" aria-pressed="true""#), "{smollm3}");
    let gateway = template("1");
    assert!(gateway.contains("data-tc-said=\"Your vote for Vercel AI Gateway is counted."));
    assert!(gateway.contains(r#"data-tc-key="vote-1" aria-pressed="true""#));
    let none = template("none");
    assert!(none
        .contains("data-tc-said=\"Your vote is withdrawn. SmolLM3: 0 votes (0%), Vercel AI Gateway: 0 votes (0%).\""));
    assert!(!none.contains(r#"aria-pressed="true""#));
    assert_eq!(none.matches(r#"class="tcw-community""#).count(), 2);
    // The vote works before the Wasm: its buttons are not marked as waiting.
    let card = &html[..html.find("<template").unwrap()];
    let vote = &card[card.find(r#"data-tc-key="vote-0""#).unwrap()..];
    assert!(!vote[..vote.find('>').unwrap()].contains("aria-disabled"), "{vote}");
}

#[test]
fn catalog_text_is_escaped_in_every_field() {
    let path = scratch("hostile.json", &hostile_catalog());
    let loaded = LoadedCatalog::read(path.to_str().unwrap()).unwrap();
    let pair = loaded.pair("a", "b").unwrap();
    for placement in [Placement::Page, Placement::Embedded] {
        let html = render_card(&loaded, pair, Theme::Auto, placement).unwrap();
        assert!(!html.contains("<img"), "markup from the catalog became an element");
        assert!(!html.contains("<script"), "markup from the catalog became an element");
        // Every attribute value keeps its quotes: none ends early.
        assert!(!html.contains("\"alert(1)\"\""), "a quote from the catalog closed an attribute");
        // Name, category, tagline, description, entry, title, intro,
        // reviewer name and lens, two quotes (teaser and full, or the full
        // quote alone), question, the CTA's three texts, the vs label...
        assert!(html.matches("&lt;img src=x onerror=").count() >= 15, "{html}");
        assert!(html.contains("&amp;amp;"), "an entity in the catalog is shown as written");
        let link = html.split("href=\"https://example.com/?q=").nth(1).map(|rest| &rest[..14]);
        assert_eq!(link, Some("&lt;b&gt;\" rel"), "{html}");
    }
}

#[test]
fn the_snippet_is_the_embed_element_with_a_declarative_shadow_root() {
    let out = tool_compare(&[
        "snippet",
        SEED,
        "vercel-ai-gateway",
        "smollm3",
        "--widget-url",
        "https://widgets.example.com/compare",
        "--theme",
        "light",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with(r#"<div data-tool-compare data-a="vercel-ai-gateway" data-b="smollm3" data-theme="light"><template shadowrootmode="open"><link rel="stylesheet" href="https://widgets.example.com/compare/widget-"#), "{html}");
    assert!(html.contains(
        "</template></div>\n<script type=\"module\" src=\"https://widgets.example.com/compare/embed.js\"></script>\n"
    ));
    assert!(html.contains("<h2"), "the card is inside");
    assert!(!html.contains("<style"), "styles are linked, not inline, by default");

    let inline = tool_compare(&[
        "snippet",
        SEED,
        "smollm3",
        "litellm",
        "--widget-url",
        "https://w.example/",
        "--inline-style",
        "--no-script",
        "--catalog-url",
        "https://cdn.example/catalog.json",
    ]);
    let inline = String::from_utf8(inline.stdout).unwrap();
    assert!(inline.contains(r#"data-catalog="https://cdn.example/catalog.json""#));
    assert!(inline.contains("<style>") && !inline.contains("<link rel=\"stylesheet\""));
    assert!(!inline.contains("<script"));
}

#[test]
fn an_invalid_catalog_is_refused_with_the_validators_problem_list() {
    let path = scratch(
        "invalid.json",
        r#"{"version":1,"reviewers":[],"tools":[{"id":"a","name":""},{"id":"a","name":"B","link":"javascript:alert(1)"}]}"#,
    );
    let path = path.to_str().unwrap();
    let out = tool_compare(&["snippet", path, "a", "b", "--widget-url", "https://w.example/"]);
    assert!(!out.status.success());
    let printed: Vec<String> = String::from_utf8(out.stderr).unwrap().lines().map(str::to_string).collect();
    assert_eq!(printed, check_source(path).lines(path), "the validator's own lines");
    assert!(
        printed.iter().any(|l| l.contains(r#"tools[1].link: "javascript:alert(1)" is not an http or https link"#)),
        "{printed:?}"
    );
}

#[test]
fn unknown_tools_and_missing_arguments_are_named() {
    let out = tool_compare(&["snippet", SEED, "smollm3", "nope", "--widget-url", "https://w.example/"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(r#"there is no tool "nope" in this catalog"#));
    let out = tool_compare(&["snippet", SEED, "smollm3", "litellm"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .starts_with("tool-compare: --widget-url is missing: where is the site published?"));
}

#[test]
fn the_snippet_command_warns_about_unknown_fields_and_still_renders() {
    let catalog = include_str!("../../../public/catalog.json").replacen("\"tagline\"", "\"taglin\"", 1);
    let path = scratch("typo.json", &catalog);
    let path = path.to_str().unwrap();
    let out = tool_compare(&["snippet", path, "smollm3", "vercel-ai-gateway", "--widget-url", "https://w.example/"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().trim_end(),
        format!(r#"{path}: warning: tools[0].taglin: unknown field, ignored; did you mean "tagline"?"#)
    );
    assert!(String::from_utf8(out.stdout).unwrap().contains("<h2"));
}

/// A site's pages, as `tool-compare build` writes them.
fn site_pages(catalog: &str) -> std::path::PathBuf {
    let dir = scratch_dir(&format!("pages-{}", catalog.len()));
    std::fs::write(dir.join("catalog.json"), catalog).unwrap();
    let out = build(&dir.join("catalog.json"), &dir.join("site"), &["--no-precompress"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    dir.join("site")
}

#[test]
fn pages_name_an_absolute_canonical_address_only_where_the_site_is_known() {
    let bundled = include_str!("../../../public/catalog.json");
    let with_site = bundled.replacen(
        "\"version\": 1,",
        "\"version\": 1, \"site_url\": \"https://widgets.example.com/compare/\",",
        1,
    );
    assert_ne!(with_site, bundled);
    let page = std::fs::read_to_string(site_pages(&with_site).join("litellm-vs-portkey.html")).unwrap();
    assert!(
        page.contains(r#"<link rel="canonical" href="https://widgets.example.com/compare/litellm-vs-portkey.html">"#),
        "{page}"
    );
    assert!(page
        .contains(r#"<meta property="og:url" content="https://widgets.example.com/compare/litellm-vs-portkey.html">"#));
    assert!(page.contains(
        r#"<meta property="og:image" content="https://widgets.example.com/compare/previews/litellm-vs-portkey.png">"#
    ));
    assert!(page.contains(r#"<link rel="icon" href="./icon.svg" type="image/svg+xml">"#));

    let page = std::fs::read_to_string(site_pages(bundled).join("litellm-vs-portkey.html")).unwrap();
    assert!(!page.contains("rel=\"canonical\"") && !page.contains("og:url"), "{page}");
}
