//! `validate-catalog <catalog.json>…`: checks catalogs with the widget's own
//! parsing and validation, prints every problem with its JSON path, and
//! exits 1 when any catalog has an error (warnings alone do not fail).

use std::process::ExitCode;

use compare_domain::report::check_catalog_text;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() || paths.iter().any(|p| p == "-h" || p == "--help") {
        eprintln!("usage: validate-catalog <catalog.json>...");
        eprintln!("Prints every problem as `json.path: message` and exits 1 if any catalog has an error.");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for path in &paths {
        let text = match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(err) => {
                    println!("{path}: not UTF-8 text (invalid byte at offset {})", err.utf8_error().valid_up_to());
                    failed = true;
                    continue;
                }
            },
            Err(err) => {
                println!("{path}: cannot read: {err}");
                failed = true;
                continue;
            }
        };
        let (report, counts) = check_catalog_text(&text);
        for line in &report.lines {
            println!("{line}");
        }
        println!("{}", report.summary(path, counts));
        failed |= !report.passed();
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
