//! A catalog whose tools are in a JSON Lines file (`"tools_file"`), as a
//! site owner checks and builds it.

mod common;

use std::path::{Path, PathBuf};

use common::{build, scratch_dir, snapshot, text, tool_compare, SEED};

/// The seed's catalog written with its tools in `tools.jsonl`, one a line;
/// `edit` may change the lines first.
fn seed_with_tools_file(dir: &Path, edit: impl FnOnce(&mut Vec<String>)) -> PathBuf {
    let mut catalog: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(SEED).unwrap()).unwrap();
    let tools = catalog.as_object_mut().unwrap().remove("tools").unwrap();
    let mut lines: Vec<String> = tools.as_array().unwrap().iter().map(|tool| tool.to_string()).collect();
    edit(&mut lines);
    catalog["tools_file"] = "tools.jsonl".into();
    std::fs::write(dir.join("tools.jsonl"), lines.join("\n") + "\n").unwrap();
    let path = dir.join("catalog.json");
    std::fs::write(&path, serde_json::to_string_pretty(&catalog).unwrap()).unwrap();
    path
}

#[test]
fn a_catalog_with_a_tools_file_checks_and_builds_as_the_same_catalog_with_its_tools_in_it() {
    let dir = scratch_dir("tools-file");
    let catalog = seed_with_tools_file(&dir, |_| {});
    let checked = tool_compare(&["check", catalog.to_str().unwrap()]);
    assert!(checked.status.success(), "{}", text(&checked.stdout));
    assert!(text(&checked.stdout).contains("valid (8 tools, 6 comparisons)"), "{}", text(&checked.stdout));

    let from_file = build(&catalog, &dir.join("site"), &["--no-precompress"]);
    assert!(from_file.status.success(), "{}", text(&from_file.stderr));
    let inline = build(Path::new(SEED), &dir.join("seed-site"), &["--no-precompress"]);
    assert!(inline.status.success());
    assert!(
        text(&from_file.stdout).contains("7 pages, 12 card fragments, 6 preview images"),
        "{}",
        text(&from_file.stdout)
    );

    let site = snapshot(&dir.join("site"));
    let seed = snapshot(&dir.join("seed-site"));
    assert_eq!(site.keys().collect::<Vec<_>>(), seed.keys().collect::<Vec<_>>());
    for (name, content) in &seed {
        if name.ends_with(".html") {
            assert!(site[name] == *content, "{name} differs from the seed's");
        }
    }
    // The widget reads one catalog file: the tools are in it.
    let published: serde_json::Value = serde_json::from_slice(&site["catalog.json"]).unwrap();
    let original: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(SEED).unwrap()).unwrap();
    assert_eq!(published["tools"], original["tools"]);
    assert!(published.get("tools_file").is_none(), "the widget is never sent to a file it does not read");
    assert!(!site.contains_key("tools.jsonl"));
}

#[test]
fn problems_in_a_tools_file_are_named_by_file_line_and_path_and_stop_the_build() {
    let dir = scratch_dir("tools-file-bad");
    let catalog = seed_with_tools_file(&dir, |lines| {
        lines[1] = lines[1].replace("\"reviewer\":\"builder\"", "\"reviewer\":\"x\"");
        lines.insert(4, "{\"id\":\"smollm3\",\"name\":\"Again\"}".to_string());
        lines.push("{\"id\":\"cut\",".to_string());
    });
    let checked = tool_compare(&["check", catalog.to_str().unwrap()]);
    assert_eq!(checked.status.code(), Some(1));
    let said = text(&checked.stdout);
    let expected = [
        "tools.jsonl:2: reviews[0].reviewer: unknown reviewer \"x\"",
        "tools.jsonl:5: id: duplicate id \"smollm3\" (first used on line 1)",
        "tools.jsonl:10: not valid JSON at column 12: EOF while parsing an object",
    ];
    for line in expected {
        assert!(said.contains(line), "no {line:?} in\n{said}");
    }
    assert!(said.ends_with("3 errors, 0 warnings\n"), "{said}");

    let out = dir.join("site");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("index.html"), "the old site").unwrap();
    let built = build(&catalog, &out, &[]);
    assert_eq!(built.status.code(), Some(1));
    for line in expected {
        assert!(text(&built.stderr).contains(line), "no {line:?} in\n{}", text(&built.stderr));
    }
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "the old site");
}

