//! "Which one would you ship with?": this browser's vote on the pair, the
//! tally (published counts + this vote), and the `tool-compare:vote` event
//! that lets a site owner forward votes wherever they like.

use compare_domain::labels::fill;
use compare_domain::tally::Tally;
use compare_domain::votes::{storage_key, Ballot, StorageNotice, VoteBook, VoteChange};
use compare_domain::{Pair, ValidCatalog};
use leptos::prelude::*;
use serde::Serialize;

use crate::host::HostElement;
use crate::state::ComparisonState;
use crate::vote_storage::LocalStore;

/// Name of the DOM event dispatched on the host element for every change.
pub const VOTE_EVENT: &str = "tool-compare:vote";

#[derive(Clone, Copy)]
pub struct VoteState {
    ballot: StoredValue<Ballot<LocalStore>, LocalStorage>,
    /// A copy of the ballot's votes that components subscribe to.
    book: RwSignal<VoteBook>,
    notice: RwSignal<Option<StorageNotice>>,
    /// What the live region last announced.
    announcement: RwSignal<String>,
}

impl VoteState {
    /// Opens this browser's ballot for the catalog and follows changes made
    /// in other tabs.
    pub fn open(catalog_url: String) -> VoteState {
        let key = storage_key(&catalog_url);
        let ballot = Ballot::open(LocalStore { key: key.clone() });
        let state = VoteState {
            book: RwSignal::new(ballot.book().clone()),
            notice: RwSignal::new(ballot.notice()),
            ballot: StoredValue::new_local(ballot),
            announcement: RwSignal::new(String::new()),
        };
        let handle = window_event_listener(leptos::ev::storage, move |ev| {
            // A `null` key means another tab cleared the whole storage.
            let ours = ev.key().is_none_or(|k| k == key);
            if ours && ev.storage_area().is_some() {
                state.ballot.update_value(|ballot| ballot.stored_elsewhere(ev.new_value().as_deref()));
                state.book.set(state.ballot.with_value(|ballot| ballot.book().clone()));
            }
        });
        on_cleanup(move || handle.remove());
        state
    }

    /// The side (0 or 1) this browser voted for on the pair.
    pub fn my_side(&self, catalog: &ValidCatalog, pair: Pair) -> Option<usize> {
        let (a, b) = (&catalog.tool(pair.a).id, &catalog.tool(pair.b).id);
        self.book.with(|book| book.vote(a, b).map(|tool| if tool == a { 0 } else { 1 }))
    }

    pub fn tally(&self, catalog: &ValidCatalog, pair: Pair) -> Tally {
        Tally::published(catalog, pair).with_local_vote(self.my_side(catalog, pair))
    }

    fn press(&self, catalog: &ValidCatalog, catalog_url: &str, pair: Pair, side: usize, host: Option<&HostElement>) {
        let (a, b) = (catalog.tool(pair.a), catalog.tool(pair.b));
        let tool = if side == 0 { a } else { b };
        let change = self.ballot.try_update_value(|ballot| ballot.press(&a.id, &b.id, &tool.id));
        let Some(change) = change else { return };
        self.book.set(self.ballot.with_value(|ballot| ballot.book().clone()));
        self.notice.set(self.ballot.with_value(|ballot| ballot.notice()));

        let labels = &catalog.catalog().labels;
        let tally = self.tally(catalog, pair);
        let percents = tally.percents().unwrap_or([0, 0]);
        let standing = format!(
            "{}: {} ({}%), {}: {} ({}%).",
            a.name,
            labels.votes_text(tally.votes[0]),
            percents[0],
            b.name,
            labels.votes_text(tally.votes[1]),
            percents[1]
        );
        self.announcement.set(match &change.current {
            Some(_) => fill(labels.vote_counted(), &[("tool", &tool.name), ("standing", &standing)]),
            None => fill(labels.vote_withdrawn(), &[("standing", &standing)]),
        });
        if let Some(host) = host {
            dispatch_vote_event(host, catalog_url, [&a.id, &b.id], &change);
        }
    }
}

