//! The loaded comparison: the controls (pickers, swap, curated pairs), the
//! notice, the card and the call to action. Its root (the browser's widget
//! or the pre-render) provides the state by context.

use compare_domain::shards::MANIFEST_CURATED;
use compare_domain::Pair;
use leptos::prelude::*;

use crate::ui::card::Card;
use crate::ui::cta::CallToAction;
use crate::ui::page_hooks::PageHooks;
use crate::ui::picker::Picker;
use crate::ui::prerender_mode::{waiting, WaitNote};
use crate::ui::share::Share;
use crate::ui::state::{ComparisonState, Side};

/// Curated pairs listed before "Show all": those a sharded catalog's
/// manifest lists.
const CURATED_SHOWN: usize = MANIFEST_CURATED;

/// `curated_as_links`: curated pairs are links (a standalone page, where
/// they can be opened in a new tab) rather than buttons (inside someone
/// else's page).
#[component]
pub fn Comparison(curated_as_links: bool) -> impl IntoView {
    let state = expect_context::<ComparisonState>();
    let (curated, total_curated) = state.catalog.with_value(|c| (c.curated_pairs(), c.curated_count()));
    // A catalog may curate hundreds of pairs; the rest wait behind a button
    // (and, in a sharded catalog, in a file of their own).
    let hidden_curated = total_curated.saturating_sub(CURATED_SHOWN);
    let show_all_curated = RwSignal::new(false);
    let listing = RwSignal::new(false);
    let show_all = show_all_action(state, show_all_curated, listing);
    let announcement = pair_announcements(state);
    let curated_item = move |(i, pair): (usize, Pair)| {
        view! { <li>{curated_link(state, i, pair, curated_as_links)}</li> }
    };

    view! {
        <WaitNote />
        <div class="tcw-controls">
            <div class="tcw-pickers">
                <Picker label=state.label(|l| l.first_tool()) side=Side::A />
                <button
                    type="button"
                    class="tcw-button tcw-swap"
                    data-tc-key="swap"
                    {..waiting(state)}
                    on:click=move |_| state.choose_pair(state.pair.get_untracked().swapped())
                >
                    <span aria-hidden="true">"⇄"</span>
                    <span class="tcw-swap-text">" " {state.label(|l| l.swap_tools())}</span>
                </button>
                <Picker label=state.label(|l| l.second_tool()) side=Side::B />
            </div>
            {(!curated.is_empty())
                .then(|| {
                    view! {
                        <div
                            class="tcw-curated"
                            class:tcw-needs-script=!curated_as_links
                            role="group"
                            aria-label=state.label(|l| l.curated_comparisons())
                        >
                            <span class="tcw-curated-label">{state.label(|l| l.curated())}</span>
                            <ul>
                                {curated.iter().copied().enumerate().take(CURATED_SHOWN).map(curated_item).collect_view()}
                                {move || {
                                    show_all_curated
                                        .get()
                                        .then(|| {
                                            let all = state.catalog.with_value(|c| c.curated_pairs());
                                            all.into_iter().enumerate().skip(CURATED_SHOWN).map(curated_item).collect_view()
                                        })
                                }}
                            </ul>
                            {(hidden_curated > 0)
                                .then(|| {
                                    view! {
                                        <button
                                            type="button"
                                            class="tcw-linklike"
                                            data-tc-key="show-all"
                                            {..waiting(state)}
                                            hidden=move || show_all_curated.get()
                                            aria-busy=move || listing.get().then_some("true")
                                            on:click=move |_| show_all()
                                        >
                                            {state.fill(|l| l.show_all_curated(), &[("count", &total_curated.to_string())])}
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
        <Share />
        <CallToAction />
    }
}

/// "Show all": shows every curated pair.
#[cfg(not(shards))]
fn show_all_action(_: ComparisonState, shown: RwSignal<bool>, _: RwSignal<bool>) -> impl Fn() + Copy {
    move || shown.set(true)
}

/// "Show all": shows every curated pair, once a sharded catalog has
/// fetched their list (`listing` meanwhile); a failure is the notice.
#[cfg(shards)]
fn show_all_action(state: ComparisonState, shown: RwSignal<bool>, listing: RwSignal<bool>) -> impl Fn() + Copy {
    use crate::ui::fetch_failure::FetchFailure;
    let fetch = StoredValue::new(use_context::<PageHooks>().map(|hooks| hooks.fetch_curated));
    move || {
        let listed = state.catalog.with_value(|c| c.curated_pairs().len() >= c.curated_count());
        let fetch = fetch.get_value();
        match fetch {
            Some(fetch) if !listed => {
                if listing.get_untracked() {
                    return;
                }
                listing.set(true);
                fetch(
                    state,
                    Callback::new(move |outcome: Result<(), FetchFailure>| {
                        listing.set(false);
                        match outcome {
                            Ok(()) => shown.set(true),
                            Err(failure) => {
                                let message = state.catalog.with_value(|c| failure.notice(&c.catalog().labels));
                                state.notice.set(Some(message));
                            }
                        }
                    }),
                );
            }
            _ => shown.set(true),
        }
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

fn curated_link(state: ComparisonState, index: usize, pair: Pair, as_link: bool) -> AnyView {
    let label = state.pair_title(pair);
    let key = format!("curated-{index}");
    let current = move || {
        let shown = state.pair.get();
        shown == pair || shown == pair.swapped()
    };
    if as_link {
        let (a, b) = state.catalog.with_value(|c| (c.tool(pair.a).id.clone(), c.tool(pair.b).id.clone()));
        let href = expect_context::<PageHooks>().pair_href;
        view! {
            <a
                href=href(&a, &b)
                data-tc-key=key
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
                data-tc-key=key
                aria-pressed=move || if current() { "true" } else { "false" }
                {..waiting(state)}
                on:click=move |_| state.choose_pair(pair)
            >
                {label}
            </button>
        }
        .into_any()
    }
}
