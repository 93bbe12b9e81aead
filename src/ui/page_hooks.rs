//! What the page around the components decides, given to them by context:
//! the browser's widget and the pre-render each provide their own, so the
//! components never name either.

use std::sync::Arc;

use compare_domain::Pair;

#[cfg(shards)]
use crate::ui::fetch_failure::FetchFailure;
#[cfg(shards)]
use crate::ui::name_index::FetchNames;
use crate::ui::state::ComparisonState;
use crate::ui::tool_details::ToolDetails;
#[cfg(shards)]
use leptos::prelude::Callback;

/// Fetches the list of a sharded catalog's curated pairs and makes it the
/// catalog's, then says how that went.
#[cfg(shards)]
pub type FetchCurated = Arc<dyn Fn(ComparisonState, Callback<Result<(), FetchFailure>>) + Send + Sync>;

/// Makes the address of a pair from its two tool ids.
pub type PairHref = Arc<dyn Fn(&str, &str) -> String + Send + Sync>;

#[derive(Clone)]
pub struct PageHooks {
    /// The address of a curated pair (tool ids) where curated pairs are
    /// links: the live page's own address naming the pair, or a
    /// pre-rendered page's neighbour.
    pub pair_href: PairHref,
    /// Called once a complete card (`true`) or a failure (`false`) is in
    /// the document.
    pub shown: Arc<dyn Fn(bool) + Send + Sync>,
    /// Fetches the pair's tool files that are neither loaded nor loading.
    pub fetch_tools: Arc<dyn Fn(ToolDetails, ComparisonState, Pair) + Send + Sync>,
    /// Fetches a file of a sharded catalog's name index for the pickers.
    #[cfg(shards)]
    pub fetch_names: FetchNames,
    #[cfg(shards)]
    pub fetch_curated: FetchCurated,
}
