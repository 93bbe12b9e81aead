//! The preview image of a curated pair's page (Open Graph, Twitter card):
//! 1200×630, drawn as SVG from the card's own figures and rasterised with
//! resvg in the bundled Inter font, so every machine draws the same image.
//! Sizes are large on purpose: chats show the image a few hundred pixels
//! wide.

use std::sync::{Arc, OnceLock};

use compare_domain::labels::Labels;
use compare_domain::stats::{verdict_line, ShipShare};
use compare_domain::Tool;
use resvg::{tiny_skia, usvg};
use tool_compare::ui::html_text::escape;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/Inter-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/Inter-Bold.ttf");

const MARGIN: f32 = 72.0;
const COLUMN_GAP: f32 = 96.0;
const TEXT: &str = "#16181d";
const MUTED: &str = "#4f5663";
const ACCENT: &str = "#3a4fd8";
const SURFACE: &str = "#f2f4f8";

/// What the image shows, in the catalog's words.
pub struct Preview {
    /// "A vs B", as the card's heading says it.
    pub title: String,
    pub site: String,
    pub vs: String,
    /// Name, panel ship percentage (or "—") and what the figure is ("Panel
    /// ship", or that there is no panel verdict) of each tool.
    pub tools: [(String, String, String); 2],
    pub verdict: String,
}

impl Preview {
    pub fn new(labels: &Labels, site: &str, a: &Tool, b: &Tool) -> Preview {
        let figure = |tool: &Tool| {
            let percent = ShipShare::of(tool).percent();
            let meaning = if percent.is_some() { labels.panel_ship() } else { labels.no_panel_verdict() };
            (tool.name.clone(), labels.percent_text(percent), meaning.to_string())
        };
        Preview {
            title: labels.pair_title_of(&a.name, &b.name),
            site: site.to_string(),
            vs: labels.vs().to_string(),
            tools: [figure(a), figure(b)],
            verdict: verdict_line(labels, a, b),
        }
    }

    /// Says what the image shows, for readers who cannot see it: the
    /// verdict line names the figures that exist (a "—" read out says
    /// nothing).
    pub fn alt_text(&self) -> String {
        format!("{}. {}.", self.title, self.verdict)
    }

    pub fn svg(&self) -> String {
        let column = (WIDTH as f32 - 2.0 * MARGIN - COLUMN_GAP) / 2.0;
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"Inter\">\
             <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#ffffff\"/>\
             <rect width=\"{WIDTH}\" height=\"14\" fill=\"{ACCENT}\"/>"
        );
        svg += &text_line(&self.site, MARGIN, 100.0, 36.0, Weight::Bold, MUTED, WIDTH as f32 - 2.0 * MARGIN);
        let inner = column - 64.0;
        // Both names at one size, the size at which the longer one fits.
        let name_size = self
            .tools
            .iter()
            .map(|(name, ..)| fitting_size(name, Weight::Bold, inner, 64.0, 36.0))
            .fold(64.0, f32::min);
        for (i, (name, figure, meaning)) in self.tools.iter().enumerate() {
            let x = MARGIN + i as f32 * (column + COLUMN_GAP);
            svg +=
                &format!("<rect x=\"{x}\" y=\"136\" width=\"{column}\" height=\"314\" rx=\"20\" fill=\"{SURFACE}\"/>");
            svg += &text_line(name, x + 32.0, 218.0, name_size, Weight::Bold, TEXT, inner);
            svg += &text_line(figure, x + 32.0, 358.0, 136.0, Weight::Bold, ACCENT, inner);
            svg += &text_line(meaning, x + 32.0, 418.0, 36.0, Weight::Regular, MUTED, inner);
        }
        let vs_size = 36.0;
        let vs_x = WIDTH as f32 / 2.0 - advance(&self.vs, Weight::Bold, vs_size) / 2.0;
        svg += &text_line(&self.vs, vs_x, 306.0, vs_size, Weight::Bold, MUTED, COLUMN_GAP);
        let lines = wrap(&self.verdict, Weight::Regular, 46.0, WIDTH as f32 - 2.0 * MARGIN);
        for (i, line) in lines.iter().enumerate() {
            svg += &text_line(line, MARGIN, 522.0 + i as f32 * 58.0, 46.0, Weight::Regular, TEXT, f32::INFINITY);
        }
        svg + "</svg>"
    }

    /// The image as PNG, marked with the key of what it draws.
    pub fn png(&self) -> Result<Vec<u8>, String> {
        let svg = self.svg();
        let options = usvg::Options { fontdb: fonts().clone(), ..usvg::Options::default() };
        let tree = usvg::Tree::from_str(&svg, &options).map_err(|err| format!("preview image: {err}"))?;
        let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("preview image: no pixmap")?;
        resvg::render(&tree, tiny_skia::Transform::identity(), &mut pixmap.as_mut());
        let png = pixmap.encode_png().map_err(|err| format!("preview image: {err}"))?;
        with_text_chunk(&png, KEY_WORD, &drawing_key(&svg))
    }

    /// The image as PNG, taken from `earlier` (the previous build's image of
    /// the pair) where that was drawn from the same picture: drawing one
    /// takes ~20 ms, and a catalog of 10,000 tools has a thousand.
    pub fn png_reusing(&self, earlier: Option<Vec<u8>>) -> Result<Vec<u8>, String> {
        let key = drawing_key(&self.svg());
        match earlier {
            Some(png) if text_chunk(&png, KEY_WORD) == Some(key.as_str()) => Ok(png),
            _ => self.png(),
        }
    }
}

