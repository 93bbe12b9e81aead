//! `validate-catalog [--strict] <path or URL>…`: checks catalogs with the
//! widget's own parsing and validation, prints every problem with its JSON
//! path, and exits 1 when any catalog has an error (warnings alone do not
//! fail, unless `--strict` counts them as errors).

use std::process::ExitCode;

use compare_domain::source::check_sources;

fn main() -> ExitCode {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    let strict = paths.iter().any(|p| p == "--strict");
    paths.retain(|p| p != "--strict");
    if paths.is_empty() || paths.iter().any(|p| p == "-h" || p == "--help" || p.starts_with("--")) {
        eprintln!("usage: validate-catalog [--strict] <catalog.json or http(s) URL>...");
        eprintln!("Prints every problem as `json.path: message` and exits 1 if any catalog has an error.");
        eprintln!("--strict counts warnings (unknown fields, unused reviewers, …) as errors.");
        return ExitCode::from(2);
    }
    let (lines, passed) = check_sources(&paths, strict);
    for line in lines {
        println!("{line}");
    }
    if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
