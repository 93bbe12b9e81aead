//! `tool-compare build` as a site owner runs it: what a site holds, what a
//! bad catalog gets, and that nothing of theirs is ever lost.

mod common;

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{build, fake_widget, scratch_dir, snapshot, text, tool_compare, SEED};

/// The seed's catalog with only its first `keep` curated comparisons.
fn seed_with_comparisons(keep: usize) -> String {
    let mut catalog: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(SEED).unwrap()).unwrap();
    let comparisons = catalog["comparisons"].as_array_mut().unwrap();
    comparisons.truncate(keep);
    serde_json::to_string_pretty(&catalog).unwrap()
}

#[test]
fn a_site_holds_every_page_fragment_preview_and_the_widgets_files_with_compressed_copies() {
    let dir = scratch_dir("whole-site");
    let out = dir.join("site");
    let built = build(Path::new(SEED), &out, &[]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    assert!(text(&built.stdout).contains("7 pages, 12 card fragments, 6 preview images"), "{}", text(&built.stdout));
    let files = snapshot(&out);
    for name in [
        "index.html",
        "smollm3-vs-vercel-ai-gateway.html",
        "cards/vercel-ai-gateway-vs-smollm3.html",
        "previews/smollm3-vs-vercel-ai-gateway.png",
        "catalog.json",
        "catalog.schema.json",
        "_headers",
        "embed.js",
        "icon.svg",
        "tool-compare-0123_bg.wasm",
        "tool-compare-0123.js",
        "page-0123.css",
    ] {
        assert!(files.contains_key(name), "no {name} in {:?}", files.keys().collect::<Vec<_>>());
    }
    assert_eq!(files["catalog.json"], std::fs::read(SEED).unwrap(), "the catalog as its owner wrote it");
    assert_eq!(text(&files["catalog.schema.json"]), compare_domain::schema::catalog_schema_json());
    let style =
        files.keys().find(|name| name.starts_with("widget-") && name.ends_with(".css")).expect("a hashed style sheet");
    assert_eq!(files["embed.css"], files[style.as_str()], "the script embed's preloaded style sheet is the same file");
    let embed = text(&files["embed.js"]);
    for name in [style.as_str(), "tool-compare-0123_bg.wasm", "tool-compare-0123.js"] {
        assert!(embed.contains(&format!("./{name}")), "embed.js names {name}");
    }
    // The seed's few curated pairs are listed in embed.js itself.
    assert!(
        embed.contains("\"smollm3 phi-3-mini\"") || embed.contains("\"phi-3-mini smollm3\""),
        "embed.js lists the curated pair with card fragments"
    );
    assert!(!files.contains_key("cards/pairs.json"), "no list of its own for a few pairs");
    assert!(!embed.contains("__"), "every placeholder of embed.js is filled in");

    assert_compressed_copies_hold_their_files(&files);
    assert!(!files.contains_key("previews/smollm3-vs-vercel-ai-gateway.png.gz"), "PNG is compressed already");

    // For hosts that compress by themselves and count files.
    let bare = dir.join("bare");
    assert!(build(Path::new(SEED), &bare, &["--no-precompress"]).status.success());
    let bare: Vec<String> = snapshot(&bare).into_keys().collect();
    let uncompressed: Vec<String> =
        files.into_keys().filter(|name| !name.ends_with(".gz") && !name.ends_with(".br")).collect();
    assert_eq!(bare, uncompressed, "the same site without the compressed copies");
}

/// A .gz and a .br beside every text file and the Wasm, holding it.
fn assert_compressed_copies_hold_their_files(files: &std::collections::BTreeMap<String, Vec<u8>>) {
    for (name, content) in files.iter().filter(|(name, _)| compressible(name)) {
        let gz = files.get(&format!("{name}.gz")).unwrap_or_else(|| panic!("no {name}.gz"));
        let br = files.get(&format!("{name}.br")).unwrap_or_else(|| panic!("no {name}.br"));
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut unzipped).unwrap();
        assert_eq!(&unzipped, content, "{name}.gz");
        let mut unbrotlied = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut unbrotlied).unwrap();
        assert_eq!(&unbrotlied, content, "{name}.br");
    }
}

