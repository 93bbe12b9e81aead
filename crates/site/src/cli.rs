//! The command line of `tool-compare`: its commands, their options and
//! their help texts.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use tool_compare::ui::state::Theme;

use crate::card::ReadOptions;
use crate::site::BuildOptions;
use crate::snippet::SnippetRequest;

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub const USAGE: &str = "\
tool-compare: turns a catalog of tools into a static site with the comparison widget.

usage: tool-compare <command> [options]

commands:
  new <dir>                    write a starter catalog (and its schema) into <dir>
  build <catalog> --out <dir>  write the whole site into <dir>
  serve <dir>                  serve a built site as a static host does (--watch rebuilds it)
  check <catalog>...           check catalogs: every problem with its JSON path
  snippet <catalog> <a> <b>    a paste-ready, pre-rendered card of a pair for a blog post
  schema                       print the catalog's JSON Schema
  votes serve ...              run the vote collector (counts readers' votes across browsers)

`tool-compare <command> --help` tells more. --version prints the version.";

pub const NEW_USAGE: &str = "\
usage: tool-compare new <dir>

Writes <dir>/catalog.json, a starter catalog (two tools, a reviewer, one comparison) that
builds as it is, and <dir>/catalog.schema.json, which the catalog names as its $schema so
that editors check it as you type. Refuses to replace either file.";

pub const BUILD_USAGE: &str = "\
usage: tool-compare build <catalog> --out <dir> [--site-url <url>] [--strict] [--no-precompress]
                          [--shards-above <n>] [--catalog-origin <origin>]...

Writes the whole site into <dir>: the standalone page index.html, a page per curated pair,
card fragments, preview images, the catalog, catalog.schema.json, _headers, embed.js and
the widget's content-hashed files, with a .gz and a .br beside every text file and the Wasm.
All addresses are relative: the folder works from any sub-path of any static host.

  <catalog>          a catalog file or http(s) address
  --out <dir>        the site's folder; created when missing. Files in it that tool-compare
                     did not write (a CNAME, robots.txt, other pages) are kept; files of its
                     earlier builds that this one no longer has are removed. The new site
                     replaces the old one in one step: a failed or interrupted build leaves
                     the old site as it was.
  --site-url <url>   where the site is published (overrides the catalog's site_url): pages
                     then get absolute canonical and og:url addresses
  --strict           warnings (unknown fields, unused reviewers, ...) fail the build
  --no-precompress   no .gz and .br copies, for hosts that compress by themselves and count
                     files (Cloudflare Pages)
  --shards-above <n> a catalog whose tools file holds more than <n> tools (default 20000, the
                     most one catalog file holds) is published sharded: catalog.json lists
                     the curated pairs, and the tools and the pickers' name index go into
                     small files under shards/, a few of which each reader fetches
  --catalog-origin <origin>
                     another origin whose catalogs the standalone page may show with
                     ?catalog=, e.g. https://catalogs.example.com (repeat for several; by
                     default only catalogs of the site's own origin)
  --widget-dir <dir> for the widget's developers: a widget build (Trunk's output) to use
                     instead of the one built into this program (for a sharded catalog, one
                     built with the shards feature)

A catalog with errors exits 1, lists every problem with its path, and changes nothing.";

pub const SERVE_USAGE: &str = "\
usage: tool-compare serve <dir> [--port <n>] [--host <address>] [--watch <catalog>] [build options]

Serves a built site as a static host does: brotli or gzip by Accept-Encoding (the .br and
.gz copies of the build), the right content types, the headers of its _headers file, and
the strict Content-Security-Policy of the README on its pages.

  --port <n>         default 8080; 0 takes any free port
  --host <address>   default 127.0.0.1
  --watch <catalog>  build <dir> from <catalog> now, and again whenever it changes
                     (--site-url, --strict, --no-precompress, --shards-above,
                     --catalog-origin and --widget-dir as for build)";

pub const CHECK_USAGE: &str = "\
usage: tool-compare check [--strict] <catalog>...

Checks catalogs (files or http(s) addresses) with the widget's own reading and rules, prints
every problem as `json.path: message`, and exits 1 if any catalog has an error. --strict
counts warnings (unknown fields, unused reviewers, ...) as errors.";

pub const SNIPPET_USAGE: &str = "\
usage: tool-compare snippet <catalog> <a> <b> --widget-url <url> [--catalog-url <url>]
                            [--theme light|dark|auto] [--inline-style] [--no-script]

Prints the [data-tool-compare] element of the pair <a> vs <b> (tool ids) with the card
pre-rendered in a declarative shadow root, then the embed.js script tag: paste both into
a post. The card shows even where no script runs.

  --widget-url <url>   where the site built by tool-compare build is published
  --catalog-url <url>  the catalog readers' browsers fetch (default: <catalog> when it is an
                       address, else catalog.json beside embed.js)
  --theme              default auto (follows the reader's system)
  --inline-style       a <style> element instead of the style sheet link: self-contained,
                       but refused by a strict Content-Security-Policy
  --no-script          leave out the embed.js script tag";

pub const SCHEMA_USAGE: &str = "\
usage: tool-compare schema

Prints the catalog's JSON Schema (generated from the types the widget reads).";

#[derive(Debug)]
pub enum Command {
    Help(&'static str),
    Version,
    New(PathBuf),
    Build(BuildOptions),
    Serve { dir: PathBuf, listen: SocketAddr, watch: Option<BuildOptions> },
    Check { catalogs: Vec<String>, strict: bool },
    Snippet(SnippetRequest),
    Schema,
    Votes(Vec<String>),
}

/// The command of `args` (without the program's name), or what is wrong
/// with them.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let Some((command, rest)) = args.split_first() else { return Ok(Command::Help(USAGE)) };
    let help = |usage: &'static str| rest.iter().any(|arg| arg == "--help" || arg == "-h").then_some(usage);
    let command = match command.as_str() {
        "--help" | "-h" | "help" => Command::Help(USAGE),
        "--version" | "-V" => Command::Version,
        // The collector's own command line, help included.
        "votes" => Command::Votes(rest.to_vec()),
        "new" => match help(NEW_USAGE) {
            Some(usage) => Command::Help(usage),
            None => Command::New(PathBuf::from(one_operand(rest, "a folder", NEW_USAGE)?)),
        },
        "build" => match help(BUILD_USAGE) {
            Some(usage) => Command::Help(usage),
            None => Command::Build(parse_build(rest)?),
        },
        "serve" => match help(SERVE_USAGE) {
            Some(usage) => Command::Help(usage),
            None => parse_serve(rest)?,
        },
        "check" => match help(CHECK_USAGE) {
            Some(usage) => Command::Help(usage),
            None => {
                let strict = rest.iter().any(|arg| arg == "--strict");
                let catalogs: Vec<String> = rest.iter().filter(|arg| *arg != "--strict").cloned().collect();
                if let Some(unknown) = catalogs.iter().find(|arg| arg.starts_with("--")) {
                    return Err(format!("unknown option {unknown:?}\n\n{CHECK_USAGE}"));
                }
                if catalogs.is_empty() {
                    return Err(format!("no catalog given\n\n{CHECK_USAGE}"));
                }
                Command::Check { catalogs, strict }
            }
        },
        "snippet" => match help(SNIPPET_USAGE) {
            Some(usage) => Command::Help(usage),
            None => Command::Snippet(parse_snippet(rest)?),
        },
        "schema" => match help(SCHEMA_USAGE) {
            Some(usage) => Command::Help(usage),
            None if rest.is_empty() => Command::Schema,
            None => return Err(format!("schema takes no arguments\n\n{SCHEMA_USAGE}")),
        },
        other => return Err(format!("unknown command {other:?}\n\n{USAGE}")),
    };
    Ok(command)
}

fn one_operand<'a>(args: &'a [String], what: &str, usage: &str) -> Result<&'a str, String> {
    match args {
        [one] if !one.starts_with("--") => Ok(one),
        [] => Err(format!("{what} is missing\n\n{usage}")),
        _ => Err(format!("expected {what}, got {args:?}\n\n{usage}")),
    }
}

