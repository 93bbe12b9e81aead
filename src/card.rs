//! The comparison card: heading, verdict line, the two tools' facts, the
//! reviewer scorecard and split, and how the figures are counted.

use compare_domain::date::CalendarDate;
use compare_domain::stats::{percent_text, verdict_line, ShipShare};
use compare_domain::tally::Tally;
use compare_domain::{Pair, Tool, ValidCatalog};
use leptos::prelude::*;

use crate::scorecard::{ReviewerSplit, Scorecard};
use crate::state::ComparisonState;
use crate::votes::{VotePanel, VoteState};

#[component]
pub fn Card() -> impl IntoView {
    let state = expect_context::<ComparisonState>();
    let heading_id = state.id("heading");
    move || {
        let pair = state.pair.get();
        let heading_id = heading_id.clone();
        state.catalog.with_value(|catalog| card_view(state, catalog, pair, heading_id))
    }
}

fn card_view(state: ComparisonState, catalog: &ValidCatalog, pair: Pair, heading_id: String) -> impl IntoView {
    let (a, b) = (catalog.tool(pair.a), catalog.tool(pair.b));
    let meta = catalog.catalog();
    let votes = expect_context::<VoteState>();
    let tally = move || state.catalog.with_value(|c| votes.tally(c, pair));
    let community = move |side: usize| percent_text(tally().percents().map(|p| p[side]));
    let updated = catalog
        .comparison(pair)
        .and_then(|c| c.updated.as_deref())
        .and_then(CalendarDate::parse);
    let labelled_by = heading_id.clone();
    view! {
        <article class="tcw-card" aria-labelledby=labelled_by>
            <header class="tcw-card-header">
                {(!meta.title.is_empty()).then(|| view! { <p class="tcw-kicker">{meta.title.clone()}</p> })}
                <h2 id=heading_id class="tcw-title">
                    {a.name.clone()}
                    <span class="tcw-vs">" vs "</span>
                    {b.name.clone()}
                </h2>
                {(!meta.intro.is_empty()).then(|| view! { <p class="tcw-intro">{meta.intro.clone()}</p> })}
                <p class="tcw-verdict-line">{verdict_line(a, b)}</p>
            </header>
            <div class="tcw-tools">
                {tool_column(a, move || community(0))}
                {tool_column(b, move || community(1))}
            </div>
            <Scorecard pair />
            <ReviewerSplit pair />
            <VotePanel pair />
            <footer class="tcw-card-footer">
                <p>
                    {match updated {
                        Some(date) => format!("Comparison last updated {date}."),
                        None => "This pair is not a curated comparison; its figures come from each tool's own panel reviews.".to_string(),
                    }}
                </p>
                <p>{move || community_explanation(Tally::published(&state.catalog.read_value(), pair))}</p>
            </footer>
        </article>
    }
}

/// How the Community figure is counted, for readers who ask.
fn community_explanation(published: Tally) -> String {
    let published = match published.total() {
        0 => "no published votes".to_string(),
        1 => "1 published vote".to_string(),
        n => format!("{n} published votes"),
    };
    format!("Community is each tool's share of readers' votes on this pair: {published} plus your vote in this browser.")
}

fn tool_column(
    tool: &Tool,
    community: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let ship = ShipShare::of(tool);
    let name = match &tool.link {
        Some(link) => view! {
            <a href=link.clone() rel="noopener noreferrer" target="_blank">
                {tool.name.clone()}
                <span class="tcw-visually-hidden">" (opens in a new tab)"</span>
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
                    <dt>"Panel ship"</dt>
                    <dd>{percent_text(ship.percent())}</dd>
                </div>
                <div class="tcw-fact">
                    <dt>"Community"</dt>
                    <dd>{community}</dd>
                </div>
                <div class="tcw-fact">
                    <dt>"Entry"</dt>
                    <dd>{if tool.entry.is_empty() { "—".to_string() } else { tool.entry.clone() }}</dd>
                </div>
            </dl>
            <p class="tcw-panel-count">
                {match ship.reviews {
                    0 => "No panel verdict yet".to_string(),
                    n => format!("{} of {n} panel reviewers ship it", ship.ships),
                }}
            </p>
            {(!tool.description.is_empty()).then(|| view! { <p class="tcw-description">{tool.description.clone()}</p> })}
        </section>
    }
}
