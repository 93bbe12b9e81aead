//! The reviewer scorecard (one row per reviewer, quotes that expand in
//! place) and the reviewer split.

use std::collections::HashSet;

use compare_domain::stats::{reviewer_split, scorecard, Split};
use compare_domain::text::teaser;
use std::sync::Arc;

use compare_domain::{Review, Tool, Verdict};
use leptos::prelude::*;

use crate::ui::prerender_mode::{waiting, PRERENDERING};
use crate::ui::state::ComparisonState;

/// Characters of a quote shown while it is collapsed.
const TEASER_CHARS: usize = 150;

/// A quote on the card: its scorecard row and side (0 = first tool).
pub type QuoteKey = (usize, usize);

/// The quotes a reader had expanded on the pre-rendered card that the live
/// card takes over; provided by context for the first card only.
#[derive(Clone, Default)]
pub struct ExpandedAtStart(pub HashSet<QuoteKey>);

/// `data-tc-key` of a quote's disclosure, the same in both renderings so
/// that expanded quotes and focus survive the hand-over.
pub fn quote_key_attr((row, side): QuoteKey) -> String {
    format!("quote-{row}-{side}")
}

#[component]
pub fn Scorecard(a: Arc<Tool>, b: Arc<Tool>) -> impl IntoView {
    let state = expect_context::<ComparisonState>();
    // Taken once: a later card (another pair) starts collapsed.
    let at_start = use_context::<StoredValue<ExpandedAtStart>>()
        .map(|stored| stored.try_update_value(std::mem::take).unwrap_or_default())
        .unwrap_or_default();
    let expanded = RwSignal::new(at_start.0);

    state.catalog.with_value(|catalog| {
        let rows = scorecard(&catalog.catalog().reviewers, &a, &b);
        let names = [a.name.clone(), b.name.clone()];
        // Only quotes long enough to have a teaser can expand.
        let expandable: Vec<QuoteKey> = rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| [(r, 0, row.a), (r, 1, row.b)])
            .filter(|(_, _, review)| review.is_some_and(|rv| teaser(&rv.quote, TEASER_CHARS).is_some()))
            .map(|(r, side, _)| (r, side))
            .collect();
        let has_expandable = !expandable.is_empty();
        let all_open = {
            let expandable = expandable.clone();
            move || expanded.with(|open| expandable.iter().all(|key| open.contains(key)))
        };
        let toggle_all = {
            let all_open = all_open.clone();
            move |_| {
                let target = if all_open() { HashSet::new() } else { expandable.iter().copied().collect() };
                expanded.set(target);
            }
        };

        let body = if rows.is_empty() {
            view! { <p class="tcw-empty">{state.label(|l| l.no_reviews())}</p> }.into_any()
        } else {
            let rows_view = rows
                .iter()
                .enumerate()
                .map(|(r, row)| {
                    let cells = [row.a, row.b]
                        .into_iter()
                        .enumerate()
                        .map(|(side, review)| quote_cell(state, (r, side), &names[side], review, expanded))
                        .collect_view();
                    let lens = row.reviewer.lens.clone();
                    view! {
                        <li class="tcw-row">
                            <p class="tcw-reviewer">
                                <span class="tcw-reviewer-name">{row.reviewer.name.clone()}</span>
                                {(!lens.is_empty()).then(|| view! { <span class="tcw-lens">{lens}</span> })}
                            </p>
                            <div class="tcw-cells">{cells}</div>
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="tcw-rows">{rows_view}</ul> }.into_any()
        };

        view! {
            <section class="tcw-scorecard">
                <div class="tcw-section-head">
                    <h3>{state.label(|l| l.scorecard())}</h3>
                    {has_expandable
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="tcw-button tcw-small"
                                    data-tc-key="expand-all"
                                    {..waiting(state)}
                                    on:click=toggle_all
                                >
                                    {move || state.label(|l| if all_open() { l.collapse_all() } else { l.expand_all() })}
                                </button>
                            }
                        })}
                </div>
                {body}
            </section>
        }
    })
}

