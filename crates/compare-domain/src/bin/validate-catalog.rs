//! `validate-catalog <path or URL>…`: checks catalogs with the widget's own
//! parsing and validation, prints every problem with its JSON path, and
//! exits 1 when any catalog has an error (warnings alone do not fail).

use std::process::ExitCode;

use compare_domain::report::{check_catalog_text, counts};

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() || paths.iter().any(|p| p == "-h" || p == "--help") {
        eprintln!("usage: validate-catalog <catalog.json or http(s) URL>...");
        eprintln!("Prints every problem as `json.path: message` and exits 1 if any catalog has an error.");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for path in &paths {
        let text = match read_source(path) {
            Ok(text) => text,
            Err(message) => {
                println!("{path}: {message}");
                failed = true;
                continue;
            }
        };
        let (mut report, catalog) = check_catalog_text(&text);
        if let Some(template) = catalog.as_ref().and_then(|c| c.tool_details.as_deref()) {
            // A split catalog: every tool's own file is part of it.
            let catalog = catalog.as_ref().expect("checked above");
            for tool in &catalog.tools {
                let file = template.replace("{id}", &tool.id);
                report.add_tool_file(catalog, &file, &tool.id, read_source(&beside(path, &file)));
            }
        }
        for line in &report.lines {
            println!("{line}");
        }
        println!("{}", report.summary(path, counts(catalog.as_ref())));
        failed |= !report.passed();
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn read_source(source: &str) -> Result<String, String> {
    let bytes = if source.starts_with("http://") || source.starts_with("https://") {
        let mut response = ureq::get(source).call().map_err(|err| format!("cannot fetch: {err}"))?;
        response
            .body_mut()
            .with_config()
            .limit(compare_domain::limits::MAX_CATALOG_BYTES as u64 + 1)
            .read_to_vec()
            .map_err(|err| format!("cannot fetch: {err}"))?
    } else {
        std::fs::read(source).map_err(|err| format!("cannot read: {err}"))?
    };
    String::from_utf8(bytes)
        .map_err(|err| format!("not UTF-8 text (invalid byte at offset {})", err.utf8_error().valid_up_to()))
}

/// `relative` resolved against the catalog's own path or URL.
fn beside(source: &str, relative: &str) -> String {
    if relative.starts_with("http://") || relative.starts_with("https://") {
        return relative.to_string();
    }
    match source.rfind('/') {
        Some(slash) => format!("{}{relative}", &source[..=slash]),
        None => relative.to_string(),
    }
}
