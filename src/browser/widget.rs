//! The live widget's root: shows its catalog session's loading or failure
//! (with "Try again"), and once loaded sets up the comparison's state, its
//! votes in this browser and (on the standalone page) the address bar.

use std::sync::Arc;

use compare_domain::labels::Labels;
use compare_domain::ValidCatalog;
use leptos::prelude::*;
#[cfg(shards)]
use leptos::task::spawn_local;

use crate::browser::config::WidgetConfig;
use crate::browser::page_url::RequestedPair;
use crate::browser::session;
#[cfg(shards)]
use crate::browser::shard_files;
use crate::browser::{page_url, share, tool_files, vote_storage};
use crate::ui::comparison::Comparison;
use crate::ui::fetch_failure::{CatalogFile, FetchFailure, Reason};
use crate::ui::ids::instance_prefix;
use crate::ui::loadable::Loadable;
use crate::ui::state::ComparisonState;
use crate::ui::status::{Failure, Loading};
use crate::ui::tool_details::ToolDetails;
use crate::ui::votes::VoteState;

#[component]
pub fn Widget(config: WidgetConfig) -> impl IntoView {
    let theme = config.theme.clone();
    let catalog_url = page_url::absolute_url(&config.catalog_url);
    provide_context(share::hooks(&config.widget_url, &catalog_url));
    let (body, catalog_texts) = match config.refused_origin.clone() {
        Some(origin) => {
            let failure = FetchFailure {
                file: CatalogFile::Catalog,
                url: config.catalog_url.clone(),
                reason: Reason::Refused { origin },
            };
            let labels = Labels::default();
            (view! { <Failure failure labels retry=Callback::new(|()| {}) /> }.into_any(), Signal::stored(None))
        }
        None => {
            let session = session::open(&catalog_url);
            let load = session.load.clone();
            // The card speaks its catalog's language (for screen readers,
            // hyphens and quotes), whatever the host page's is.
            // With the texts embed.js says by itself (if the widget stops).
            let catalog_texts = {
                let load = load.clone();
                Signal::derive(move || {
                    load.with(|load| match load {
                        Loadable::Ready(catalog) => {
                            let catalog = catalog.catalog();
                            Some((catalog.language.clone(), catalog.labels.script_messages()))
                        }
                        _ => None,
                    })
                })
            };
            let tool_files = session.tool_files.clone();
            // Held as long as this widget lives, with the other widgets of
            // the catalog; the last one to leave releases it.
            let session = StoredValue::new_local(session);
            let details = ToolDetails::over(tool_files);
            #[cfg(shards)]
            let load =
                shard_files::with_requested_tools(load, requested_ids(&config.requested), catalog_url.clone(), details);
            let body = (move || {
                match load.get() {
                    Loadable::Loading => view! { <Loading labels=Labels::default() /> }.into_any(),
                    Loadable::Ready(catalog) => {
                        let ballot = session.with_value(|s| s.ballot.clone());
                        let votes = vote_storage::widget_votes(ballot, catalog_url.clone());
                        view! { <LoadedWidget catalog catalog_url=catalog_url.clone() details votes config=config.clone() /> }.into_any()
                    }
                    Loadable::Failed(failure) => {
                        let retry = Callback::new(move |()| session.with_value(|s| s.start()));
                        // The catalog could not be read: its labels are unknown.
                        view! { <Failure failure labels=Labels::default() retry /> }.into_any()
                    }
                }
            })
            .into_any();
            (body, catalog_texts)
        }
    };
    view! {
        <div
            class="tcw"
            lang=move || catalog_texts.get().and_then(|(language, _)| language)
            data-theme=move || theme.get().as_str()
            data-tc-messages=move || catalog_texts.get().map(|(_, messages)| messages)
        >
            {body}
        </div>
    }
}

#[component]
fn LoadedWidget(
    catalog: Arc<ValidCatalog>,
    catalog_url: String,
    details: ToolDetails,
    votes: VoteState,
    config: WidgetConfig,
) -> impl IntoView {
    let resolved = config.requested.with_untracked(|(a, b)| catalog.resolve_pair(a.as_deref(), b.as_deref()));
    let state = ComparisonState {
        catalog: StoredValue::new(catalog),
        pair: RwSignal::new(resolved.pair),
        notice: RwSignal::new(resolved.notice),
        id_prefix: StoredValue::new(instance_prefix()),
        catalog_url: StoredValue::new(catalog_url.clone()),
    };
    provide_context(state);
    provide_context(votes);
    #[cfg(shards)]
    if state.catalog.with_value(|c| c.is_sharded()) {
        let fetch = use_context::<crate::ui::page_hooks::PageHooks>().map(|hooks| hooks.fetch_names);
        provide_context(crate::ui::name_index::NameIndex::for_widget(fetch));
    }
    #[cfg(shards)]
    if let Some(carried) = use_context::<shard_files::CarriedTools>() {
        shard_files::take_carried_tools(&carried, state, details);
    }
    tool_files::follow(details, state);
    provide_context(details);
    follow_requested_pair(state, config.requested.clone(), details);
    if config.owns_page_url {
        follow_page_url(state, config.requested.clone(), config.page_pair.clone());
    }
    if config.names_page_heading {
        Effect::new(move |_| {
            page_url::set_page_heading(&state.pair_title(state.pair.get()));
        });
    }
    view! { <Comparison curated_as_links=config.owns_page_url /> }
}

/// Shows the pair the page asks for whenever that changes after loading
/// (an embedding page's `data-a`/`data-b`, or back/forward); a sharded
/// catalog first meets the tools in their shards.
fn follow_requested_pair(state: ComparisonState, requested: ArcRwSignal<RequestedPair>, details: ToolDetails) {
    // Only a sharded catalog fetches a requested tool's full entry here.
    #[cfg(not(shards))]
    let _ = details;
    Effect::new(move |first_run_done: Option<()>| {
        let (a, b) = requested.get();
        if first_run_done.is_none() {
            return;
        }
        let show = move |a: Option<String>, b: Option<String>| {
            let resolved = state.catalog.with_value(|c| c.resolve_pair(a.as_deref(), b.as_deref()));
            state.notice.set(resolved.notice);
            state.pair.set(resolved.pair);
        };
        #[cfg(shards)]
        {
            let ids: Vec<String> = [&a, &b].into_iter().flatten().cloned().collect();
            let catalog = state.catalog.get_value();
            if catalog.is_sharded() && ids.iter().any(|id| catalog.find_tool(id).is_none()) {
                let learning = shard_files::learn_ids(catalog, state.catalog_url.get_value(), ids, details);
                spawn_local(async move {
                    // A shard that cannot be fetched leaves its tool
                    // unknown, and the notice says the pair is not shown.
                    let _ = learning.await;
                    show(a, b);
                });
                return;
            }
        }
        show(a, b);
    });
}

#[cfg(shards)]
fn requested_ids(requested: &ArcRwSignal<RequestedPair>) -> Vec<String> {
    requested.with_untracked(|(a, b)| [a, b].into_iter().flatten().cloned().collect())
}

/// Keeps `?a=&b=` in the address bar and follows back/forward; the page
/// title names the pair, so history entries and tabs say what they show.
fn follow_page_url(state: ComparisonState, requested: ArcRwSignal<RequestedPair>, page_pair: RequestedPair) {
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
        requested.set(page_url::requested_pair(&page_url::params(), &page_pair));
    });
    on_cleanup(move || handle.remove());
}
