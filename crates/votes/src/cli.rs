//! The command line: `tool-compare-votes serve --listen … --database …
//! --catalog … --allow-origin … [--rate-limit N]`.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Vote changes a client address may send per minute unless told.
pub const DEFAULT_RATE_LIMIT: u32 = 60;

pub const USAGE: &str = "\
usage: tool-compare-votes serve --listen <address:port> --database <url> --catalog <file>
                                [--allow-origin <origin>]... [--rate-limit <per minute>]
                                [--client-address-header <name>]

  --listen        where to answer, e.g. 127.0.0.1:8090 (port 0: any free port)
  --database      sqlite:<file> (created when missing) or postgres://user@host/db
  --catalog       the catalog whose tools may be voted on (reloaded when it changes)
  --allow-origin  a page origin whose widgets may vote, e.g. https://blog.example.com;
                  repeat it for several; * allows any
  --rate-limit    vote changes per client address per minute (default 60; 0: no limit)
  --client-address-header
                  behind a reverse proxy: the header it puts the client's address in
                  (X-Forwarded-For: the last address; X-Real-IP); only a header the
                  proxy sets, never one a client could send past it";

/// The collector's whole command line, as `program` (`tool-compare-votes`,
/// or `tool-compare votes` in the site builder): help, the options, then
/// serving until stopped. Returns the exit status.
pub fn run(program: &str, args: &[String]) -> std::process::ExitCode {
    use std::io::Write as _;
    use std::process::ExitCode;
    let usage = USAGE.replace("tool-compare-votes serve", &format!("{program} serve"));
    if args.iter().any(|arg| arg == "--help" || arg == "-h") {
        println!("{usage}");
        return ExitCode::SUCCESS;
    }
    let options = match parse(args) {
        Ok(options) => options,
        Err(problem) => {
            eprintln!("{program}: {problem}\n\n{usage}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("{program}: cannot start: {err}");
            return ExitCode::FAILURE;
        }
    };
    let served = runtime.block_on(crate::serve(options));
    let _ = std::io::stdout().flush();
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("{program}: {problem}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub database: String,
    pub catalog: PathBuf,
    pub allow_origins: Vec<String>,
    pub rate_limit: u32,
    /// Where a reverse proxy in front names the client (`None`: the peer).
    pub client_address_header: Option<String>,
}

/// The options of `serve`, or what is wrong with the command line.
pub fn parse(args: &[String]) -> Result<ServeOptions, String> {
    let mut args = args.iter();
    match args.next().map(String::as_str) {
        Some("serve") => {}
        Some(other) => return Err(format!("unknown command {other:?}: the one command is serve")),
        None => return Err("no command given: the one command is serve".into()),
    }
    let (mut listen, mut database, mut catalog) = (None, None, None);
    let mut allow_origins = Vec::new();
    let mut rate_limit = DEFAULT_RATE_LIMIT;
    let mut client_address_header = None;
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--listen" => {
                let text = value()?;
                listen = Some(text.parse().map_err(|_| format!("--listen {text:?} is not an address:port"))?);
            }
            "--database" => database = Some(value()?.clone()),
            "--catalog" => catalog = Some(PathBuf::from(value()?)),
            "--allow-origin" => {
                let origin = value()?.trim_end_matches('/').to_string();
                if origin != "*" && !(origin.starts_with("https://") || origin.starts_with("http://")) {
                    return Err(format!(
                        "--allow-origin {origin:?} is not an http(s) origin such as https://blog.example.com"
                    ));
                }
                allow_origins.push(origin);
            }
            "--rate-limit" => {
                let text = value()?;
                rate_limit = text.parse().map_err(|_| format!("--rate-limit {text:?} is not a whole number"))?;
            }
            "--client-address-header" => {
                let name = value()?.to_ascii_lowercase();
                if axum::http::HeaderName::from_bytes(name.as_bytes()).is_err() {
                    return Err(format!("--client-address-header {name:?} is not a header name"));
                }
                client_address_header = Some(name);
            }
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    Ok(ServeOptions {
        listen: listen.ok_or("--listen is missing")?,
        database: database.ok_or("--database is missing")?,
        catalog: catalog.ok_or("--catalog is missing")?,
        allow_origins,
        rate_limit,
        client_address_header,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn the_designs_command_line_parses() {
        let options = parse(&args(
            "serve --listen 127.0.0.1:8090 --database sqlite:votes.db --catalog public/catalog.json \
             --allow-origin https://blog.example.com/ --allow-origin http://localhost:8080 --rate-limit 0",
        ))
        .unwrap();
        assert_eq!(options.listen, "127.0.0.1:8090".parse().unwrap());
        assert_eq!(options.database, "sqlite:votes.db");
        assert_eq!(options.allow_origins, ["https://blog.example.com", "http://localhost:8080"]);
        assert_eq!(options.rate_limit, 0);
        assert_eq!(options.client_address_header, None);
        let proxied = parse(&args(
            "serve --listen 127.0.0.1:8090 --database sqlite:v.db --catalog c.json --client-address-header X-Forwarded-For",
        ));
        assert_eq!(proxied.unwrap().client_address_header.as_deref(), Some("x-forwarded-for"));
    }

    #[test]
    fn what_is_wrong_is_named() {
        assert_eq!(parse(&args("serve --database sqlite:x --catalog c.json")).unwrap_err(), "--listen is missing");
        assert_eq!(parse(&args("serve --listen nowhere")).unwrap_err(), "--listen \"nowhere\" is not an address:port");
        assert!(parse(&args("serve --allow-origin blog.example.com")).unwrap_err().contains("not an http(s) origin"));
        assert_eq!(parse(&args("count")).unwrap_err(), "unknown command \"count\": the one command is serve");
        assert_eq!(parse(&args("serve --rate-limit")).unwrap_err(), "--rate-limit needs a value");
    }
}
