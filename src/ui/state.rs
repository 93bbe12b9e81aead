//! The state of one loaded widget, shared with its components by context.

use std::sync::Arc;

use compare_domain::labels::Labels;
use compare_domain::{Pair, ToolRef, ValidCatalog};
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    /// Follows the reader's `prefers-color-scheme`.
    Auto,
}

impl Theme {
    pub fn parse(text: Option<&str>) -> Theme {
        match text.map(str::trim) {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// One of the two places on the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
}

impl Side {
    pub fn of(self, pair: Pair) -> ToolRef {
        match self {
            Side::A => pair.a,
            Side::B => pair.b,
        }
    }

    pub fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Side::A => "a",
            Side::B => "b",
        }
    }
}

#[derive(Clone, Copy)]
pub struct ComparisonState {
    pub catalog: StoredValue<Arc<ValidCatalog>>,
    pub pair: RwSignal<Pair>,
    /// Why the pair shown is not the one asked for, until the reader picks one.
    pub notice: RwSignal<Option<String>>,
    /// Prefix of this instance's element ids.
    pub id_prefix: StoredValue<String>,
    /// Absolute URL of the catalog, against which its tool files resolve.
    pub catalog_url: StoredValue<String>,
}

impl ComparisonState {
    pub fn id(&self, suffix: &str) -> String {
        format!("{}-{suffix}", self.id_prefix.get_value())
    }

    /// The reader chose a pair.
    pub fn choose_pair(&self, pair: Pair) {
        self.notice.set(None);
        if pair.a != pair.b && self.pair.get_untracked() != pair {
            self.pair.set(pair);
        }
    }

    /// The reader chose a tool for one side.
    pub fn choose_tool(&self, side: Side, tool: ToolRef) {
        let pair = self.pair.get_untracked();
        let chosen = match side {
            Side::A => Pair { a: tool, b: pair.b },
            Side::B => Pair { a: pair.a, b: tool },
        };
        self.choose_pair(chosen);
    }

    /// A label of the catalog (its override or the English default).
    pub fn label(&self, pick: impl FnOnce(&Labels) -> &str) -> String {
        self.catalog.with_value(|c| pick(&c.catalog().labels).to_string())
    }

    /// A label template with its blanks filled.
    pub fn fill(&self, pick: impl FnOnce(&Labels) -> &str, values: &[(&str, &str)]) -> String {
        self.catalog.with_value(|c| {
            let labels = &c.catalog().labels;
            labels.fill(pick(labels), values)
        })
    }

    pub fn tool_name(&self, tool: ToolRef) -> String {
        self.catalog.with_value(|c| c.tool(tool).name.clone())
    }

    /// The pair by its tools' names: "A vs B".
    pub fn pair_title(&self, pair: Pair) -> String {
        self.catalog.with_value(|c| c.catalog().labels.pair_title_of(&c.tool(pair.a).name, &c.tool(pair.b).name))
    }

    /// The title of a page showing the pair.
    pub fn page_title(&self, pair: Pair, site_title: &str) -> String {
        self.catalog
            .with_value(|c| page_title(&c.catalog().labels, &c.tool(pair.a).name, &c.tool(pair.b).name, site_title))
    }
}

/// "A vs B · site title", the same before and after the widget's code runs.
pub fn page_title(labels: &Labels, a: &str, b: &str, site_title: &str) -> String {
    let title = labels.pair_title_of(a, b);
    if site_title.is_empty() {
        title
    } else {
        format!("{title} · {site_title}")
    }
}
