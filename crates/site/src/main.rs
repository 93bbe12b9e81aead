//! `tool-compare`: the one program a site owner installs. See `cli.rs` for
//! its commands; each prints its own help with `--help`.

use std::io::Write as _;
use std::process::ExitCode;

use compare_domain::source::check_source;
use tool_compare_site::cli::{parse, Command, VERSION};
use tool_compare_site::serve::{serve, ServeOptions};
use tool_compare_site::site::build;
use tool_compare_site::snippet::snippet;
use tool_compare_site::starter::new_site;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse(&args) {
        Ok(command) => command,
        Err(problem) => {
            eprintln!("tool-compare: {problem}");
            return ExitCode::from(2);
        }
    };
    let result = match command {
        Command::Help(usage) => {
            println!("{usage}");
            Ok(())
        }
        Command::Version => {
            println!("tool-compare {VERSION}");
            Ok(())
        }
        Command::New(dir) => new_site(&dir).map(|said| println!("{said}")),
        Command::Build(options) => build(&options).map(|built| println!("{}", built.summary(&options.out))),
        Command::Serve { dir, listen, watch } => runtime().block_on(serve(ServeOptions { dir, listen, watch })),
        Command::Check { catalogs, strict } => return check(&catalogs, strict),
        Command::Snippet(request) => snippet(&request).map(|html| print!("{html}")),
        Command::Schema => {
            print!("{}", compare_domain::schema::catalog_schema_json());
            Ok(())
        }
        Command::Votes(args) => return votes(&args),
    };
    let _ = std::io::stdout().flush();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("{problem}");
            ExitCode::FAILURE
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("the machine can start threads")
}

/// The validator: every problem with its path, then a summary per catalog.
fn check(catalogs: &[String], strict: bool) -> ExitCode {
    let mut failed = false;
    for catalog in catalogs {
        let mut checked = check_source(catalog);
        if strict {
            checked.report = checked.report.strict();
        }
        if checked.text.is_none() {
            println!("{catalog}: {}", checked.report.lines[0]);
            failed = true;
            continue;
        }
        for line in checked.lines(catalog) {
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

/// `tool-compare votes …`: the reference vote collector, as
/// `tool-compare-votes …` runs it.
fn votes(args: &[String]) -> ExitCode {
    use tool_compare_votes::cli::{parse, USAGE};
    let usage = USAGE.replace("tool-compare-votes serve", "tool-compare votes serve");
    if args.iter().any(|arg| arg == "--help" || arg == "-h") {
        println!("{usage}");
        return ExitCode::SUCCESS;
    }
    let options = match parse(args) {
        Ok(options) => options,
        Err(problem) => {
            eprintln!("tool-compare votes: {problem}\n\n{usage}");
            return ExitCode::from(2);
        }
    };
    let served = runtime().block_on(tool_compare_votes::serve(options));
    let _ = std::io::stdout().flush();
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("tool-compare votes: {problem}");
            ExitCode::FAILURE
        }
    }
}