#[test]
fn a_rebuild_after_an_edit_shows_the_edit_in_every_file_and_its_copies_and_keeps_what_did_not_change() {
    let dir = scratch_dir("edit");
    let catalog = dir.join("catalog.json");
    std::fs::write(&catalog, std::fs::read_to_string(SEED).unwrap()).unwrap();
    let out = dir.join("site");
    assert!(build(&catalog, &out, &[]).status.success());
    let before = snapshot(&out);
    let edited = std::fs::read_to_string(SEED).unwrap().replace("\"name\": \"SmolLM3\"", "\"name\": \"SmolLM3 Pro\"");
    std::fs::write(&catalog, edited).unwrap();
    let rebuilt = build(&catalog, &out, &[]);
    assert!(rebuilt.status.success(), "{}", text(&rebuilt.stderr));
    let after = snapshot(&out);
    assert_compressed_copies_hold_their_files(&after);
    for page in ["index.html", "smollm3-vs-phi-3-mini.html", "cards/phi-3-mini-vs-smollm3.html"] {
        assert!(text(&after[page]).contains("SmolLM3 Pro"), "{page} shows the edit");
    }
    // Its preview names the new name; a pair without SmolLM3 keeps its image.
    assert_ne!(after["previews/smollm3-vs-phi-3-mini.png"], before["previews/smollm3-vs-phi-3-mini.png"]);
    assert_eq!(after["previews/litellm-vs-portkey.png"], before["previews/litellm-vs-portkey.png"]);
}

fn compressible(name: &str) -> bool {
    [".html", ".js", ".css", ".json", ".svg", ".wasm"].iter().any(|ending| name.ends_with(ending))
}

#[test]
fn a_catalog_with_errors_exits_1_names_every_problem_and_changes_nothing() {
    let dir = scratch_dir("bad-catalog");
    let out = dir.join("site");
    assert!(build(Path::new(SEED), &out, &[]).status.success());
    std::fs::write(out.join("CNAME"), "compare.example.com\n").unwrap();
    let before = snapshot(&out);

    let bad = dir.join("catalog.json");
    std::fs::write(
        &bad,
        r#"{"version":1,"reviewers":[],"tools":[{"id":"a","name":""},{"id":"a","name":"B","link":"javascript:alert(1)"}]}"#,
    )
    .unwrap();
    let failed = build(&bad, &out, &[]);
    assert_eq!(failed.status.code(), Some(1));
    let said = text(&failed.stderr);
    for problem in [
        "tools[0].name: empty name",
        r#"tools[1].id: duplicate id "a" (first used by tools[0])"#,
        r#"tools[1].link: "javascript:alert(1)" is not an http or https link"#,
    ] {
        assert!(said.contains(problem), "{problem:?} not in:\n{said}");
    }
    assert_eq!(snapshot(&out), before, "the site is exactly as it was");
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no staging folder is left behind: {leftovers:?}");
}

