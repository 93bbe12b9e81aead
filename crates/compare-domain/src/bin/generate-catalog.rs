//! `generate-catalog <tools>`: prints a deterministic synthetic catalog
//! (placeholder text only) for benchmarks and scale tests.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(Ok(tools)) = std::env::args().nth(1).map(|n| n.parse::<usize>()) else {
        eprintln!("usage: generate-catalog <number of tools, at least 2>");
        return ExitCode::from(2);
    };
    let catalog = compare_domain::synthetic::synthetic_catalog(tools);
    println!("{}", serde_json::to_string(&catalog).expect("catalogs always serialize"));
    ExitCode::SUCCESS
}
