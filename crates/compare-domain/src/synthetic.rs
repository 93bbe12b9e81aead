//! Deterministic synthetic catalogs for benchmarks and scale tests. Every
//! text says it is a placeholder; none of it is ever shipped as content.

use crate::limits::MAX_COMPARISONS;
use crate::model::{Catalog, Comparison, Review, Reviewer, Tool, SCHEMA_VERSION};

const CATEGORIES: [&str; 6] =
    ["Developer Tools", "Writing", "Image Generation", "Analytics", "Customer Support", "Research"];
const ENTRIES: [&str; 4] = ["Free", "Freemium", "Paid", "Pay as you go"];
const REVIEWERS: [&str; 5] = ["builder", "skeptic", "futurist", "business", "advocate"];

/// A catalog of `tools` synthetic tools (at least 2), a five-reviewer panel
/// reviewing every tool, and one curated comparison per ten tools (up to
/// the most a catalog may have).
pub fn synthetic_catalog(tools: usize) -> Catalog {
    let (mut catalog, each_tool) = jsonl_synthetic_catalog(tools);
    catalog.tools = each_tool.collect();
    catalog.tools_file = None;
    catalog
}

/// The same catalog with its tools in a tools file ("tools.jsonl"): the
/// catalog, and its tools one at a time, so that a million are written
/// without being held.
pub fn jsonl_synthetic_catalog(tools: usize) -> (Catalog, impl Iterator<Item = Tool>) {
    let tools = tools.max(2);
    let reviewers = REVIEWERS
        .iter()
        .map(|id| Reviewer {
            id: id.to_string(),
            name: format!("Synthetic reviewer ({id})"),
            lens: "Placeholder lens for benchmarks".to_string(),
        })
        .collect();
    let comparisons = (0..(tools / 10).min(MAX_COMPARISONS))
        .map(|i| Comparison {
            tools: [synthetic_id(i * 10), synthetic_id(i * 10 + 1)],
            question: None,
            baseline_votes: [(i % 7) as i64 * 3, (i % 5) as i64 * 4],
            updated: Some("2026-01-01".to_string()),
        })
        .collect();
    let catalog = Catalog {
        version: SCHEMA_VERSION,
        title: "Synthetic benchmark catalog".to_string(),
        intro: "Placeholder text generated for benchmarks; not a real comparison.".to_string(),
        reviewers,
        tools_file: Some("tools.jsonl".to_string()),
        comparisons,
        ..Catalog::default()
    };
    (catalog, (0..tools).map(synthetic_tool))
}

fn synthetic_id(i: usize) -> String {
    format!("tool-{i:05}")
}

/// The same catalog in the split layout: an index whose tools carry only
/// what the pickers need (id, name, category), and each full tool for its
/// own file, named by `tool_details` ("tools/{id}.json").
pub fn split_synthetic_catalog(tools: usize) -> (Catalog, Vec<Tool>) {
    let mut index = synthetic_catalog(tools);
    index.tool_details = Some("tools/{id}.json".to_string());
    let details = index.tools.clone();
    for tool in &mut index.tools {
        tool.tagline.clear();
        tool.entry.clear();
        tool.description.clear();
        tool.link = None;
        tool.reviews.clear();
    }
    (index, details)
}

fn synthetic_tool(i: usize) -> Tool {
    // A fixed mix of verdicts per tool, so ship shares vary but repeat.
    let reviews = REVIEWERS
        .iter()
        .enumerate()
        .filter(|(r, _)| (i + r) % 3 != 0)
        .map(|(r, reviewer)| Review {
            reviewer: reviewer.to_string(),
            verdict: if (i * 7 + r) % 4 == 0 { "skip" } else { "ship" }.to_string(),
            quote: format!(
                "Synthetic placeholder quote {r} for tool {i:05}. It stands in for a reviewer's paragraph so that \
                 benchmarks parse and render text of a realistic length; it says nothing about any real product."
            ),
        })
        .collect();
    Tool {
        id: synthetic_id(i),
        name: format!("Synthetic Tool {i:05}"),
        category: CATEGORIES[i % CATEGORIES.len()].to_string(),
        tagline: format!("Placeholder tagline {i:05} for benchmarks"),
        description: format!(
            "Synthetic placeholder description of tool {i:05}, generated for benchmarks. It has the length of a \
             real description but carries no information about any real product or service."
        ),
        link: Some(format!("https://example.com/tools/{i:05}")),
        entry: ENTRIES[i % ENTRIES.len()].to_string(),
        reviews,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::valid::ValidCatalog;

    #[test]
    fn synthetic_catalogs_are_valid_and_deterministic() {
        for size in [2, 100, 10_000] {
            let catalog = synthetic_catalog(size);
            assert_eq!(catalog.tools.len(), size);
            assert_eq!(catalog, synthetic_catalog(size));
            let valid = ValidCatalog::new(catalog).expect("a synthetic catalog is valid");
            assert!(valid.warnings().is_empty());
        }
    }

    #[test]
    fn split_synthetic_catalogs_load_tool_by_tool() {
        let (index, details) = split_synthetic_catalog(100);
        let index = ValidCatalog::new(index).expect("the index is valid");
        let tool = index.find_tool("tool-00042").unwrap();
        assert_eq!(index.tool_details_url(tool).as_deref(), Some("tools/tool-00042.json"));
        assert!(index.tool(tool).reviews.is_empty());
        let text = serde_json::to_string(&details[42]).unwrap();
        let full = index.load_tool_details(tool, &text).expect("its file is valid");
        assert_eq!(full.reviews.len(), details[42].reviews.len());
        let wrong = serde_json::to_string(&details[7]).unwrap();
        assert!(index.load_tool_details(tool, &wrong).is_err(), "another tool's file is refused");
    }
}