/// `event.detail` of the vote event.
#[derive(Serialize)]
struct VoteDetail<'a> {
    /// Absolute URL of the catalog the pair comes from.
    catalog: &'a str,
    /// The pair's tool ids, in display order.
    pair: [&'a str; 2],
    /// The tool id voted for now, or `null` when the vote was withdrawn.
    vote: Option<&'a str>,
    /// The tool id voted for before, or `null`.
    previous: Option<&'a str>,
}

fn dispatch_vote_event(host: &HostElement, catalog: &str, pair: [&str; 2], change: &VoteChange) {
    let detail = VoteDetail {
        catalog,
        pair,
        vote: change.current.as_deref(),
        previous: change.previous.as_deref(),
    };
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let Ok(detail) = detail.serialize(&serializer) else { return };
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(VOTE_EVENT, &init) {
        // A listener that throws must not break the widget.
        let _ = host.element().dispatch_event(&event);
    }
}

#[component]
pub fn VotePanel(pair: Pair) -> impl IntoView {
    let state = expect_context::<ComparisonState>();
    let votes = expect_context::<VoteState>();
    let host = use_context::<HostElement>();

    let (question, names) = state.catalog.with_value(|c| {
        let question = c.comparison(pair).and_then(|cmp| cmp.question.clone());
        (
            question.unwrap_or_else(|| c.catalog().labels.question().to_string()),
            [c.tool(pair.a).name.clone(), c.tool(pair.b).name.clone()],
        )
    });
    let tally = move || state.catalog.with_value(|c| votes.tally(c, pair));
    let mine = move || state.catalog.with_value(|c| votes.my_side(c, pair));

    let option = move |side: usize| {
        let name = names[side].clone();
        let host = host.clone();
        let share = move || tally().percents().map(|p| p[side]);
        view! {
            <li class="tcw-vote-option">
                <button
                    type="button"
                    class="tcw-button tcw-vote"
                    aria-pressed=move || if mine() == Some(side) { "true" } else { "false" }
                    on:click=move |_| {
                        let url = state.catalog_url.get_value();
                        state.catalog.with_value(|c| votes.press(c, &url, pair, side, host.as_ref()))
                    }
                >
                    {state.fill(|l| l.vote_for(), &[("tool", &name)])}
                </button>
                <div class="tcw-bar" aria-hidden="true">
                    <span style:width=move || format!("{}%", share().unwrap_or(0))></span>
                </div>
                <p class="tcw-vote-count">
                    {move || {
                        let count = state.catalog.with_value(|c| c.catalog().labels.votes_text(tally().votes[side]));
                        match share() {
                            Some(p) => format!("{count} · {p}%"),
                            None => count,
                        }
                    }}
                    {move || {
                        (mine() == Some(side))
                            .then(|| view! { <span class="tcw-your-vote">" · " {state.label(|l| l.your_vote())}</span> })
                    }}
                </p>
            </li>
        }
    };

    view! {
        <section class="tcw-votes">
            <h3>{question}</h3>
            <ul class="tcw-vote-options">{option(0)} {option(1)}</ul>
            <p class="tcw-vote-note">{state.label(|l| l.vote_note())}</p>
            {move || {
                votes.notice.get().map(|notice| {
                    let text = state.label(|l| match notice {
                        StorageNotice::NotKept => l.votes_not_kept(),
                        StorageNotice::Reset => l.votes_reset(),
                    });
                    view! { <p class="tcw-notice">{text}</p> }
                })
            }}
            <p class="tcw-visually-hidden" aria-live="polite">
                {move || votes.announcement.get()}
            </p>
        </section>
    }
}

/// The catalog URL made absolute against the page, so that the same catalog
/// gets the same votes from every page of a site.
pub fn absolute_url(url: &str) -> String {
    let base = leptos::prelude::document().base_uri().ok().flatten();
    base.and_then(|base| web_sys::Url::new_with_base(url, &base).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| url.to_string())
}