/// The keyword of the PNG text chunk that names what an image draws.
const KEY_WORD: &str = "tool-compare-drawing";

/// What an image draws: its SVG, with the program's version standing for
/// the fonts and the renderer.
fn drawing_key(svg: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    format!("{version} {:016x}", crate::stylesheet::fnv1a(svg.as_bytes()))
}

/// Chunks start after the 8-byte signature: length, type, data, CRC.
const SIGNATURE: usize = 8;

/// `png` with a `tEXt` chunk (`keyword`, `text`) after its header chunk.
fn with_text_chunk(png: &[u8], keyword: &str, text: &str) -> Result<Vec<u8>, String> {
    let header_end = SIGNATURE + 8 + 13 + 4;
    if png.len() < header_end || &png[SIGNATURE + 4..SIGNATURE + 8] != b"IHDR" {
        return Err("preview image: the PNG has no header chunk".into());
    }
    let mut chunk = b"tEXt".to_vec();
    chunk.extend_from_slice(keyword.as_bytes());
    chunk.push(0);
    chunk.extend_from_slice(text.as_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(&chunk);
    let mut out = Vec::with_capacity(png.len() + chunk.len() + 8);
    out.extend_from_slice(&png[..header_end]);
    out.extend_from_slice(&((chunk.len() - 4) as u32).to_be_bytes());
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&crc.sum().to_be_bytes());
    out.extend_from_slice(&png[header_end..]);
    Ok(out)
}

/// The text of `png`'s `tEXt` chunk of `keyword`, if it has one.
fn text_chunk<'a>(png: &'a [u8], keyword: &str) -> Option<&'a str> {
    let mut at = SIGNATURE;
    while at + 8 <= png.len() {
        let length = u32::from_be_bytes(png[at..at + 4].try_into().ok()?) as usize;
        let kind = &png[at + 4..at + 8];
        let data = png.get(at + 8..at + 8 + length)?;
        if kind == b"tEXt" {
            if let Some(text) = data.strip_prefix(keyword.as_bytes()).and_then(|rest| rest.strip_prefix(b"\0")) {
                return std::str::from_utf8(text).ok();
            }
        }
        if kind == b"IDAT" || kind == b"IEND" {
            return None;
        }
        at += 12 + length;
    }
    None
}

