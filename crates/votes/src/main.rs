use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    tool_compare_votes::cli::run("tool-compare-votes", &args)
}
