//! The comparison card: heading, verdict line, the two tools' facts, the
//! reviewer scorecard and split, and how the figures are counted.

use compare_domain::date::CalendarDate;
use compare_domain::labels::Labels;
use compare_domain::stats::{verdict_line, ShipShare};
use compare_domain::tally::Tally;
use compare_domain::{Pair, Tool, ValidCatalog};
use leptos::prelude::*;

use std::sync::Arc;

use crate::ui::loadable::Loadable;
use crate::ui::page_hooks::PageHooks;
use crate::ui::scorecard::{ReviewerSplit, Scorecard};
use crate::ui::state::ComparisonState;
use crate::ui::status::{Failure, Loading};
use crate::ui::tool_details::ToolDetails;
use crate::ui::votes::{VotePanel, VoteState};

#[component]
pub fn Card() -> impl IntoView {
    let state = expect_context::<ComparisonState>();
    let details = expect_context::<ToolDetails>();
    let heading_id = state.id("heading");
    let hooks = use_context::<PageHooks>();
    let labels = move || state.catalog.with_value(|c| c.catalog().labels.clone());
    move || {
        let pair = state.pair.get();
        match (details.get(state, pair.a), details.get(state, pair.b)) {
            (Loadable::Ready(a), Loadable::Ready(b)) => {
                let heading_id = heading_id.clone();
                state.catalog.with_value(|catalog| card_view(state, catalog, pair, a, b, heading_id)).into_any()
            }
            (Loadable::Failed(failure), _) | (_, Loadable::Failed(failure)) => view! {
                <Failure failure labels=labels() retry={
                    let hooks = hooks.clone();
                    Callback::new(move |()| retry_tool_files(details, state, pair, hooks.as_ref()))
                } />
            }
            .into_any(),
            _ => view! { <Loading labels=labels() /> }.into_any(),
        }
    }
}

fn card_view(
    state: ComparisonState,
    catalog: &ValidCatalog,
    pair: Pair,
    a: Arc<Tool>,
    b: Arc<Tool>,
    heading_id: String,
) -> impl IntoView {
    let meta = catalog.catalog();
    let labels = &meta.labels;
    let votes = expect_context::<VoteState>();
    let tally = move || state.catalog.with_value(|c| votes.tally(c, pair));
    let community = move |side: usize| {
        state.catalog.with_value(|c| c.catalog().labels.percent_text(tally().percents().map(|p| p[side])))
    };
    let updated = catalog.comparison(pair).and_then(|c| c.updated.as_deref()).and_then(CalendarDate::parse);
    let labelled_by = heading_id.clone();
    // Effects run once the view is in the document, never in a pre-render.
    // The vote collector, if any, is asked for the pair's counts then.
    let hooks = use_context::<PageHooks>();
    Effect::new(move |_| {
        if let Some(hooks) = &hooks {
            (hooks.shown)(true);
        }
        state.catalog.with_value(|c| votes.pair_shown(c, pair));
    });
    view! {
        <article class="tcw-card" aria-labelledby=labelled_by>
            <header class="tcw-card-header">
                {(!meta.title.is_empty()).then(|| view! { <p class="tcw-kicker">{meta.title.clone()}</p> })}
                <h2 id=heading_id class="tcw-title">
                    {a.name.clone()}
                    <span class="tcw-vs">" " {labels.vs().to_string()} " "</span>
                    {b.name.clone()}
                </h2>
                {(!meta.intro.is_empty()).then(|| view! { <p class="tcw-intro">{meta.intro.clone()}</p> })}
                <p class="tcw-verdict-line">{verdict_line(labels, &a, &b)}</p>
            </header>
            <div class="tcw-tools">
                {tool_column(labels, &a, "link-0", move || community(0))}
                {tool_column(labels, &b, "link-1", move || community(1))}
            </div>
            <Scorecard a=a.clone() b=b.clone() />
            <ReviewerSplit a=a.clone() b=b.clone() />
            <VotePanel pair />
            <footer class="tcw-card-footer">
                <p>
                    {match updated {
                        Some(date) => labels.fill(labels.updated(), &[("date", &labels.date_text(date))]),
                        None => labels.not_curated().to_string(),
                    }}
                </p>
                <p>{community_explanation(labels, Tally::published(catalog, pair), meta.votes_url.is_some())}</p>
            </footer>
        </article>
    }
}

/// "Try again" after a tool file failed: forget the failures, fetch again.
fn retry_tool_files(details: ToolDetails, state: ComparisonState, pair: Pair, hooks: Option<&PageHooks>) {
    details.forget_failures(pair);
    if let Some(hooks) = hooks {
        (hooks.fetch_tools)(details, state, pair);
    }
}

/// How the Community figure is counted, for readers who ask; `collected`:
/// by the catalog's vote collector, across readers.
fn community_explanation(labels: &Labels, published: Tally, collected: bool) -> String {
    let published = labels.count_text(
        Some(labels.no_published_votes()),
        labels.one_published_vote(),
        labels.published_votes(),
        published.total(),
    );
    let explained = if collected { labels.community_explained_collected() } else { labels.community_explained() };
    labels.fill(explained, &[("published", &published)])
}

fn tool_column(
    labels: &Labels,
    tool: &Tool,
    key: &'static str,
    community: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let ship = ShipShare::of(tool);
    let name = match &tool.link {
        Some(link) => view! {
            <a href=link.clone() rel="noopener noreferrer" target="_blank" data-tc-key=key>
                {tool.name.clone()}
                <span class="tcw-visually-hidden">" " {labels.opens_in_new_tab().to_string()}</span>
            </a>
        }
        .into_any(),
        None => tool.name.clone().into_any(),
    };
    // Sections without a name: several widgets on one page must not add
    // landmarks of the same name.
    view! {
        <section class="tcw-tool">
            {(!tool.category.is_empty()).then(|| view! { <p class="tcw-category">{tool.category.clone()}</p> })}
            <h3 class="tcw-tool-name">{name}</h3>
            {(!tool.tagline.is_empty()).then(|| view! { <p class="tcw-tagline">{tool.tagline.clone()}</p> })}
            <dl class="tcw-facts">
                <div class="tcw-fact">
                    <dt>{labels.panel_ship().to_string()}</dt>
                    <dd>{labels.percent_text(ship.percent())}</dd>
                </div>
                <div class="tcw-fact">
                    <dt>{labels.community().to_string()}</dt>
                    <dd class="tcw-community">{community}</dd>
                </div>
                <div class="tcw-fact">
                    <dt>{labels.entry().to_string()}</dt>
                    <dd>{if tool.entry.is_empty() { "—".to_string() } else { tool.entry.clone() }}</dd>
                </div>
            </dl>
            <p class="tcw-panel-count">
                {match ship.reviews {
                    0 => labels.no_panel_verdict().to_string(),
                    n => labels.fill(labels.panel_count(), &[("ships", &ship.ships.to_string()), ("reviews", &n.to_string())]),
                }}
            </p>
            {(!tool.description.is_empty()).then(|| view! { <p class="tcw-description">{tool.description.clone()}</p> })}
        </section>
    }
}