#[test]
fn a_tools_file_of_more_tools_than_one_catalog_file_holds_is_published_sharded() {
    let dir = scratch_dir("tools-file-large");
    let catalog = seed_with_tools_file(&dir, |lines| {
        lines.extend((0..20_000).map(|i| format!("{{\"id\":\"extra-{i}\",\"name\":\"Extra {i}\"}}")));
    });
    assert!(tool_compare(&["check", catalog.to_str().unwrap()]).status.success(), "a valid catalog");
    let built = build(&catalog, &dir.join("site"), &["--no-precompress"]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("site/catalog.json")).unwrap()).unwrap();
    assert_eq!(manifest["shards"]["tools"], 20_008);
    assert_eq!(manifest["tools"].as_array().unwrap().len(), 7, "only the curated pairs' tools");
}

#[test]
fn a_catalog_of_more_tools_than_shards_above_is_published_in_shards_with_the_same_pages() {
    let dir = scratch_dir("tools-file-sharded");
    let catalog = seed_with_tools_file(&dir, |_| {});
    let built = build(&catalog, &dir.join("site"), &["--no-precompress", "--shards-above", "4"]);
    assert!(built.status.success(), "{}", text(&built.stderr));
    let inline = build(Path::new(SEED), &dir.join("seed-site"), &["--no-precompress"]);
    assert!(inline.status.success());

    let site = snapshot(&dir.join("site"));
    let seed = snapshot(&dir.join("seed-site"));
    let manifest: serde_json::Value = serde_json::from_slice(&site["catalog.json"]).unwrap();
    for (name, content) in &seed {
        if name.ends_with(".html") {
            // The same but for the two tools each card carries for the
            // live widget, as shards of one tool each.
            let (page, carried) = without_card_tools(&site[name]);
            assert!(page.as_bytes() == content.as_slice(), "{name} differs from the seed's");
            assert_eq!(carried.len(), 2 * page.matches("data-tc-prerendered").count(), "{name}: two tools a card");
            for one in carried {
                assert_eq!(one["build"], manifest["shards"]["build"]);
                let shard: serde_json::Value =
                    serde_json::from_slice(&site[&format!("shards/tools/{}.json", one["shard"])]).unwrap();
                let tool = &one["tools"][0];
                assert_eq!(one["tools"].as_array().unwrap().len(), 1);
                assert!(shard["tools"].as_array().unwrap().contains(tool), "{name}: {tool} as in its shard");
            }
        }
    }
    assert_eq!(manifest["shards"]["tools"], 8);
    let listed: Vec<&str> = manifest["tools"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(listed.len(), 7, "the 7 tools the seed's six comparisons name: {listed:?}");
    assert!(manifest["tools"][0].get("reviews").is_none(), "the manifest lists tools as the pickers see them");
    let shards = manifest["shards"]["tool_shards"].as_u64().unwrap();
    let tool_files = site.keys().filter(|name| name.starts_with("shards/tools/") && name.ends_with(".json")).count();
    assert_eq!(tool_files as u64, shards);
    assert!(site.contains_key("shards/names.json"));
    // The table names the file of the prefix "s", which lists SmolLM3.
    let table: serde_json::Value = serde_json::from_slice(&site["shards/names.json"]).unwrap();
    let s = table["prefixes"].as_array().unwrap().iter().find(|p| p[0] == "s").expect("a prefix \"s\"");
    let smol: serde_json::Value = serde_json::from_slice(&site[&format!("shards/names/{}.json", s[3])]).unwrap();
    assert!(smol["tools"].as_array().unwrap().iter().any(|t| t["id"] == "smollm3"), "{smol}");

    // Fewer tools than --shards-above: one file, as before.
    let whole = build(&catalog, &dir.join("whole"), &["--no-precompress", "--shards-above", "8"]);
    assert!(whole.status.success());
    assert!(!dir.join("whole/shards").exists());
}

/// A page without its cards' `data-tc-tool-a` and `-b` attributes, and
/// what they hold.
fn without_card_tools(page: &[u8]) -> (String, Vec<serde_json::Value>) {
    let mut rest = std::str::from_utf8(page).expect("UTF-8");
    let (mut kept, mut carried) = (String::new(), Vec::new());
    while let Some(at) = rest.find(" data-tc-tool-") {
        kept.push_str(&rest[..at]);
        let value = &rest[at..];
        let start = value.find('"').expect("an attribute value") + 1;
        let end = start + value[start..].find('"').expect("a closed attribute");
        let json =
            value[start..end].replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        carried.push(serde_json::from_str(&json).expect("JSON"));
        rest = &value[end + 1..];
    }
    kept.push_str(rest);
    (kept, carried)
}