fn fonts() -> &'static Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut fonts = usvg::fontdb::Database::new();
        fonts.load_font_data(REGULAR.to_vec());
        fonts.load_font_data(BOLD.to_vec());
        Arc::new(fonts)
    })
}

#[derive(Clone, Copy)]
enum Weight {
    Regular,
    Bold,
}

impl Weight {
    fn face(self) -> ttf_parser::Face<'static> {
        let data = match self {
            Weight::Regular => REGULAR,
            Weight::Bold => BOLD,
        };
        ttf_parser::Face::parse(data, 0).expect("the bundled font parses")
    }

    fn svg(self) -> u16 {
        match self {
            Weight::Regular => 400,
            Weight::Bold => 700,
        }
    }
}

/// The width of `text` set at `size`, from the font's advances (kerning
/// left out: it only narrows Inter's text, so lines never overflow).
fn advance(text: &str, weight: Weight, size: f32) -> f32 {
    let face = weight.face();
    let units: u32 = text
        .chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|glyph| face.glyph_hor_advance(glyph))
                .map_or(face.units_per_em() as u32 / 2, u32::from)
        })
        .sum();
    units as f32 * size / face.units_per_em() as f32
}

/// The largest size from `largest` down to `smallest` at which `text` fits.
fn fitting_size(text: &str, weight: Weight, width: f32, largest: f32, smallest: f32) -> f32 {
    let natural = advance(text, weight, largest);
    if natural <= width {
        largest
    } else {
        (largest * width / natural).max(smallest)
    }
}

/// One line of text, cut with "…" where it would pass `width`.
fn text_line(text: &str, x: f32, y: f32, size: f32, weight: Weight, fill: &str, width: f32) -> String {
    let text = shortened(text, weight, size, width);
    format!(
        "<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\" font-weight=\"{}\" fill=\"{fill}\">{}</text>",
        weight.svg(),
        escape(&text)
    )
}

fn shortened(text: &str, weight: Weight, size: f32, width: f32) -> String {
    if advance(text, weight, size) <= width {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate = format!("{}…", chars.iter().collect::<String>().trim_end());
        if advance(&candidate, weight, size) <= width {
            return candidate;
        }
    }
    "…".to_string()
}

