//! Fetching the tool files of a split catalog (`tool_details`), or the
//! tool shards of a sharded one, for the tools on the card.

use std::future::Future;
use std::sync::Arc;

use compare_domain::{Pair, Tool, ToolRef};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::fetch::fetch_text;
use crate::ui::fetch_failure::{CatalogFile, FetchFailure, Reason};
use crate::ui::loadable::Loadable;
use crate::ui::state::ComparisonState;
use crate::ui::tool_details::ToolDetails;

/// Starts fetching the card's tools at once (while the card is drawn), and
/// again whenever the pair changes.
pub fn follow(details: ToolDetails, state: ComparisonState) {
    if state.catalog.with_value(|c| c.has_tool_files()) {
        request(details, state, state.pair.get_untracked());
        Effect::new(move |_| request(details, state, state.pair.get()));
    }
}

/// Fetches whichever of the pair's tools is neither loaded nor loading.
pub fn request(details: ToolDetails, state: ComparisonState, pair: Pair) {
    for tool in [pair.a, pair.b] {
        let needed = details
            .loaded
            .with_untracked(|loaded| !matches!(loaded.get(&tool), Some(Loadable::Ready(_) | Loadable::Loading)));
        if !needed {
            continue;
        }
        details.set(tool, Loadable::Loading);
        let fetched = fetch_tool(state, tool);
        spawn_local(async move {
            details.set(tool, fetched.await.map(Arc::new).into());
        });
    }
}

/// Sends the tool's request now; the result is read when awaited.
fn fetch_tool(state: ComparisonState, tool: ToolRef) -> impl Future<Output = Result<Tool, FetchFailure>> {
    let catalog = state.catalog.get_value();
    let relative = catalog.tool_details_url(tool).unwrap_or_default();
    // Relative to the catalog, wherever the page that shows it lives.
    let url =
        web_sys::Url::new_with_base(&relative, &state.catalog_url.get_value()).map(|u| u.href()).unwrap_or(relative);
    let file = CatalogFile::Tool { name: catalog.tool(tool).name.clone() };
    let text = fetch_text(&url, file.clone());
    async move {
        let text = text.await?;
        catalog.load_tool_details(tool, &text).map_err(|error| FetchFailure {
            file,
            url,
            reason: Reason::Unusable(error),
        })
    }
}
