//! The full entries of the tools on the card. Whole catalogs hand out their
//! tools directly; split catalogs (`tool_details`) keep each tool's entry,
//! reviews included, in its own file, fetched by the browser when the tool
//! is first on the card and read by the pre-render before it renders.

use std::collections::HashMap;
use std::sync::Arc;

use compare_domain::{Pair, Tool, ToolRef};
use leptos::prelude::*;

use crate::ui::loadable::Loadable;
use crate::ui::state::ComparisonState;

/// A tool's full entry, as the card needs it.
pub type ToolEntry = Loadable<Arc<Tool>>;

/// The tool files of one widget, by tool.
#[derive(Clone, Copy)]
pub struct ToolDetails {
    pub(crate) loaded: RwSignal<HashMap<ToolRef, ToolEntry>>,
}

impl Default for ToolDetails {
    fn default() -> ToolDetails {
        ToolDetails { loaded: RwSignal::new(HashMap::new()) }
    }
}

impl ToolDetails {
    /// A view over a cache shared with other widgets of the same catalog.
    pub fn over(cache: ArcRwSignal<HashMap<ToolRef, ToolEntry>>) -> ToolDetails {
        ToolDetails { loaded: cache.into() }
    }

    /// Records a tool file's outcome.
    pub fn set(&self, tool: ToolRef, detail: ToolEntry) {
        // The widget may have been unmounted while the file loaded.
        self.loaded.try_update(|loaded| loaded.insert(tool, detail));
    }

    /// The full tool, tracked: a split catalog's tool may still be loading.
    pub fn get(&self, state: ComparisonState, tool: ToolRef) -> ToolEntry {
        let whole = state.catalog.with_value(|c| (!c.has_tool_files()).then(|| Arc::new(c.tool(tool).clone())));
        match whole {
            Some(tool) => Loadable::Ready(tool),
            None => self.loaded.with(|loaded| loaded.get(&tool).cloned().unwrap_or(Loadable::Loading)),
        }
    }

    /// Forgets the pair's failed tool files, so that they are fetched again.
    pub fn forget_failures(&self, pair: Pair) {
        self.loaded.update(|loaded| {
            loaded.retain(|tool, detail| {
                !(matches!(detail, Loadable::Failed(_)) && (*tool == pair.a || *tool == pair.b))
            });
        });
    }
}
