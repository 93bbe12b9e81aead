//! A catalog that passed validation, indexed for the lookups the widget makes
//! on every keystroke and pair switch.

use std::collections::HashMap;
use std::fmt;

use crate::model::{Catalog, Comparison, Reviewer, Tool};
use crate::parse::{parse_catalog, ParseError};
use crate::plural::PluralRule;
#[cfg(shards)]
use crate::shards::{tool_shard_file, tool_shard_of};
use crate::text::fold_case;
use crate::validate::{validate, validate_tool_file, Problem, Severity};

// Reading a sharded catalog: only the widget build for sharded sites (and
// native code) has it.
#[cfg(shards)]
mod sharded;

/// Why a catalog cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    Parse(ParseError),
    /// Every error validation found (never empty); warnings are left out.
    Invalid(Vec<Problem>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Parse(err) => err.fmt(f),
            LoadError::Invalid(problems) => {
                let count = problems.len();
                write!(f, "{count} problem{}: ", if count == 1 { "" } else { "s" })?;
                for (i, problem) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    problem.fmt(f)?;
                }
                Ok(())
            }
        }
    }
}

/// Position of a tool in the catalog's `tools` list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ToolRef(pub usize);

/// The two tools on the card, in display order; never the same tool twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pair {
    pub a: ToolRef,
    pub b: ToolRef,
}

impl Pair {
    pub fn swapped(self) -> Pair {
        Pair { a: self.b, b: self.a }
    }

    /// The same two tools regardless of order: votes belong to this.
    pub fn unordered(self) -> (ToolRef, ToolRef) {
        if self.a <= self.b {
            (self.a, self.b)
        } else {
            (self.b, self.a)
        }
    }
}

/// The pair the reader asked for, or the default pair and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub pair: Pair,
    pub notice: Option<String>,
}

#[derive(Debug)]
pub struct ValidCatalog {
    catalog: Catalog,
    tools_by_id: HashMap<String, ToolRef>,
    reviewers_by_id: HashMap<String, usize>,
    comparisons_by_pair: HashMap<(ToolRef, ToolRef), usize>,
    /// Lower-cased "name category" per tool, for filtering as the reader types.
    search_keys: Vec<String>,
    warnings: Vec<Problem>,
    /// A sharded catalog's tools beyond `tools`, as the page met them.
    #[cfg(shards)]
    learned: sharded::LearnedTools,
}

/// The warnings among `problems`, or every error as a `LoadError`.
fn only_warnings(problems: Vec<Problem>) -> Result<Vec<Problem>, LoadError> {
    let (errors, warnings): (Vec<Problem>, Vec<Problem>) =
        problems.into_iter().partition(|p| p.severity == Severity::Error);
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(LoadError::Invalid(errors))
    }
}

/// Parses and validates catalog text: the only way to get a [`ValidCatalog`],
/// so the widget never shows a partly valid catalog as if it were complete.
pub fn load_catalog(text: &str) -> Result<ValidCatalog, LoadError> {
    let catalog = parse_catalog(text).map_err(LoadError::Parse)?;
    ValidCatalog::new(catalog)
}

