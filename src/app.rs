//! The widget root: loading the catalog, failure with "Try again", and the
//! loaded comparison with its controls.

use std::sync::Arc;

use compare_domain::{LoadError, ValidCatalog};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::card::Card;
use crate::config::{RequestedPair, WidgetConfig};
use crate::fetch::{fetch_catalog, FetchFailure};
use crate::ids::instance_prefix;
use crate::page_url;
use crate::picker::Picker;
use crate::state::{ComparisonState, Side};
use crate::tool_details::ToolDetails;
use crate::votes::{absolute_url, VoteState};

const STYLE: &str = include_str!("../style/widget.css");

/// Curated pairs listed before "Show all".
const CURATED_SHOWN: usize = 8;

/// How many validation problems the widget lists before "and N more".
const PROBLEMS_SHOWN: usize = 5;

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
    start();
    let retry = StoredValue::new_local(start);

    let theme = config.theme.clone();
    view! {
        <div class="tcw" data-theme=move || theme.get().as_str()>
            <style>{STYLE}</style>
            {move || match load.get() {
                Load::Loading => view! { <Loading /> }.into_any(),
                Load::Ready(catalog) => {
                    view! { <Comparison catalog config=config.clone() /> }.into_any()
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
pub fn Loading() -> impl IntoView {
    view! {
        <div class="tcw-loading" aria-busy="true">
            <p role="status">"Loading the comparison…"</p>
        </div>
    }
}

#[component]
pub fn Failure(failure: FetchFailure, retry: impl Fn() + 'static) -> impl IntoView {
    let problems = match &failure {
        FetchFailure::Catalog { error: LoadError::Invalid(problems), .. } => problems.clone(),
        _ => Vec::new(),
    };
    let hidden = problems.len().saturating_sub(PROBLEMS_SHOWN);
    view! {
        <div class="tcw-failure" role="alert">
            <p class="tcw-failure-title">"The comparison could not be shown"</p>
            <p class="tcw-failure-message">{failure.to_string()}</p>
            {(!problems.is_empty())
                .then(|| {
                    view! {
                        <ul class="tcw-problems">
                            {problems
                                .into_iter()
                                .take(PROBLEMS_SHOWN)
                                .map(|problem| {
                                    view! {
                                        <li>
                                            <code>{problem.path}</code>
                                            ": "
                                            {problem.message}
                                        </li>
                                    }
                                })
                                .collect_view()}
                            {(hidden > 0).then(|| view! { <li>"…and " {hidden} " more"</li> })}
                        </ul>
                    }
                })}
            <button type="button" class="tcw-button" on:click=move |_| retry()>
                "Try again"
            </button>
        </div>
    }
}

#[component]
fn Comparison(catalog: Arc<ValidCatalog>, config: WidgetConfig) -> impl IntoView {
    let resolved = config.requested.with_untracked(|(a, b)| catalog.resolve_pair(a.as_deref(), b.as_deref()));
    let state = ComparisonState {
        catalog: StoredValue::new(catalog),
        pair: RwSignal::new(resolved.pair),
        notice: RwSignal::new(resolved.notice),
        id_prefix: StoredValue::new(instance_prefix()),
        catalog_url: StoredValue::new(absolute_url(&config.catalog_url)),
    };
    provide_context(state);
    provide_context(VoteState::open(state.catalog_url.get_value()));
    provide_context(ToolDetails::follow(state));
    follow_requested_pair(state, config.requested.clone());
    if config.owns_page_url {
        follow_page_url(state, config.requested.clone());
    }
    let curated = state.catalog.with_value(|c| c.curated_pairs());
    // A catalog may curate hundreds of pairs; the rest wait behind a button.
    let hidden_curated = curated.len().saturating_sub(CURATED_SHOWN);
    let show_all_curated = RwSignal::new(false);
    let announcement = pair_announcements(state);
    let owns_page_url = config.owns_page_url;

    view! {
        <div class="tcw-controls">
            <div class="tcw-pickers">
                <Picker label=state.label(|l| l.first_tool()) side=Side::A />
                <button
                    type="button"
                    class="tcw-button tcw-swap"
                    on:click=move |_| state.choose_pair(state.pair.get_untracked().swapped())
                >
                    <span aria-hidden="true">"⇄ "</span>
                    {state.label(|l| l.swap_tools())}
                </button>
                <Picker label=state.label(|l| l.second_tool()) side=Side::B />
            </div>
            {(!curated.is_empty())
                .then(|| {
                    view! {
                        <div class="tcw-curated" role="group" aria-label=state.label(|l| l.curated_comparisons())>
                            <span class="tcw-curated-label">{state.label(|l| l.curated())}</span>
                            <ul>
                                {curated
                                    .iter()
                                    .take(CURATED_SHOWN)
                                    .map(|&pair| view! { <li>{curated_link(state, pair, owns_page_url)}</li> })
                                    .collect_view()}
                                {move || {
                                    show_all_curated
                                        .get()
                                        .then(|| {
                                            curated
                                                .iter()
                                                .skip(CURATED_SHOWN)
                                                .map(|&pair| view! { <li>{curated_link(state, pair, owns_page_url)}</li> })
                                                .collect_view()
                                        })
                                }}
                            </ul>
                            {(hidden_curated > 0)
                                .then(|| {
                                    view! {
                                        <button
                                            type="button"
                                            class="tcw-linklike"
                                            hidden=move || show_all_curated.get()
                                            on:click=move |_| show_all_curated.set(true)
                                        >
                                            {state.fill(|l| l.show_all_curated(), &[("count", &(hidden_curated + CURATED_SHOWN).to_string())])}
                                        </button>
                                    }
                                })}
                        </div>
                    }
                })}
        </div>
        {move || {
            state.notice.get().map(|notice| view! { <p class="tcw-notice" role="status">{notice}</p> })
        }}
        <p class="tcw-visually-hidden" aria-live="polite">
            {move || announcement.get()}
        </p>
        <Card />
        <CallToAction />
    }
}

/// What screen readers hear when the pair changes (not when the card first
/// shows): "Now comparing A and B."
fn pair_announcements(state: ComparisonState) -> RwSignal<String> {
    let announcement = RwSignal::new(String::new());
    Effect::new(move |first_run_done: Option<()>| {
        let pair = state.pair.get();
        if first_run_done.is_some() {
            let (a, b) = (state.tool_name(pair.a), state.tool_name(pair.b));
            announcement.set(state.fill(|l| l.now_comparing(), &[("a", &a), ("b", &b)]));
        }
    });
    announcement
}

/// A curated pair: a real link on the standalone page (it can be opened in
/// a new tab), a button inside someone else's page.
fn curated_link(state: ComparisonState, pair: compare_domain::Pair, as_link: bool) -> AnyView {
    let label = state.fill(|l| l.pair_title(), &[("a", &state.tool_name(pair.a)), ("b", &state.tool_name(pair.b))]);
    let current = move || {
        let shown = state.pair.get();
        shown == pair || shown == pair.swapped()
    };
    if as_link {
        let (a, b) = state.catalog.with_value(|c| (c.tool(pair.a).id.clone(), c.tool(pair.b).id.clone()));
        view! {
            <a
                href=page_url::query_for_pair(&a, &b)
                aria-current=move || current().then_some("true")
                on:click=move |ev| {
                    let plain = !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
                    if plain && ev.button() == 0 {
                        ev.prevent_default();
                        state.choose_pair(pair);
                    }
                }
            >
                {label}
            </a>
        }
        .into_any()
    } else {
        view! {
            <button
                type="button"
                class="tcw-linklike"
                aria-pressed=move || if current() { "true" } else { "false" }
                on:click=move |_| state.choose_pair(pair)
            >
                {label}
            </button>
        }
        .into_any()
    }
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
    let site_title = document().title();
    Effect::new(move |first_run_done: Option<()>| {
        let pair = state.pair.get();
        let (a, b, title) = state.catalog.with_value(|c| {
            let (a, b) = (c.tool(pair.a), c.tool(pair.b));
            (a.id.clone(), b.id.clone(), format!("{} vs {} · {site_title}", a.name, b.name))
        });
        document().set_title(&title);
        if first_run_done.is_some() {
            page_url::push_pair(&a, &b);
        }
    });
    let handle = window_event_listener(leptos::ev::popstate, move |_| {
        let params = page_url::params();
        requested.set((params.get("a"), params.get("b")));
    });
    on_cleanup(move || handle.remove());
}

#[component]
fn CallToAction() -> impl IntoView {
    let state = expect_context::<ComparisonState>();
    state.catalog.with_value(|c| c.catalog().cta.clone()).map(|cta| {
        view! {
            <div class="tcw-cta">
                {(!cta.kicker.is_empty()).then(|| view! { <p class="tcw-kicker">{cta.kicker}</p> })}
                <p class="tcw-cta-link">
                    <a href=cta.link rel="noopener noreferrer" target="_blank">
                        {cta.text}
                    </a>
                </p>
                {(!cta.blurb.is_empty()).then(|| view! { <p class="tcw-cta-blurb">{cta.blurb}</p> })}
            </div>
        }
    })
}
