use std::io::Write;
use std::process::ExitCode;

use tool_compare_votes::cli::{parse, USAGE};

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "--help" || arg == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let options = match parse(&args) {
        Ok(options) => options,
        Err(problem) => {
            eprintln!("tool-compare-votes: {problem}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let served = tool_compare_votes::serve(options).await;
    let _ = std::io::stdout().flush();
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("tool-compare-votes: {problem}");
            ExitCode::FAILURE
        }
    }
}