impl ValidCatalog {
    pub fn new(mut catalog: Catalog) -> Result<ValidCatalog, LoadError> {
        // The source of a site, not the site: its tools are one line each in
        // a file the widget does not read. (The widget's reader never sets
        // `tools_file`, so there such a catalog lacks `tools`.)
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(file) = &catalog.tools_file {
            return Err(LoadError::Invalid(vec![Problem {
                severity: Severity::Error,
                path: "tools_file".to_string(),
                message: format!("the tools are in {file:?}: publish this catalog with `tool-compare build`"),
            }]));
        }
        let warnings = only_warnings(validate(&catalog))?;
        catalog.labels.plural_rule = PluralRule::for_language(catalog.language.as_deref().unwrap_or("en"));
        let tools_by_id =
            catalog.tools.iter().enumerate().map(|(i, tool)| (tool.id.clone(), ToolRef(i))).collect::<HashMap<_, _>>();
        let reviewers_by_id = catalog.reviewers.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        let mut comparisons_by_pair = HashMap::new();
        for (i, comparison) in catalog.comparisons.iter().enumerate() {
            let pair = Pair { a: tools_by_id[&comparison.tools[0]], b: tools_by_id[&comparison.tools[1]] };
            comparisons_by_pair.entry(pair.unordered()).or_insert(i);
        }
        let search_keys =
            catalog.tools.iter().map(|tool| fold_case(&format!("{} {}", tool.name, tool.category))).collect();
        Ok(ValidCatalog {
            #[cfg(shards)]
            learned: sharded::LearnedTools::for_catalog(&catalog),
            catalog,
            tools_by_id,
            reviewers_by_id,
            comparisons_by_pair,
            search_keys,
            warnings,
        })
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    pub fn tool(&self, tool: ToolRef) -> &Tool {
        // Only a sharded catalog learns tools beyond its own.
        #[cfg(shards)]
        if let Some(learned) = tool.0.checked_sub(self.catalog.tools.len()) {
            return self.learned_tool(learned);
        }
        &self.catalog.tools[tool.0]
    }

    /// Split and sharded catalogs: the URL of the file that holds the
    /// tool's full entry, relative to the catalog (see
    /// `Catalog::tool_details`, `shards`).
    pub fn tool_details_url(&self, tool: ToolRef) -> Option<String> {
        #[cfg(shards)]
        if let Some(shards) = self.shards() {
            return Some(tool_shard_file(tool_shard_of(&self.tool(tool).id, shards.tool_shards)));
        }
        let template = self.catalog.tool_details.as_deref()?;
        Some(template.replace("{id}", &self.tool(tool).id))
    }

    /// Reads and checks one tool file of a split catalog, or the tool's
    /// shard of a sharded one.
    pub fn load_tool_details(&self, tool: ToolRef, text: &str) -> Result<Tool, LoadError> {
        let id = &self.tool(tool).id;
        #[cfg(shards)]
        let details = match self.is_sharded() {
            true => self.tool_in_shard(id, text)?,
            false => crate::parse::parse_json(text).map_err(LoadError::Parse)?,
        };
        #[cfg(not(shards))]
        let details: Tool = crate::parse::parse_json(text).map_err(LoadError::Parse)?;
        only_warnings(validate_tool_file(&self.catalog, &details, id))?;
        Ok(details)
    }

    /// Whether the full tools are in files of their own (split or sharded
    /// catalogs), fetched for the tools on the card.
    pub fn has_tool_files(&self) -> bool {
        self.catalog.tool_details.is_some() || self.is_sharded()
    }

    /// Whether the catalog is the manifest of a sharded site (never in the
    /// widget build without `cfg(shards)`, whose reader refuses one).
    pub fn is_sharded(&self) -> bool {
        crate::validate::is_sharded(&self.catalog)
    }

    pub fn tool_count(&self) -> usize {
        self.catalog.tools.len()
    }

    pub fn find_tool(&self, id: &str) -> Option<ToolRef> {
        let own = self.tools_by_id.get(id).copied();
        #[cfg(shards)]
        let own = own.or_else(|| self.find_learned(id));
        own
    }

    pub fn reviewer(&self, id: &str) -> Option<&Reviewer> {
        self.reviewers_by_id.get(id).map(|&i| &self.catalog.reviewers[i])
    }

    /// The curated comparison of these two tools, in either order.
    pub fn comparison(&self, pair: Pair) -> Option<&Comparison> {
        let own = self.comparisons_by_pair.get(&pair.unordered()).map(|&i| &self.catalog.comparisons[i]);
        #[cfg(shards)]
        let own = own.or_else(|| self.learned_comparison(pair));
        own
    }

    /// How many curated pairs the catalog has: a sharded manifest lists
    /// only the first of many, until `read_curated_list`.
    pub fn curated_count(&self) -> usize {
        #[cfg(shards)]
        if let Some(shards) = self.shards().filter(|s| s.curated > 0) {
            return shards.curated as usize;
        }
        self.comparisons_by_pair.len()
    }

    /// The curated pairs, in catalog order, without repeats (a sharded
    /// manifest's own, or all once it has read its list of them).
    pub fn curated_pairs(&self) -> Vec<Pair> {
        #[cfg(shards)]
        if let Some(all) = self.listed_curated() {
            return all;
        }
        // In the catalog's order, each pair where it is first curated (the
        // comparison the card shows): no sort, whose code the Wasm would
        // carry for this list alone.
        self.catalog
            .comparisons
            .iter()
            .enumerate()
            .filter_map(|(i, comparison)| {
                let [a, b] = &comparison.tools;
                let pair = Pair { a: self.tools_by_id[a], b: self.tools_by_id[b] };
                (self.comparisons_by_pair.get(&pair.unordered()) == Some(&i)).then_some(pair)
            })
            .collect()
    }

    /// The first curated comparison, or the first two tools when there is none.
    pub fn default_pair(&self) -> Pair {
        match self.catalog.comparisons.first() {
            Some(first) => Pair { a: self.tools_by_id[&first.tools[0]], b: self.tools_by_id[&first.tools[1]] },
            None => Pair { a: ToolRef(0), b: ToolRef(1) },
        }
    }

    /// The pair named by page or embed settings. A side that is not given
    /// keeps the default pair's tool; an unknown id, or the same tool twice,
    /// falls back to the default pair with a notice for the reader.
    pub fn resolve_pair(&self, a: Option<&str>, b: Option<&str>) -> Resolved {
        let default = self.default_pair();
        let unknown: Vec<&str> = [a, b].into_iter().flatten().filter(|id| self.find_tool(id).is_none()).collect();
        let labels = &self.catalog.labels;
        if !unknown.is_empty() {
            let names = unknown.iter().map(|id| format!("{id:?}")).collect::<Vec<_>>().join(" / ");
            return Resolved { pair: default, notice: Some(labels.fill(labels.unknown_tool(), &[("ids", &names)])) };
        }
        let pick = |id: Option<&str>, fallback: ToolRef| id.and_then(|id| self.find_tool(id)).unwrap_or(fallback);
        let mut pair = Pair { a: pick(a, default.a), b: pick(b, default.b) };
        if pair.a == pair.b {
            if a.is_some() && b.is_some() {
                return Resolved { pair: default, notice: Some(labels.same_tool().to_string()) };
            }
            // Only one side was given and it equals the default's other side.
            pair = if a.is_some() { Pair { a: pair.a, b: default.a } } else { Pair { a: default.b, b: pair.b } };
        }
        Resolved { pair, notice: None }
    }

    /// Tools whose name or category contains `query` (case-insensitive, see
    /// `fold_case`),
    /// names starting with it first, leaving out `exclude`. Returns at most
    /// `limit` tools and how many matched in all.
    pub fn filter_tools(&self, query: &str, exclude: Option<ToolRef>, limit: usize) -> (Vec<ToolRef>, usize) {
        let query = fold_case(query.trim());
        let mut starts = Vec::new();
        let mut contains = Vec::new();
        let mut total = 0;
        for (i, key) in self.search_keys.iter().enumerate() {
            let tool = ToolRef(i);
            if Some(tool) == exclude {
                continue;
            }
            let Some(at) = key.find(query.as_str()) else { continue };
            total += 1;
            if at == 0 {
                if starts.len() < limit {
                    starts.push(tool);
                }
            } else if contains.len() < limit {
                contains.push(tool);
            }
        }
        starts.extend(contains);
        starts.truncate(limit);
        (starts, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> ValidCatalog {
        load_catalog(include_str!("../../../public/catalog.json")).expect("bundled catalog loads")
    }

    fn ids(catalog: &ValidCatalog, pair: Pair) -> (&str, &str) {
        (catalog.tool(pair.a).id.as_str(), catalog.tool(pair.b).id.as_str())
    }

    #[test]
    fn the_default_pair_is_the_first_curated_comparison() {
        let catalog = seed();
        assert_eq!(ids(&catalog, catalog.default_pair()), ("smollm3", "vercel-ai-gateway"));
    }

    #[test]
    fn a_named_pair_is_kept_in_its_order() {
        let catalog = seed();
        let resolved = catalog.resolve_pair(Some("litellm"), Some("smollm3"));
        assert_eq!(ids(&catalog, resolved.pair), ("litellm", "smollm3"));
        assert_eq!(resolved.notice, None);
    }

    #[test]
    fn unknown_ids_fall_back_with_a_notice() {
        let catalog = seed();
        let resolved = catalog.resolve_pair(Some("nope"), Some("smollm3"));
        assert_eq!(ids(&catalog, resolved.pair), ("smollm3", "vercel-ai-gateway"));
        assert_eq!(
            resolved.notice.as_deref(),
            Some("This catalog has no tool \"nope\", so the first curated comparison is shown instead.")
        );
    }

    #[test]
    fn the_same_tool_twice_falls_back_with_a_notice() {
        let catalog = seed();
        let resolved = catalog.resolve_pair(Some("litellm"), Some("litellm"));
        assert_eq!(ids(&catalog, resolved.pair), ("smollm3", "vercel-ai-gateway"));
        assert!(resolved.notice.unwrap().contains("cannot be compared with itself"));
    }

    #[test]
    fn one_given_side_keeps_the_other_from_the_default() {
        let catalog = seed();
        assert_eq!(ids(&catalog, catalog.resolve_pair(Some("portkey"), None).pair), ("portkey", "vercel-ai-gateway"));
        assert_eq!(ids(&catalog, catalog.resolve_pair(None, Some("smollm3")).pair), ("vercel-ai-gateway", "smollm3"));
        assert_eq!(catalog.resolve_pair(None, None).notice, None);
    }

    #[test]
    fn comparisons_are_found_in_either_order() {
        let catalog = seed();
        let pair = catalog.default_pair();
        assert!(std::ptr::eq(catalog.comparison(pair).unwrap(), catalog.comparison(pair.swapped()).unwrap()));
    }

    #[test]
    fn curated_pairs_keep_the_catalog_order_and_a_repeated_pair_where_it_first_stands() {
        let catalog = load_catalog(
            r#"{"version":1,"tools":[{"id":"a","name":"A"},{"id":"b","name":"B"},{"id":"c","name":"C"}],
                "comparisons":[{"tools":["c","b"]},{"tools":["a","b"]},{"tools":["b","c"],"question":"Again?"},
                               {"tools":["c","a"]}]}"#,
        )
        .expect("a repeated pair is a warning");
        let listed: Vec<_> = catalog.curated_pairs().into_iter().map(|pair| ids(&catalog, pair)).collect();
        assert_eq!(listed, [("c", "b"), ("a", "b"), ("c", "a")]);
        assert_eq!(catalog.comparison(catalog.curated_pairs()[0]).unwrap().question, None);
    }

    #[test]
    fn filtering_matches_name_or_category_and_leaves_out_the_other_side() {
        let catalog = seed();
        let smol = catalog.find_tool("smollm3").unwrap();
        let (found, total) = catalog.filter_tools("SMOL", None, 10);
        assert_eq!((found, total), (vec![smol], 1));
        let (found, _) = catalog.filter_tools("smol", Some(smol), 10);
        assert!(found.is_empty());
        let (found, total) = catalog.filter_tools("developer tools", None, 3);
        assert_eq!((found.len(), total), (3, catalog.tool_count()));
    }

    #[test]
    fn names_starting_with_the_query_come_first() {
        let catalog = seed();
        let (found, _) = catalog.filter_tools("o", None, 20);
        let first = catalog.tool(found[0]).name.to_lowercase();
        assert!(first.starts_with('o'), "{first}");
    }

    #[test]
    fn a_catalog_whose_tools_are_in_a_tools_file_is_not_a_site_yet() {
        let err = load_catalog(r#"{"version":1,"tools_file":"tools.jsonl"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "1 problem: tools_file: the tools are in \"tools.jsonl\": publish this catalog with `tool-compare build`"
        );
    }

    #[cfg(shards)]
    fn sharded() -> ValidCatalog {
        load_catalog(
            r#"{"version":1,"shards":{"build":"b1","tools":1000,"tool_shards":4},
                "tools":[{"id":"a","name":"Alpha"},{"id":"b","name":"Beta"}]}"#,
        )
        .expect("a manifest loads")
    }

    #[test]
    #[cfg(shards)]
    fn a_sharded_catalog_learns_the_tools_its_shards_name() {
        let catalog = sharded();
        let met = Tool { id: "zeta".into(), name: "Zeta".into(), reviews: vec![], ..Tool::default() };
        let zeta = catalog.learn(&met).unwrap();
        assert_eq!(zeta, ToolRef(2));
        assert_eq!(catalog.learn(&met), Some(zeta), "once");
        assert_eq!(catalog.find_tool("zeta"), Some(zeta));
        assert_eq!(catalog.tool(zeta).name, "Zeta");
        assert_eq!(catalog.resolve_pair(Some("zeta"), Some("a")).notice, None);
        let shard = tool_shard_of("zeta", 4);
        assert_eq!(catalog.tool_details_url(zeta), Some(format!("shards/tools/{shard}.json")));
        let text = format!(r#"{{"build":"b1","shard":{shard},"tools":[{{"id":"zeta","name":"Zeta","tagline":"Z"}}]}}"#);
        assert_eq!(catalog.load_tool_details(zeta, &text).unwrap().tagline, "Z");
    }

    #[test]
    #[cfg(shards)]
    fn a_shard_of_another_build_or_place_is_refused_by_name() {
        let catalog = sharded();
        let zeta = catalog.learn(&Tool { id: "zeta".into(), name: "Zeta".into(), ..Tool::default() }).unwrap();
        let shard = tool_shard_of("zeta", 4);
        let old = format!(r#"{{"build":"b0","shard":{shard},"tools":[{{"id":"zeta","name":"Zeta"}}]}}"#);
        assert_eq!(
            catalog.load_tool_details(zeta, &old).unwrap_err().to_string(),
            "1 problem: build: the file is from build \"b0\", the catalog from build \"b1\": the site is being \
             updated, or a cache kept an old file"
        );
        let elsewhere = format!(r#"{{"build":"b1","shard":{},"tools":[]}}"#, (shard + 1) % 4);
        assert!(catalog.load_tool_details(zeta, &elsewhere).unwrap_err().to_string().contains(&format!("not {shard}")));
        let without = format!(r#"{{"build":"b1","shard":{shard},"tools":[]}}"#);
        assert!(catalog.load_tool_details(zeta, &without).unwrap_err().to_string().contains("does not hold"));
        let table = crate::shards::NameTable {
            build: "b1".into(),
            prefixes: vec![crate::shards::NamePrefix { prefix: "ze".into(), total: 1, complete: true, file: 3 }],
        };
        let names = r#"{"build":"b1","file":3,"tools":[{"id":"q","name":"Quux"}]}"#;
        assert!(catalog.read_name_shard(&table, 3, names).unwrap_err().to_string().contains("belongs to no prefix"));
        assert!(catalog.read_name_shard(&table, 4, names).unwrap_err().to_string().contains("not 4"));
        let fine = r#"{"build":"b1","file":3,"tools":[{"id":"z","name":"Zeta"}]}"#;
        assert_eq!(catalog.read_name_shard(&table, 3, fine).unwrap().tools.len(), 1);
    }

    #[test]
    #[cfg(shards)]
    fn curated_pairs_beyond_the_manifest_are_learned_from_shards_and_their_list() {
        let catalog = load_catalog(
            r#"{"version":1,"shards":{"build":"b1","tools":1000,"tool_shards":4,"curated":2},
                "tools":[{"id":"a","name":"Alpha"},{"id":"b","name":"Beta"}],
                "comparisons":[{"tools":["a","b"]}]}"#,
        )
        .expect("a manifest loads");
        assert_eq!((catalog.curated_count(), catalog.curated_pairs().len()), (2, 1));
        let zeta = catalog.learn(&Tool { id: "zeta".into(), name: "Zeta".into(), ..Tool::default() }).unwrap();
        let pair = Pair { a: zeta, b: ToolRef(0) };
        assert_eq!(catalog.comparison(pair), None);
        let shard = tool_shard_of("zeta", 4);
        let with = |comparisons: &str| {
            format!(
                r#"{{"build":"b1","shard":{shard},"tools":[{{"id":"zeta","name":"Zeta"}}],"comparisons":{comparisons}}}"#
            )
        };
        let problem = |text: String| catalog.load_tool_details(zeta, &text).unwrap_err().to_string();
        assert!(problem(with(r#"[[5,{"tools":["zeta","a"]}]]"#)).contains("curated pair 5 of a catalog of 2"));
        let elsewhere = ["q", "r", "s", "t", "u"].into_iter().find(|id| tool_shard_of(id, 4) != shard).unwrap();
        let named = problem(with(&format!(r#"[[1,{{"tools":["{elsewhere}","a"]}}]]"#)));
        assert!(named.contains("comparisons[0].tools: names no tool of this shard"), "{named}");
        assert!(problem(with(r#"[[1,{"tools":["zeta","a"],"baseline_votes":[-1,0]}]]"#)).contains("negative"));
        catalog
            .load_tool_details(
                zeta,
                &with(r#"[[1,{"tools":["zeta","a"],"question":"Which?","baseline_votes":[3,4]}]]"#),
            )
            .unwrap();
        assert_eq!(catalog.comparison(pair).and_then(|c| c.question.as_deref()), Some("Which?"));
        assert_eq!(catalog.comparison(pair.swapped()).map(|c| c.baseline_votes), Some([3, 4]));

        let list = |build: &str, comparisons: &str| {
            format!(
                r#"{{"build":"{build}","tools":[{{"id":"a","name":"Alpha"}},{{"id":"y","name":"Ypsilon"}},{{"id":"zeta","name":"Zeta"}}],"comparisons":{comparisons}}}"#
            )
        };
        let refused = |text: String| catalog.read_curated_list(&text).unwrap_err().to_string();
        let both = r#"[{"tools":["a","b"]},{"tools":["zeta","a"]}]"#;
        assert!(refused(list("b0", both)).contains(r#"from build "b0""#));
        assert!(refused(list("b1", r#"[{"tools":["a","b"]}]"#)).contains("1 curated pairs; the catalog has 2"));
        assert!(refused(list("b1", r#"[{"tools":["zeta","a"]},{"tools":["a","b"]}]"#)).contains("does not begin"));
        assert!(refused(list("b1", r#"[{"tools":["a","b"]},{"tools":["nope","a"]}]"#)).contains("does not hold"));
        catalog.read_curated_list(&list("b1", both)).expect("the list");
        assert_eq!(catalog.curated_pairs(), vec![Pair { a: ToolRef(0), b: ToolRef(1) }, pair]);
    }

    /// The widget build every small site publishes (`TOOL_COMPARE_WIDGET_SHARDS=0`).
    #[test]
    #[cfg(not(shards))]
    fn the_widget_without_shards_refuses_a_sharded_catalog_by_name() {
        let text = r#"{"version":1,"shards":{"build":"b1","tools":1000,"tool_shards":4},
            "tools":[{"id":"a","name":"Alpha"},{"id":"b","name":"Beta"}]}"#;
        let err = load_catalog(text).unwrap_err().to_string();
        assert!(err.contains("shards: a sharded catalog, which this build of the widget does not read"), "{err}");
    }

    #[test]
    fn load_errors_list_every_problem() {
        let err = load_catalog(r#"{"version":1,"tools":[{"id":"a","name":""},{"id":"a","name":"B"}]}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "2 problems: tools[0].name: empty name; tools[1].id: duplicate id \"a\" (first used by tools[0])"
        );
    }
}
