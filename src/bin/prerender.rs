//! `prerender snippet …` prints a paste-ready, pre-rendered snippet of a
//! pair; `prerender site [dir]` pre-renders the release build's pages and
//! card fragments (run by Trunk after each build). Both refuse a catalog
//! with errors, printing the validator's problem list.

use std::path::PathBuf;
use std::process::ExitCode;

use tool_compare::prerender::site;
use tool_compare::prerender::snippet::{snippet, SnippetRequest};
use tool_compare::ui::state::Theme;

const USAGE: &str = "usage:
  prerender snippet --a <tool id> --b <tool id> --widget-url <URL of dist/>
                    [--catalog <file or URL>] [--catalog-url <URL>] [--theme light|dark|auto]
                    [--inline-style] [--no-script]
      Prints the embed element with the card pre-rendered in a declarative shadow root,
      and the embed.js script tag. --catalog defaults to public/catalog.json.
  prerender site [<dir>]
      Pre-renders Trunk's output folder (default: $TRUNK_STAGING_DIR): index.html, a page,
      card fragments and a preview image per curated pair, the style sheet and embed.js.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("snippet") => parse_snippet(&args[1..]).and_then(|request| snippet(&request)).map(|html| print!("{html}")),
        Some("site") => site_dir(&args[1..]).and_then(|dir| {
            let written = site::build(&dir)?;
            eprintln!(
                "prerender: {} pages, {} card fragments and {} preview images in {}",
                written.pages,
                written.fragments,
                written.previews,
                dir.display()
            );
            Ok(())
        }),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn site_dir(args: &[String]) -> Result<PathBuf, String> {
    match args {
        [dir] => Ok(PathBuf::from(dir)),
        [] => std::env::var_os("TRUNK_STAGING_DIR")
            .map(PathBuf::from)
            .ok_or_else(|| format!("no folder given and TRUNK_STAGING_DIR is not set\n{USAGE}")),
        _ => Err(USAGE.to_string()),
    }
}

fn parse_snippet(args: &[String]) -> Result<SnippetRequest, String> {
    let mut request = SnippetRequest {
        catalog: "public/catalog.json".to_string(),
        a: String::new(),
        b: String::new(),
        widget_url: String::new(),
        catalog_url: None,
        theme: Theme::Auto,
        inline_style: false,
        script: true,
    };
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || args.next().cloned().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--catalog" => request.catalog = value()?,
            "--a" => request.a = value()?,
            "--b" => request.b = value()?,
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
            _ => return Err(format!("unknown argument \"{flag}\"\n{USAGE}")),
        }
    }
    for (name, value) in [("--a", &request.a), ("--b", &request.b), ("--widget-url", &request.widget_url)] {
        if value.is_empty() {
            return Err(format!("{name} is required\n{USAGE}"));
        }
    }
    Ok(request)
}
