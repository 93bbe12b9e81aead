//! `generate-catalog <tools>`: prints a deterministic synthetic catalog
//! (placeholder text only) for benchmarks and scale tests.
//! `generate-catalog --split <tools> <dir>`: writes the same catalog in the
//! split layout, `<dir>/catalog.json` plus `<dir>/tools/<id>.json`.
//! `generate-catalog --jsonl <tools> <dir>`: writes it with a tools file,
//! `<dir>/catalog.json` plus `<dir>/tools.jsonl`, one tool at a time.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use compare_domain::synthetic::{jsonl_synthetic_catalog, split_synthetic_catalog, synthetic_catalog};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let count = |text: &str| text.parse::<usize>().ok();
    match args.as_slice() {
        [tools] if count(tools).is_some() => {
            let catalog = synthetic_catalog(count(tools).unwrap_or(2));
            println!("{}", serde_json::to_string(&catalog).expect("catalogs always serialize"));
            ExitCode::SUCCESS
        }
        [flag, tools, dir] if (flag == "--split" || flag == "--jsonl") && count(tools).is_some() => {
            let write = if flag == "--split" { write_split } else { write_jsonl };
            match write(count(tools).unwrap_or(2), Path::new(dir)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("generate-catalog: {dir}: {err}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            eprintln!("usage: generate-catalog <tools>   |   generate-catalog --split|--jsonl <tools> <dir>");
            ExitCode::from(2)
        }
    }
}

fn write_split(tools: usize, dir: &Path) -> std::io::Result<()> {
    let (index, details) = split_synthetic_catalog(tools);
    std::fs::create_dir_all(dir.join("tools"))?;
    std::fs::write(dir.join("catalog.json"), serde_json::to_string(&index)?)?;
    for tool in &details {
        std::fs::write(dir.join("tools").join(format!("{}.json", tool.id)), serde_json::to_string(tool)?)?;
    }
    Ok(())
}

fn write_jsonl(tools: usize, dir: &Path) -> std::io::Result<()> {
    let (catalog, each_tool) = jsonl_synthetic_catalog(tools);
    std::fs::create_dir_all(dir)?;
    let mut lines = BufWriter::new(std::fs::File::create(dir.join("tools.jsonl"))?);
    for tool in each_tool {
        serde_json::to_writer(&mut lines, &tool)?;
        lines.write_all(b"\n")?;
    }
    lines.into_inner().map_err(|err| err.into_error())?.sync_all()?;
    std::fs::write(dir.join("catalog.json"), serde_json::to_string(&catalog)?)
}
