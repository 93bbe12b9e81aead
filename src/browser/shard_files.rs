//! Fetching a sharded catalog's files (`compare_domain::shards`): the
//! name index for the pickers, and the tool shards of the tools a page asks
//! for by id before the catalog has met them; and taking the tools a
//! pre-rendered card carries, so that its card needs no shard.

use std::sync::Arc;

use compare_domain::shards::{name_shard_file, tool_shard_file, tool_shard_of, CURATED_FILE, NAME_TABLE_FILE};
use compare_domain::ValidCatalog;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::fetch::fetch_text;
use crate::browser::session::Load;
use crate::ui::fetch_failure::{CatalogFile, FetchFailure, Reason};
use crate::ui::loadable::Loadable;
use crate::ui::name_index::{Fetched, NameFile, NameIndex};
use crate::ui::state::ComparisonState;
use crate::ui::tool_details::ToolDetails;

/// A file beside the catalog, as an absolute URL.
fn beside_catalog(relative: &str, catalog_url: &str) -> String {
    web_sys::Url::new_with_base(relative, catalog_url).map(|u| u.href()).unwrap_or_else(|_| relative.to_string())
}

/// Fetches a file of the name index for a picker (`PageHooks::fetch_names`).
pub fn request_names(index: NameIndex, state: ComparisonState, file: NameFile) {
    let catalog = state.catalog.get_value();
    let relative = match &file {
        NameFile::Table => NAME_TABLE_FILE.to_string(),
        NameFile::Shard(n) => name_shard_file(*n),
    };
    let url = beside_catalog(&relative, &state.catalog_url.get_value());
    let text = fetch_text(&url, CatalogFile::Catalog);
    // A shard is asked for once the table is here: it says what it holds.
    let table = index.table();
    spawn_local(async move {
        let read = text.await.and_then(|text| {
            let fetched = match (&file, table.as_deref()) {
                (NameFile::Table, _) => catalog.read_name_table(&text).map(Fetched::Table),
                (NameFile::Shard(n), Some(Fetched::Table(table))) => {
                    catalog.read_name_shard(table, *n, &text).map(Fetched::Shard)
                }
                (NameFile::Shard(_), _) => Err(compare_domain::LoadError::Invalid(Vec::new())),
            };
            fetched.map_err(|error| FetchFailure { file: CatalogFile::Catalog, url, reason: Reason::Unusable(error) })
        });
        index.set(file, read.map(Arc::new).into());
    });
}

/// Fetches the list of every curated pair (`PageHooks::fetch_curated`):
/// the catalog reads it for every widget of the page.
pub fn request_curated(state: ComparisonState, done: Callback<Result<(), FetchFailure>>) {
    let catalog = state.catalog.get_value();
    let url = beside_catalog(CURATED_FILE, &state.catalog_url.get_value());
    let text = fetch_text(&url, CatalogFile::Catalog);
    spawn_local(async move {
        let read = text.await.and_then(|text| {
            catalog.read_curated_list(&text).map_err(|error| FetchFailure {
                file: CatalogFile::Catalog,
                url,
                reason: Reason::Unusable(error),
            })
        });
        done.run(read);
    });
}

/// The tools a sharded catalog's pre-rendered card carries (each as a
/// shard of one tool), for the widget that takes the card over.
#[derive(Clone, Default)]
pub struct CarriedTools(pub Vec<String>);

/// Takes the card's tools from the pre-rendered card, which the build drew
/// for that pair, instead of fetching two shards of ~128 KB. A carried tool
/// that does not fit (another pair shown, another build) is left, and its
/// shard fetched as usual.
pub fn take_carried_tools(carried: &CarriedTools, state: ComparisonState, details: ToolDetails) {
    let catalog = state.catalog.get_value();
    if !catalog.is_sharded() {
        return;
    }
    let pair = state.pair.get_untracked();
    for tool in [pair.a, pair.b] {
        if let Some(full) = carried.0.iter().find_map(|text| catalog.load_tool_details(tool, text).ok()) {
            details.set(tool, Loadable::Ready(Arc::new(full)));
        }
    }
}