/// Sets `text` in one line of at most `width`, else in two. Two lines break
/// after a clause where they can ("…leans Vercel AI Gateway:" / "100% vs
/// 75%"), else where they are most even, so that no figure stands alone on
/// the second line; text that two lines cannot hold is cut with "…". Words
/// are split at plain spaces only: a no-break space ("75 %") holds.
fn wrap(text: &str, weight: Weight, size: f32, width: f32) -> Vec<String> {
    let words: Vec<&str> = text.split(' ').filter(|word| !word.is_empty()).collect();
    let measure = |line: &str| advance(line, weight, size);
    let whole = words.join(" ");
    if measure(&whole) <= width {
        return vec![whole];
    }
    let ends_clause = |line: &str| line.ends_with([':', ';', ',', '.', '—', '–']);
    // Each break that fits, with what ranks it: a clause first, then the
    // longer line's width.
    let best = (1..words.len())
        .filter_map(|at| {
            let (first, second) = (words[..at].join(" "), words[at..].join(" "));
            let longer = measure(&first).max(measure(&second));
            (longer <= width).then(|| (!ends_clause(&first), longer, first, second))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    if let Some((_, _, first, second)) = best {
        return vec![first, second];
    }
    // Too long for two lines: fill the first, cut the second.
    let taken = (1..words.len()).rev().find(|&at| measure(&words[..at].join(" ")) <= width).unwrap_or(1);
    let first = shortened(&words[..taken].join(" "), weight, size, width);
    let rest = words[taken..].join(" ");
    if rest.is_empty() {
        vec![first]
    } else {
        vec![first, shortened(&rest, weight, size, width)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_names_what_it_draws_and_is_reused_only_for_the_same_drawing() {
        let preview = |verdict: &str| Preview {
            title: "A vs B".into(),
            site: "Site".into(),
            vs: "vs".into(),
            tools: [("A".into(), "75%".into(), "Panel ship".into()), ("B".into(), "—".into(), "No verdict".into())],
            verdict: verdict.into(),
        };
        let png = preview("The panel leans A").png().unwrap();
        assert!(tiny_skia::Pixmap::decode_png(&png).is_ok(), "the text chunk keeps the PNG valid");
        assert_eq!(text_chunk(&png, KEY_WORD), Some(drawing_key(&preview("The panel leans A").svg()).as_str()));
        let same = preview("The panel leans A").png_reusing(Some(png.clone())).unwrap();
        assert_eq!(same, png);
        let other = preview("The panel leans B").png_reusing(Some(png.clone())).unwrap();
        assert_ne!(other, png);
        assert_eq!(preview("x").png_reusing(Some(b"not a png".to_vec())).unwrap(), preview("x").png().unwrap());
    }

    #[test]
    fn long_text_wraps_to_two_lines_and_is_cut_after() {
        let text = "word ".repeat(200);
        let lines = wrap(&text, Weight::Regular, 38.0, 1000.0);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|line| advance(line, Weight::Regular, 38.0) <= 1000.0));
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert_eq!(wrap("A short verdict", Weight::Regular, 38.0, 1000.0), ["A short verdict"]);
        let one_long_word = wrap(&"x".repeat(200), Weight::Regular, 38.0, 1000.0);
        assert!(one_long_word.len() == 1 && one_long_word[0].ends_with('…'), "{one_long_word:?}");
    }

    #[test]
    fn two_lines_break_after_a_clause_and_keep_figures_together() {
        let width = WIDTH as f32 - 2.0 * MARGIN;
        let lines = wrap("The panel leans Vercel AI Gateway: 100% vs 75%", Weight::Regular, 46.0, width);
        assert_eq!(lines, ["The panel leans Vercel AI Gateway:", "100% vs 75%"]);
        // Without a clause, the lines are as even as the words allow.
        let lines = wrap("The panel leans towards Vercel AI Gateway over SmolLM3 by far", Weight::Regular, 46.0, width);
        let widths: Vec<f32> = lines.iter().map(|line| advance(line, Weight::Regular, 46.0)).collect();
        assert_eq!(lines.len(), 2);
        assert!((widths[0] - widths[1]).abs() < 200.0, "{lines:?}");
        // A no-break space holds a figure and its sign together, at every
        // width that needs two lines.
        // (Symmetric around the figure, so that the most even break would
        // fall inside it.)
        let german = "Panel-Urteil Zustimmung 75\u{a0}% Zustimmung Panel-Urteil";
        for width in (300..=1400).step_by(10) {
            let lines = wrap(german, Weight::Regular, 46.0, width as f32);
            assert!(lines.iter().all(|line| !line.ends_with("75") && !line.starts_with('%')), "{width}: {lines:?}");
        }
    }

    #[test]
    fn a_long_name_is_set_smaller_then_cut() {
        assert_eq!(fitting_size("SmolLM3", Weight::Bold, 400.0, 56.0, 34.0), 56.0);
        let long = "An Extraordinarily Long Tool Name For Testing";
        let size = fitting_size(long, Weight::Bold, 400.0, 56.0, 34.0);
        assert!((34.0..56.0).contains(&size));
        let line = text_line(long, 0.0, 0.0, size, Weight::Bold, TEXT, 400.0);
        assert!(line.contains('…'), "{line}");
    }

    #[test]
    fn markup_in_names_stays_text() {
        let line = text_line("<b>&</b>", 0.0, 0.0, 30.0, Weight::Bold, TEXT, 1000.0);
        assert!(line.contains(">&lt;b&gt;&amp;&lt;/b&gt;</text>"), "{line}");
    }
}
