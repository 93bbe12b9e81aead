//! `tool-compare`: the one program a site owner installs. See `cli.rs` for
//! its commands; each prints its own help with `--help`.

use std::io::Write as _;
use std::process::ExitCode;

use compare_domain::source::check_sources;
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
        Command::Check { catalogs, strict } => {
            let (lines, passed) = check_sources(&catalogs, strict);
            for line in lines {
                println!("{line}");
            }
            return if passed { ExitCode::SUCCESS } else { ExitCode::FAILURE };
        }
        Command::Snippet(request) => snippet(&request).map(|html| print!("{html}")),
        Command::Schema => {
            print!("{}", compare_domain::schema::catalog_schema_json());
            Ok(())
        }
        // The reference vote collector, as `tool-compare-votes` runs it.
        Command::Votes(args) => return tool_compare_votes::cli::run("tool-compare votes", &args),
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