/// The options `build` and `serve --watch` share; other arguments are
/// left for the command.
struct BuildFlags {
    out: Option<PathBuf>,
    read: ReadOptions,
    precompress: bool,
    widget_dir: Option<PathBuf>,
    catalog_origins: Vec<String>,
    rest: Vec<String>,
}

fn build_flags(args: &[String], usage: &str) -> Result<BuildFlags, String> {
    let mut flags = BuildFlags {
        out: None,
        read: ReadOptions::default(),
        precompress: true,
        widget_dir: None,
        catalog_origins: Vec::new(),
        rest: Vec::new(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().cloned().ok_or_else(|| format!("{arg} needs a value\n\n{usage}"));
        match arg.as_str() {
            "--out" => flags.out = Some(PathBuf::from(value()?)),
            "--site-url" => flags.read.site_url = Some(value()?),
            "--widget-dir" => flags.widget_dir = Some(PathBuf::from(value()?)),
            "--strict" => flags.read.strict = true,
            "--shards-above" => {
                let text = value()?;
                let count = text.parse().map_err(|_| format!("--shards-above {text:?} is not a number of tools"))?;
                flags.read.shards_above = Some(count);
            }
            "--no-precompress" => flags.precompress = false,
            "--catalog-origin" => flags.catalog_origins.push(origin(&value()?)?),
            _ => flags.rest.push(arg.clone()),
        }
    }
    Ok(flags)
}

/// `--catalog-origin`: scheme and host (and port), nothing else.
fn origin(text: &str) -> Result<String, String> {
    let origin = text.trim_end_matches('/');
    let host = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
    match host {
        Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', '"', ' ', '<', '>']) => Ok(origin.to_string()),
        _ => Err(format!("--catalog-origin {text:?} is not an origin such as https://catalogs.example.com")),
    }
}

fn parse_build(args: &[String]) -> Result<BuildOptions, String> {
    let flags = build_flags(args, BUILD_USAGE)?;
    if let Some(unknown) = flags.rest.iter().find(|arg| arg.starts_with('-')) {
        return Err(format!("unknown option {unknown:?}\n\n{BUILD_USAGE}"));
    }
    let catalog = one_operand(&flags.rest, "the catalog", BUILD_USAGE)?.to_string();
    let out = flags.out.ok_or_else(|| format!("--out is missing: where should the site go?\n\n{BUILD_USAGE}"))?;
    Ok(BuildOptions {
        catalog,
        out,
        read: flags.read,
        precompress: flags.precompress,
        widget_dir: flags.widget_dir,
        catalog_origins: flags.catalog_origins,
    })
}

fn parse_serve(args: &[String]) -> Result<Command, String> {
    let flags = build_flags(args, SERVE_USAGE)?;
    if flags.out.is_some() {
        return Err(format!("serve takes the site's folder as its operand, not --out\n\n{SERVE_USAGE}"));
    }
    let (mut port, mut host, mut watch, mut operands) = (8080u16, IpAddr::V4(Ipv4Addr::LOCALHOST), None, Vec::new());
    let mut rest = flags.rest.iter();
    while let Some(arg) = rest.next() {
        let mut value = || rest.next().cloned().ok_or_else(|| format!("{arg} needs a value\n\n{SERVE_USAGE}"));
        match arg.as_str() {
            "--port" => {
                let text = value()?;
                port = text.parse().map_err(|_| format!("--port {text:?} is not a port number (0 to 65535)"))?;
            }
            "--host" => {
                let text = value()?;
                host = text.parse().map_err(|_| format!("--host {text:?} is not an IP address"))?;
            }
            "--watch" => watch = Some(value()?),
            other if other.starts_with('-') => return Err(format!("unknown option {other:?}\n\n{SERVE_USAGE}")),
            _ => operands.push(arg.clone()),
        }
    }
    let dir = PathBuf::from(one_operand(&operands, "the site's folder", SERVE_USAGE)?);
    let watch = watch.map(|catalog| BuildOptions {
        catalog,
        out: dir.clone(),
        read: flags.read,
        precompress: flags.precompress,
        widget_dir: flags.widget_dir,
        catalog_origins: flags.catalog_origins,
    });
    Ok(Command::Serve { dir, listen: SocketAddr::new(host, port), watch })
}

fn parse_snippet(args: &[String]) -> Result<SnippetRequest, String> {
    let mut request = SnippetRequest {
        catalog: String::new(),
        a: String::new(),
        b: String::new(),
        widget_url: String::new(),
        catalog_url: None,
        theme: Theme::Auto,
        inline_style: false,
        script: true,
    };
    let mut operands = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().cloned().ok_or_else(|| format!("{arg} needs a value\n\n{SNIPPET_USAGE}"));
        match arg.as_str() {
            "--widget-url" => request.widget_url = value()?,
            "--catalog-url" => request.catalog_url = Some(value()?),
            "--theme" => {
                let theme = value()?;
                request.theme = match theme.as_str() {
                    "light" | "dark" | "auto" => Theme::parse(Some(&theme)),
                    _ => return Err(format!("--theme is light, dark or auto, not \"{theme}\"")),
                };
            }
            "--inline-style" => request.inline_style = true,
            "--no-script" => request.script = false,
            other if other.starts_with("--") => return Err(format!("unknown option {other:?}\n\n{SNIPPET_USAGE}")),
            _ => operands.push(arg.clone()),
        }
    }
    match operands.as_slice() {
        [catalog, a, b] => (request.catalog, request.a, request.b) = (catalog.clone(), a.clone(), b.clone()),
        _ => return Err(format!("expected <catalog> <a> <b>, got {operands:?}\n\n{SNIPPET_USAGE}")),
    }
    if request.widget_url.is_empty() {
        return Err(format!("--widget-url is missing: where is the site published?\n\n{SNIPPET_USAGE}"));
    }
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn the_designs_command_lines_parse() {
        let Ok(Command::Build(build)) =
            parse(&args("build public/catalog.json --out dist --site-url https://x.example/ --strict"))
        else {
            panic!("build parses")
        };
        assert_eq!((build.catalog.as_str(), build.out.to_str()), ("public/catalog.json", Some("dist")));
        assert!(build.read.strict && build.precompress);
        assert_eq!(build.read.site_url.as_deref(), Some("https://x.example/"));
        let Ok(Command::Build(origins)) = parse(&args(
            "build c.json --out d --catalog-origin https://a.example/ --catalog-origin http://localhost:8081",
        )) else {
            panic!("origins parse")
        };
        assert_eq!(origins.catalog_origins, ["https://a.example", "http://localhost:8081"]);

        let Ok(Command::Serve { dir, listen, watch }) =
            parse(&args("serve site --port 0 --watch c.json --no-precompress"))
        else {
            panic!("serve parses")
        };
        assert_eq!((dir.to_str(), listen.port()), (Some("site"), 0));
        let watch = watch.unwrap();
        assert_eq!((watch.catalog.as_str(), watch.out.to_str(), watch.precompress), ("c.json", Some("site"), false));

        let Ok(Command::Snippet(snippet)) =
            parse(&args("snippet c.json a b --widget-url https://w.example/ --no-script"))
        else {
            panic!("snippet parses")
        };
        assert_eq!((snippet.a.as_str(), snippet.b.as_str(), snippet.script), ("a", "b", false));
        assert!(
            matches!(parse(&args("votes serve --listen 127.0.0.1:0")), Ok(Command::Votes(rest)) if rest.len() == 3)
        );
        assert!(matches!(parse(&args("build --help")), Ok(Command::Help(BUILD_USAGE))));
    }

    #[test]
    fn what_is_wrong_is_named() {
        let problem = |text: &str| parse(&args(text)).unwrap_err().lines().next().unwrap_or_default().to_string();
        assert_eq!(problem("build catalog.json"), "--out is missing: where should the site go?");
        assert_eq!(problem("build catalog.json --out"), "--out needs a value");
        assert_eq!(problem("build --out dist"), "the catalog is missing");
        assert_eq!(problem("build c.json --out d --minify"), "unknown option \"--minify\"");
        assert_eq!(problem("serve site --port 99999"), "--port \"99999\" is not a port number (0 to 65535)");
        assert_eq!(problem("publish"), "unknown command \"publish\"");
        assert_eq!(problem("snippet c.json a b"), "--widget-url is missing: where is the site published?");
        assert_eq!(problem("check"), "no catalog given");
        assert_eq!(
            problem("build c.json --out d --catalog-origin https://x.example/catalogs/"),
            "--catalog-origin \"https://x.example/catalogs/\" is not an origin such as https://catalogs.example.com"
        );
    }
}
