//! Split catalogs (`tool_details`): each tool's full entry, reviews
//! included, lives in its own file and is fetched when the tool is first on
//! the card. Whole catalogs hand out their tools directly.

use std::collections::HashMap;
use std::sync::Arc;

use compare_domain::{Pair, Tool, ToolRef};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::fetch::{fetch_text, FetchFailure};
use crate::state::ComparisonState;

#[derive(Clone)]
pub enum Detail {
    Loading,
    Ready(Arc<Tool>),
    Failed(FetchFailure),
}

/// The fetched tool files of one widget, by tool.
#[derive(Clone, Copy)]
pub struct ToolDetails {
    loaded: RwSignal<HashMap<ToolRef, Detail>>,
}

impl ToolDetails {
    /// Starts fetching the card's tools whenever the pair changes.
    pub fn follow(state: ComparisonState) -> ToolDetails {
        let details = ToolDetails { loaded: RwSignal::new(HashMap::new()) };
        if state.catalog.with_value(|c| c.catalog().tool_details.is_some()) {
            Effect::new(move |_| details.request(state, state.pair.get()));
        }
        details
    }

    /// The full tool, tracked: a split catalog's tool may still be loading.
    pub fn get(&self, state: ComparisonState, tool: ToolRef) -> Detail {
        let whole = state.catalog.with_value(|c| {
            c.catalog().tool_details.is_none().then(|| Arc::new(c.tool(tool).clone()))
        });
        match whole {
            Some(tool) => Detail::Ready(tool),
            None => self.loaded.with(|loaded| loaded.get(&tool).cloned().unwrap_or(Detail::Loading)),
        }
    }

    /// "Try again" after a tool file failed: forget the failures, fetch again.
    pub fn retry(&self, state: ComparisonState, pair: Pair) {
        self.loaded.update(|loaded| {
            loaded.retain(|tool, detail| !(matches!(detail, Detail::Failed(_)) && (*tool == pair.a || *tool == pair.b)));
        });
        self.request(state, pair);
    }

    /// Fetches whichever of the pair's tools is neither loaded nor loading.
    pub fn request(&self, state: ComparisonState, pair: Pair) {
        for tool in [pair.a, pair.b] {
            let needed = self.loaded.with_untracked(|loaded| {
                !matches!(loaded.get(&tool), Some(Detail::Ready(_) | Detail::Loading))
            });
            if !needed {
                continue;
            }
            self.loaded.update(|loaded| {
                loaded.insert(tool, Detail::Loading);
            });
            let loaded = self.loaded;
            spawn_local(async move {
                let detail = match fetch_tool(state, tool).await {
                    Ok(full) => Detail::Ready(Arc::new(full)),
                    Err(failure) => Detail::Failed(failure),
                };
                // The widget may have been unmounted while the file loaded.
                loaded.try_update(|loaded| loaded.insert(tool, detail));
            });
        }
    }
}

async fn fetch_tool(state: ComparisonState, tool: ToolRef) -> Result<Tool, FetchFailure> {
    let catalog = state.catalog.get_value();
    let relative = catalog.tool_details_url(tool).unwrap_or_default();
    // Relative to the catalog, wherever the page that shows it lives.
    let url = web_sys::Url::new_with_base(&relative, &state.catalog_url.get_value())
        .map(|u| u.href())
        .unwrap_or(relative);
    let text = fetch_text(&url).await?;
    catalog.load_tool_details(tool, &text).map_err(|error| FetchFailure::Catalog { url, error })
}
