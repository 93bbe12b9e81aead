//! The `.gz` and `.br` copies beside every text file and the Wasm, for
//! hosts that serve pre-compressed files (and `tool-compare serve`).

use std::io::Write as _;

use crate::output::PreviousBuild;
use crate::parallel;
use crate::site_files::SiteFiles;
use crate::widget::Widget;

/// What is worth compressing: text and the Wasm (PNG is compressed already).
pub fn worth_compressing(path: &str) -> bool {
    const ENDINGS: [&str; 9] = [".html", ".js", ".mjs", ".css", ".json", ".svg", ".wasm", ".txt", ".xml"];
    ENDINGS.iter().any(|ending| path.ends_with(ending))
}

/// Above this size brotli's quality 11 costs seconds per file (a large
/// catalog, a development build's Wasm); such files get quality 7, within
/// a few percent of it at a tenth of the time.
const BROTLI_BEST_UP_TO: usize = 1 << 20;

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    // The header's time stays 0: the same input gives the same file.
    let mut encoder = flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail")
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let quality = if bytes.len() <= BROTLI_BEST_UP_TO { 11 } else { 7 };
    let params = brotli::enc::BrotliEncoderParams { quality, lgwin: 22, ..Default::default() };
    let mut out = Vec::with_capacity(bytes.len() / 3);
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("compressing in memory cannot fail");
    out
}

/// Adds `<file>.gz` and `<file>.br` for every file worth it. Copies are
/// taken, not made, where they exist already: the widget's, compressed
/// ahead, and those of the previous build in `previous` (the output
/// folder) for a file whose content has not changed, so that an edit of
/// the catalog compresses only what it changed. The rest is spread over
/// the machine's cores: brotli at quality 11 is the slowest step of a build.
pub fn add_compressed(files: &mut SiteFiles, widget: &Widget, previous: &PreviousBuild) {
    let wanted: Vec<(&str, &[u8])> = files.iter().filter(|(path, _)| worth_compressing(path)).collect();
    let compressed: Vec<[(String, Vec<u8>); 2]> = parallel::map(&wanted, |&(path, content)| {
        [".gz", ".br"].map(|ending| {
            let copy = widget
                .precompressed(path, ending)
                .filter(|_| widget.file(path) == Some(content))
                .map(<[u8]>::to_vec)
                .or_else(|| unchanged_copy(previous, path, content, ending))
                .unwrap_or_else(|| if ending == ".gz" { gzip(content) } else { brotli(content) });
            (format!("{path}{ending}"), copy)
        })
    });
    for (path, content) in compressed.into_iter().flatten() {
        files.add(&path, content);
    }
}

/// The previous build's compressed copy of `path`, if that build wrote
/// both the file and its copy and the file's content is `content`.
fn unchanged_copy(previous: &PreviousBuild, path: &str, content: &[u8], ending: &str) -> Option<Vec<u8>> {
    let old = previous.file(path)?;
    (old == content).then(|| previous.file(&format!("{path}{ending}"))).flatten()
}
