//! `validate-catalog [--strict] <path or URL>…`: checks catalogs with the
//! widget's own parsing and validation, prints every problem with its JSON
//! path, and exits 1 when any catalog has an error (warnings alone do not
//! fail, unless `--strict` counts them as errors).

use std::process::ExitCode;

use compare_domain::source::check_source;

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
    let mut failed = false;
    for path in &paths {
        let mut checked = check_source(path);
        if strict {
            checked.report = checked.report.strict();
        }
        if checked.text.is_none() {
            // Unreadable: one line naming the source, as before any check.
            println!("{path}: {}", checked.report.lines[0]);
            failed = true;
            continue;
        }
        for line in checked.lines(path) {
            println!("{line}");
        }
        failed |= !checked.report.passed();
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