/// Makes the requested tools that a pre-rendered card carries known to the
/// catalog (a curated pair beyond the manifest's), so that they need no
/// shard.
fn learn_carried(catalog: &ValidCatalog, carried: &CarriedTools, requested: &[String]) {
    for id in requested.iter().filter(|id| catalog.find_tool(id).is_none()) {
        let tool = carried.0.iter().find_map(|text| {
            let shard = catalog.read_tool_shard(id, text).ok()?;
            shard.tools.into_iter().find(|tool| &tool.id == id)
        });
        if let Some(tool) = tool {
            catalog.learn(&tool);
        }
    }
}

/// Makes the tools `ids` names known to a sharded catalog, from their
/// shards (one fetch per shard), and keeps their full entries for the
/// card. An id its shard does not hold stays unknown: the pair falls back
/// with the usual notice.
pub async fn learn_ids(
    catalog: Arc<ValidCatalog>,
    catalog_url: String,
    ids: Vec<String>,
    details: ToolDetails,
) -> Result<(), FetchFailure> {
    let Some(shards) = catalog.catalog().shards.clone() else { return Ok(()) };
    let mut by_shard: Vec<(u32, Vec<String>)> = Vec::new();
    for id in ids.into_iter().filter(|id| catalog.find_tool(id).is_none()) {
        let shard = tool_shard_of(&id, shards.tool_shards);
        match by_shard.iter_mut().find(|(s, _)| *s == shard) {
            Some((_, wanted)) => wanted.push(id),
            None => by_shard.push((shard, vec![id])),
        }
    }
    // Every request goes out before the first answer is read.
    let requests: Vec<_> = by_shard
        .into_iter()
        .map(|(shard, wanted)| {
            let url = beside_catalog(&tool_shard_file(shard), &catalog_url);
            let file = CatalogFile::Tool { name: wanted.join(", ") };
            (fetch_text(&url, file.clone()), wanted, url, file)
        })
        .collect();
    for (text, wanted, url, file) in requests {
        let text = text.await?;
        let unusable = |error| FetchFailure { file: file.clone(), url: url.clone(), reason: Reason::Unusable(error) };
        let shard = catalog.read_tool_shard(&wanted[0], &text).map_err(unusable)?;
        for tool in shard.tools.iter().filter(|tool| wanted.contains(&tool.id)) {
            let Some(known) = catalog.learn(tool) else { continue };
            let full = catalog.load_tool_details(known, &text).map_err(unusable)?;
            details.set(known, Loadable::Ready(Arc::new(full)));
        }
    }
    Ok(())
}

/// The session's catalog as a widget asking for `requested` shows it: a
/// sharded catalog meets a deep link's tools in their shards before it can
/// tell whether they exist, so until then (or if a shard fails) the widget
/// is loading (or failed) as for the catalog itself, and "Try again"
/// reloads both.
pub fn with_requested_tools(
    load: ArcRwSignal<Load>,
    requested: Vec<String>,
    catalog_url: String,
    details: ToolDetails,
) -> Signal<Load> {
    let carried = use_context::<CarriedTools>().unwrap_or_default();
    let unmet = {
        let requested = requested.clone();
        move |catalog: &ValidCatalog| {
            if !catalog.is_sharded() {
                return false;
            }
            learn_carried(catalog, &carried, &requested);
            requested.iter().any(|id| catalog.find_tool(id).is_none())
        }
    };
    let learned = RwSignal::new(None::<Result<(), FetchFailure>>);
    {
        let (load, unmet) = (load.clone(), unmet.clone());
        Effect::new(move |_| {
            let Loadable::Ready(catalog) = load.get() else { return };
            if unmet(&catalog) {
                learned.set(None);
                let learning = learn_ids(catalog, catalog_url.clone(), requested.clone(), details);
                spawn_local(async move {
                    learned.try_set(Some(learning.await));
                });
            }
        });
    }
    Signal::derive(move || match load.get() {
        Loadable::Ready(catalog) if unmet(&catalog) => match learned.get() {
            None => Loadable::Loading,
            Some(Err(failure)) => Loadable::Failed(failure),
            Some(Ok(())) => Loadable::Ready(catalog),
        },
        other => other,
    })
}
