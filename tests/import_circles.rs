//! The widget's modules import one another without circles: a module that
//! needs one that needs it back has something misplaced (what both need
//! belongs in a third). Read from the source, so it holds for every build.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module (`ui::card`) → the modules of the crate it names (`crate::ui::state`).
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph = BTreeMap::new();
    for folder in ["ui", "browser"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(folder);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let Some(stem) =
                path.file_stem().and_then(|s| s.to_str()).filter(|_| path.extension().is_some_and(|e| e == "rs"))
            else {
                continue;
            };
            let module = if stem == "mod" { folder.to_string() } else { format!("{folder}::{stem}") };
            let source = std::fs::read_to_string(&path).unwrap();
            graph.insert(module.clone(), named_modules(&source, &module));
        }
    }
    graph
}

/// The `crate::<folder>::<module>` paths in `source`, also inside braces
/// (`crate::ui::{card, state::Side}`).
fn named_modules(source: &str, own: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in source.match_indices("crate::") {
        let rest = &source[at + "crate::".len()..];
        let Some((folder, after)) = rest.split_once("::") else { continue };
        if !["ui", "browser"].contains(&folder) {
            continue;
        }
        let names: Vec<&str> = match after.strip_prefix('{') {
            Some(list) => list.split('}').next().unwrap_or("").split(',').collect(),
            None => vec![after],
        };
        for name in names {
            let name: String =
                name.trim().chars().take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit()).collect();
            if !name.is_empty() && name != "self" {
                let module = format!("{folder}::{name}");
                if module != own {
                    found.insert(module);
                }
            }
        }
    }
    found
}

/// A circle through `start`, if there is one.
fn circle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((module, path)) = stack.pop() {
        for next in graph.get(&module).into_iter().flatten() {
            if next == start {
                return Some(path.clone());
            }
            if graph.contains_key(next) && seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = imports();
    assert!(graph.len() > 20, "the modules were read: {:?}", graph.keys());
    let circles: Vec<String> = graph.keys().filter_map(|m| circle_from(&graph, m)).map(|c| c.join(" -> ")).collect();
    assert!(circles.is_empty(), "import circles:\n{}", circles.join("\n"));
}

#[test]
fn a_circle_is_found_when_there_is_one() {
    let mut graph = BTreeMap::new();
    graph.insert("ui::a".to_string(), named_modules("use crate::ui::{b, state::Side};", "ui::a"));
    graph.insert("ui::b".to_string(), named_modules("use crate::ui::a::Thing;", "ui::b"));
    assert_eq!(circle_from(&graph, "ui::a"), Some(vec!["ui::a".to_string(), "ui::b".to_string()]));
}