#[test]
fn typos_warn_and_strict_fails_on_them() {
    let dir = scratch_dir("strict");
    let typo = dir.join("catalog.json");
    std::fs::write(&typo, std::fs::read_to_string(SEED).unwrap().replacen("\"tagline\"", "\"taglin\"", 1)).unwrap();
    let warned = build(&typo, &dir.join("site"), &["--no-precompress"]);
    assert!(warned.status.success(), "{}", text(&warned.stderr));
    assert!(text(&warned.stderr).contains(r#"tools[0].taglin: unknown field, ignored; did you mean "tagline"?"#));

    let strict = build(&typo, &dir.join("strict-site"), &["--no-precompress", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(text(&strict.stderr).contains("tools[0].taglin"), "{}", text(&strict.stderr));
    assert!(!dir.join("strict-site").exists(), "a refused build writes nothing");
}

#[test]
fn others_files_are_kept_and_stale_files_of_earlier_builds_removed() {
    let dir = scratch_dir("keep-and-remove");
    let out = dir.join("site");
    let catalog = dir.join("catalog.json");
    std::fs::write(&catalog, seed_with_comparisons(6)).unwrap();
    assert!(build(&catalog, &out, &["--no-precompress"]).status.success());
    assert!(out.join("litellm-vs-portkey.html").exists());

    // The site owner's own files, beside and inside the build's folders.
    std::fs::write(out.join("CNAME"), "compare.example.com\n").unwrap();
    std::fs::write(out.join("robots.txt"), "User-agent: *\n").unwrap();
    std::fs::create_dir_all(out.join("about")).unwrap();
    std::fs::write(out.join("about/index.html"), "<!doctype html><title>About</title>").unwrap();
    std::fs::write(out.join("cards/custom-card.html"), "<p>mine</p>").unwrap();
    std::fs::create_dir_all(out.join("empty-folder")).unwrap();
    std::os::unix::fs::symlink("about/index.html", out.join("about.html")).unwrap();

    std::fs::write(&catalog, seed_with_comparisons(1)).unwrap();
    let rebuilt = build(&catalog, &out, &["--no-precompress"]);
    assert!(rebuilt.status.success(), "{}", text(&rebuilt.stderr));
    assert!(text(&rebuilt.stdout).contains("5 of others kept"), "{}", text(&rebuilt.stdout));
    let files = snapshot(&out);
    assert_eq!(text(&files["CNAME"]), "compare.example.com\n");
    assert_eq!(text(&files["robots.txt"]), "User-agent: *\n");
    assert_eq!(text(&files["about/index.html"]), "<!doctype html><title>About</title>");
    assert_eq!(text(&files["cards/custom-card.html"]), "<p>mine</p>");
    assert_eq!(text(&files["about.html"]), "-> about/index.html");
    assert!(files.contains_key("empty-folder/"));
    // The pages of the comparisons the catalog no longer has are gone.
    for stale in ["litellm-vs-portkey.html", "cards/litellm-vs-portkey.html", "previews/litellm-vs-portkey.png"] {
        assert!(!files.contains_key(stale), "{stale} is left over");
    }
    assert!(files.contains_key("smollm3-vs-vercel-ai-gateway.html"));
}

#[test]
fn the_current_folder_and_a_link_to_a_folder_are_built_in_place() {
    let dir = scratch_dir("dot-and-link");
    let site = dir.join("site");
    std::fs::create_dir_all(&site).unwrap();
    let widget = fake_widget();
    let built = Command::new(env!("CARGO_BIN_EXE_tool-compare"))
        .current_dir(&site)
        .args(["build", SEED, "--out", ".", "--no-precompress", "--widget-dir", widget.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", text(&built.stderr));
    assert!(site.join("index.html").exists());
    std::os::unix::fs::symlink(&site, dir.join("link")).unwrap();
    assert!(build(Path::new(SEED), &dir.join("link"), &["--no-precompress"]).status.success());
    assert!(std::fs::symlink_metadata(dir.join("link")).unwrap().file_type().is_symlink(), "the link stays a link");
    assert!(dir.join("link/index.html").exists());
}

#[test]
fn a_file_of_someone_elses_where_the_site_has_its_own_stops_the_build() {
    let dir = scratch_dir("clash");
    let out = dir.join("site");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), "<!doctype html><title>My home page</title>").unwrap();
    std::fs::write(out.join("cards"), "not a folder").unwrap();
    let before = snapshot(&out);
    let refused = build(Path::new(SEED), &out, &[]);
    assert_eq!(refused.status.code(), Some(1));
    let said = text(&refused.stderr);
    assert!(said.contains(r#"holds "cards", "index.html" that tool-compare did not write"#), "{said}");
    assert!(said.contains("nothing was changed"), "{said}");
    assert_eq!(snapshot(&out), before);
}

#[test]
fn an_interrupted_build_leaves_the_old_site_or_the_new_one_never_a_mix() {
    let dir = scratch_dir("interrupted");
    let out = dir.join("site");
    let catalog = dir.join("catalog.json");
    std::fs::write(&catalog, seed_with_comparisons(1)).unwrap();
    assert!(build(&catalog, &out, &[]).status.success());
    std::fs::write(out.join("CNAME"), "compare.example.com\n").unwrap();
    let old = snapshot(&out);
    std::fs::write(&catalog, seed_with_comparisons(6)).unwrap();
    let widget = fake_widget();

    // Killed at different moments of a build (SIGKILL: no clean-up runs).
    for delay_ms in [5, 40, 120, 300, 600] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tool-compare"))
            .args(["build", catalog.to_str().unwrap(), "--out", out.to_str().unwrap()])
            .args(["--widget-dir", widget.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&out);
        if now != old {
            // The new site, whole: every file its list names, and the owner's.
            let listed = text(&now[".tool-compare-files"]);
            let mut expected: Vec<&str> = listed.lines().collect();
            expected.extend([".tool-compare-files", "CNAME"]);
            let mut present: Vec<&str> = now.keys().filter(|name| !name.ends_with('/')).map(String::as_str).collect();
            expected.sort_unstable();
            present.sort_unstable();
            assert_eq!(present, expected, "killed after {delay_ms} ms: a mix of two sites");
            assert!(listed.contains("litellm-vs-portkey.html"), "killed after {delay_ms} ms: not the new site");
            return;
        }
    }
    // Never got as far as the exchange: the next build finishes the job and
    // clears what the killed ones left beside the folder.
    let finished = build(&catalog, &out, &[]);
    assert!(finished.status.success(), "{}", text(&finished.stderr));
    let beside: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(beside.len(), 2, "{beside:?}");
}

#[test]
fn a_program_asked_for_a_folder_that_is_no_widget_build_says_what_it_lacks() {
    let dir = scratch_dir("no-widget");
    let out = tool_compare(&[
        "build",
        SEED,
        "--out",
        dir.join("site").to_str().unwrap(),
        "--widget-dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr)
        .contains("is not a widget build: missing: index.html, embed.js, widget.css, the Wasm with its JS"));
    assert!(!dir.join("site").exists());
}

#[test]
fn new_writes_a_starter_that_builds_and_never_replaces_a_catalog() {
    let dir = scratch_dir("new");
    let made = tool_compare(&["new", dir.join("mysite").to_str().unwrap()]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let catalog = dir.join("mysite/catalog.json");
    assert!(dir.join("mysite/catalog.schema.json").exists());
    let checked = tool_compare(&["check", "--strict", catalog.to_str().unwrap()]);
    assert!(checked.status.success(), "{}", text(&checked.stdout));
    let built = build(&catalog, &dir.join("mysite/site"), &["--strict"]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    assert!(dir.join("mysite/site/first-tool-vs-second-tool.html").exists());

    std::fs::write(&catalog, "{\"mine\": true}").unwrap();
    let again = tool_compare(&["new", dir.join("mysite").to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("exists already; nothing was written"));
    assert_eq!(std::fs::read_to_string(&catalog).unwrap(), "{\"mine\": true}");
}

#[test]
fn every_command_explains_itself() {
    for command in ["new", "build", "serve", "check", "snippet", "schema"] {
        let help = tool_compare(&[command, "--help"]);
        assert!(help.status.success());
        assert!(text(&help.stdout).starts_with(&format!("usage: tool-compare {command}")), "{command}");
    }
    let votes = tool_compare(&["votes", "--help"]);
    assert!(text(&votes.stdout).contains("usage: tool-compare votes serve --listen"), "{}", text(&votes.stdout));
    let top = tool_compare(&["--help"]);
    assert!(text(&top.stdout).contains("build <catalog> --out <dir>"));
    let wrong = tool_compare(&["publish"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(text(&wrong.stderr).starts_with("tool-compare: unknown command \"publish\""));
    let schema = tool_compare(&["schema"]);
    assert_eq!(text(&schema.stdout), compare_domain::schema::catalog_schema_json());
}

#[test]
fn check_is_the_validator() {
    let dir = scratch_dir("check");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"version":1,"reviewers":[],"tools":[{"id":"a","name":"A","reviews":[{"reviewer":"futurist","verdict":"ship"}]}]}"#).unwrap();
    let checked = tool_compare(&["check", SEED, bad.to_str().unwrap()]);
    assert_eq!(checked.status.code(), Some(1));
    let said = text(&checked.stdout);
    assert!(said.contains(r#"tools[0].reviews[0].reviewer: unknown reviewer "futurist""#), "{said}");
    assert!(tool_compare(&["check", SEED]).status.success());
}

#[test]
fn a_program_built_without_the_widgets_files_says_so_when_asked_for_a_site() {
    let dir = scratch_dir("embedded");
    let out = tool_compare(&["build", SEED, "--out", dir.join("site").to_str().unwrap(), "--no-precompress"]);
    if out.status.success() {
        // Built after a widget build (target/widget/ held its files).
        assert!(dir.join("site/embed.js").exists());
        return;
    }
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr).trim_end(),
        "this tool-compare was built without the widget's files (missing: index.html, embed.js, widget.css, the Wasm \
         with its JS), so it cannot build a site. Install a released tool-compare (npm package or archive), or build \
         one from the repository with scripts/build.sh, which builds the widget first."
    );
    assert!(!dir.join("site").exists());
}
