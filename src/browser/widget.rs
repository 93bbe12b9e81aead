//! The live widget's root: loads the catalog, shows loading or a failure
//! with "Try again", and once loaded sets up the comparison's state, its
//! votes in this browser and (on the standalone page) the address bar.

use std::sync::Arc;

use compare_domain::ValidCatalog;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::config::{RequestedPair, WidgetConfig};
use crate::browser::fetch::fetch_catalog;
use crate::browser::{page_url, tool_files, vote_storage};
use crate::ui::comparison::Comparison;
use crate::ui::ids::instance_prefix;
use crate::ui::state::ComparisonState;
use crate::ui::status::{Failure, FetchFailure, Loading};
use crate::ui::tool_details::ToolDetails;

#[derive(Clone)]
enum Load {
    Loading,
    Ready(Arc<ValidCatalog>),
    Failed(FetchFailure),
}

#[component]
pub fn Widget(config: WidgetConfig) -> impl IntoView {
    let load = RwSignal::new(Load::Loading);
    // Only the newest request may set the state, however the retries interleave.
    let generation = StoredValue::new(0_u64);
    let catalog_url = config.catalog_url.clone();
    let start = move || {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        load.set(Load::Loading);
        let url = catalog_url.clone();
        spawn_local(async move {
            let result = fetch_catalog(url).await;
            if generation.try_get_value() == Some(mine) {
                load.set(match result {
                    Ok(catalog) => Load::Ready(catalog),
                    Err(failure) => Load::Failed(failure),
                });
            }
        });
    };
    match &config.refused_origin {
        Some(origin) => load.set(Load::Failed(FetchFailure::Refused {
            url: config.catalog_url.clone(),
            origin: origin.clone(),
        })),
        None => start(),
    }
    let retry = StoredValue::new_local(start);

    let theme = config.theme.clone();
    view! {
        <div class="tcw" data-theme=move || theme.get().as_str()>
            {move || match load.get() {
                Load::Loading => view! { <Loading /> }.into_any(),
                Load::Ready(catalog) => {
                    view! { <LoadedWidget catalog config=config.clone() /> }.into_any()
                }
                Load::Failed(failure) => {
                    view! { <Failure failure retry=move || retry.with_value(|start| start()) /> }
                        .into_any()
                }
            }}
        </div>
    }
}

#[component]
fn LoadedWidget(catalog: Arc<ValidCatalog>, config: WidgetConfig) -> impl IntoView {
    let catalog_url = page_url::absolute_url(&config.catalog_url);
    let resolved = config.requested.with_untracked(|(a, b)| catalog.resolve_pair(a.as_deref(), b.as_deref()));
    let state = ComparisonState {
        catalog: StoredValue::new(catalog),
        pair: RwSignal::new(resolved.pair),
        notice: RwSignal::new(resolved.notice),
        id_prefix: StoredValue::new(instance_prefix()),
        catalog_url: StoredValue::new(catalog_url.clone()),
    };
    provide_context(state);
    provide_context(vote_storage::open_votes(catalog_url));
    let details = ToolDetails::new();
    tool_files::follow(details, state);
    provide_context(details);
    follow_requested_pair(state, config.requested.clone());
    if config.owns_page_url {
        follow_page_url(state, config.requested.clone());
    }
    view! { <Comparison curated_as_links=config.owns_page_url /> }
}

/// Shows the pair the page asks for whenever that changes after loading
/// (an embedding page's `data-a`/`data-b`, or back/forward).
fn follow_requested_pair(state: ComparisonState, requested: ArcRwSignal<RequestedPair>) {
    Effect::new(move |first_run_done: Option<()>| {
        let resolved = requested
            .with(|(a, b)| state.catalog.with_value(|c| c.resolve_pair(a.as_deref(), b.as_deref())));
        if first_run_done.is_some() {
            state.notice.set(resolved.notice);
            state.pair.set(resolved.pair);
        }
    });
}

/// Keeps `?a=&b=` in the address bar and follows back/forward; the page
/// title names the pair, so history entries and tabs say what they show.
fn follow_page_url(state: ComparisonState, requested: ArcRwSignal<RequestedPair>) {
    let site_title = page_url::site_title();
    Effect::new(move |first_run_done: Option<()>| {
        let pair = state.pair.get();
        document().set_title(&state.page_title(pair, &site_title));
        if first_run_done.is_some() {
            let (a, b) = state.catalog.with_value(|c| (c.tool(pair.a).id.clone(), c.tool(pair.b).id.clone()));
            page_url::push_pair(&a, &b);
        }
    });
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        let params = page_url::params();
        requested.set((params.get("a"), params.get("b")));
    });
    on_cleanup(move || handle.remove());
}