fn quote_cell(
    state: ComparisonState,
    key: QuoteKey,
    tool_name: &str,
    review: Option<&Review>,
    expanded: RwSignal<HashSet<QuoteKey>>,
) -> impl IntoView {
    let Some(review) = review else {
        let head = cell_head("tcw-badge tcw-badge-none", state.label(|l| l.not_reviewed()), tool_name);
        return view! { <div class="tcw-cell">{head}</div> }.into_any();
    };
    let (badge_class, badge_text) = match review.verdict() {
        Some(Verdict::Ship) => ("tcw-badge tcw-badge-ship", state.label(|l| l.ship())),
        _ => ("tcw-badge tcw-badge-skip", state.label(|l| l.skip())),
    };
    let quote_id = state.id(&format!("quote-{}-{}", key.0, key.1));
    let full = review.quote.clone();
    let short = teaser(&full, TEASER_CHARS);
    let is_open = move || expanded.with(|open| open.contains(&key));
    let text = {
        let (full, short) = (full.clone(), short.clone());
        move || match (&short, is_open()) {
            (Some(short), false) => short.clone(),
            _ => full.clone(),
        }
    };
    let head = cell_head(badge_class, badge_text, tool_name);
    if PRERENDERING {
        return static_quote(state, key, head, full, short).into_any();
    }
    let toggle = short.is_some().then(|| {
        view! {
            <button
                type="button"
                class="tcw-disclosure"
                data-tc-key=quote_key_attr(key)
                aria-expanded=move || if is_open() { "true" } else { "false" }
                aria-controls=quote_id.clone()
                on:click=move |_| {
                    expanded.update(|open| {
                        if !open.remove(&key) {
                            open.insert(key);
                        }
                    })
                }
            >
                {move || state.label(|l| if is_open() { l.show_less() } else { l.read_full_quote() })}
            </button>
        }
    });
    view! {
        <div class="tcw-cell">
            {head}
            {(!full.is_empty())
                .then(|| {
                    view! {
                        <blockquote id=quote_id class="tcw-quote">
                            <p>{text}</p>
                        </blockquote>
                    }
                })}
            {toggle}
        </div>
    }
    .into_any()
}

/// A cell's verdict badge and the tool it is about.
fn cell_head(badge_class: &'static str, badge_text: String, tool_name: &str) -> impl IntoView {
    view! {
        <p class="tcw-cell-head">
            <span class=badge_class>{badge_text}</span>
            <span class="tcw-cell-tool">{tool_name.to_string()}</span>
        </p>
    }
}

/// A quote of the pre-rendered card: the teaser, and the full quote in a
/// native `<details>` that works without script. The style sheet hides the
/// teaser while the details are open and puts the summary under the quote,
/// where the live card has its disclosure button.
fn static_quote(
    state: ComparisonState,
    key: QuoteKey,
    head: impl IntoView,
    full: String,
    short: Option<String>,
) -> impl IntoView {
    let quote = move |text: String, class: &'static str| {
        (!text.is_empty()).then(|| view! { <blockquote class=class><p>{text}</p></blockquote> })
    };
    let body = match short {
        None => quote(full, "tcw-quote").into_any(),
        Some(short) => view! {
            {quote(short, "tcw-quote tcw-teaser")}
            <details class="tcw-more" data-tc-key=quote_key_attr(key)>
                <summary class="tcw-disclosure">
                    <span class="tcw-when-closed">{state.label(|l| l.read_full_quote())}</span>
                    <span class="tcw-when-open">{state.label(|l| l.show_less())}</span>
                </summary>
                {quote(full, "tcw-quote")}
            </details>
        }
        .into_any(),
    };
    view! {
        <div class="tcw-cell">
            {head}
            {body}
        </div>
    }
}

#[component]
pub fn ReviewerSplit(a: Arc<Tool>, b: Arc<Tool>) -> impl IntoView {
    let state = expect_context::<ComparisonState>();
    state.catalog.with_value(|catalog| {
        let rows = scorecard(&catalog.catalog().reviewers, &a, &b);
        let (a, b) = (&a.name, &b.name);
        let labels = &catalog.catalog().labels;
        let body = match reviewer_split(&rows) {
            Split::NoCommonReviewer => view! { <p>{labels.no_common_reviewer().to_string()}</p> }.into_any(),
            Split::Agreement(1) => view! { <p>{labels.one_agrees().to_string()}</p> }.into_any(),
            Split::Agreement(n) => {
                view! { <p>{labels.fill(labels.all_agree(), &[("count", &n.to_string())])}</p> }.into_any()
            }
            Split::Disagreements(split) => view! {
                <ul class="tcw-split">
                    {split.iter().map(|d| view! { <li>{d.sentence(labels, a, b)}</li> }).collect_view()}
                </ul>
            }
            .into_any(),
        };
        view! {
            <section class="tcw-split-section">
                <h3>{labels.split().to_string()}</h3>
                {body}
            </section>
        }
    })
}
