//! The `.gz` and `.br` copies beside every text file and the Wasm, for
//! hosts that serve pre-compressed files (and `tool-compare serve`).

use std::io::Write as _;

use crate::site_files::SiteFiles;
use crate::widget::Widget;

/// What is worth compressing: text and the Wasm (PNG is compressed already).
pub fn worth_compressing(path: &str) -> bool {
    const ENDINGS: [&str; 9] = [".html", ".js", ".mjs", ".css", ".json", ".svg", ".wasm", ".txt", ".xml"];
    ENDINGS.iter().any(|ending| path.ends_with(ending))
}

/// Above this size brotli's quality 11 costs seconds (a development
/// build's Wasm is megabytes); such files get quality 9, nearly as small.
const BROTLI_BEST_UP_TO: usize = 1 << 20;

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    // The header's time stays 0: the same input gives the same file.
    let mut encoder = flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("writing to memory cannot fail");
    encoder.finish().expect("writing to memory cannot fail")
}

pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let quality = if bytes.len() <= BROTLI_BEST_UP_TO { 11 } else { 9 };
    let params = brotli::enc::BrotliEncoderParams { quality, lgwin: 22, ..Default::default() };
    let mut out = Vec::with_capacity(bytes.len() / 3);
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("compressing in memory cannot fail");
    out
}

/// Adds `<file>.gz` and `<file>.br` for every file worth it, taking the
/// widget's copies compressed ahead where the file is the widget's own.
/// Spread over the machine's cores: brotli at quality 11 is the slowest
/// step of a build.
pub fn add_compressed(files: &mut SiteFiles, widget: &Widget) {
    let wanted: Vec<(String, &[u8])> = files
        .iter()
        .filter(|(path, _)| worth_compressing(path))
        .map(|(path, content)| (path.to_string(), content))
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(wanted.len().max(1));
    let compressed: Vec<(String, Vec<u8>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|worker| {
                let wanted = &wanted;
                scope.spawn(move || {
                    let mut out = Vec::new();
                    for (path, content) in wanted.iter().skip(worker).step_by(threads) {
                        for ending in [".gz", ".br"] {
                            let copy =
                                match widget.precompressed(path, ending).filter(|_| widget.file(path) == Some(content))
                                {
                                    Some(ahead) => ahead.to_vec(),
                                    None if ending == ".gz" => gzip(content),
                                    None => brotli(content),
                                };
                            out.push((format!("{path}{ending}"), copy));
                        }
                    }
                    out
                })
            })
            .collect();
        workers.into_iter().flat_map(|worker| worker.join().expect("compressing does not panic")).collect()
    });
    for (path, content) in compressed {
        files.add(&path, content);
    }
}
