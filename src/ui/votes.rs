//! "Which one would you ship with?": this browser's vote on the pair and the
//! tally (published counts + this vote, or + every reader's where the
//! catalog names a vote collector). Where votes are stored, who is told of
//! a change and how the collector is reached is the caller's: `localStorage`,
//! a DOM event and `fetch` in the browser, nothing at all in a pre-rendered
//! card.

use std::cell::RefCell;
use std::rc::Rc;

use compare_domain::tally::Tally;
use compare_domain::votes::{pair_key, Ballot, StorageNotice, VoteBook, VoteChange, VoteStore};
use compare_domain::{Pair, ValidCatalog};
use leptos::prelude::*;

use crate::ui::state::ComparisonState;

/// Called with every change and the pair's tool ids in display order.
type ChangeListener = Box<dyn Fn(&VoteChange, [&str; 2])>;

/// How the collector of the catalog's votes answers, where there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Live {
    /// The catalog names no collector: published counts + this browser.
    Off,
    /// Counts come from the collector.
    Counting,
    /// The collector did not answer, or answered garbage: published counts
    /// + this browser, and the unsent change waits in storage.
    Unavailable,
}

/// What the collector said, for every widget of the catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Collected {
    pub live: Live,
    /// Counts by pair key, in the key's order (a list: a page shows few
    /// pairs, and a map type of its own costs Wasm).
    counts: Vec<(String, [u64; 2])>,
}

impl Collected {
    /// The counts of `a` and `b`, in that order, while the collector answers.
    fn counts(&self, a: &str, b: &str) -> Option<[u64; 2]> {
        if self.live != Live::Counting {
            return None;
        }
        let key = pair_key(a, b);
        let [first, second] = self.counts.iter().find(|(k, _)| *k == key)?.1;
        Some(if a <= b { [first, second] } else { [second, first] })
    }
}

/// What reaches the vote collector (the browser's `fetch`).
pub trait CollectorLink {
    /// A card of the pair shows: its counts are wanted.
    fn pair_shown(&self, a: &str, b: &str);
    /// A vote changed: what the collector has not acknowledged is to go.
    fn changed(&self);
}

/// This browser's ballot on a catalog, shared by every widget of the
/// catalog on the page: one vote book, so no widget writes over a vote
/// pressed in another, and each shows it at once.
pub struct SharedBallot {
    ballot: RefCell<Ballot<Box<dyn VoteStore>>>,
    /// A copy of the ballot's votes that components subscribe to.
    book: ArcRwSignal<VoteBook>,
    notice: ArcRwSignal<Option<StorageNotice>>,
    collected: ArcRwSignal<Collected>,
    link: RefCell<Option<Rc<dyn CollectorLink>>>,
}

impl SharedBallot {
    pub fn new(ballot: Ballot<Box<dyn VoteStore>>) -> Rc<SharedBallot> {
        Rc::new(SharedBallot {
            book: ArcRwSignal::new(ballot.book().clone()),
            notice: ArcRwSignal::new(ballot.notice()),
            ballot: RefCell::new(ballot),
            collected: ArcRwSignal::new(Collected { live: Live::Off, counts: Vec::new() }),
            link: RefCell::new(None),
        })
    }

    /// Votes go to (and counts come from) `link` from now on.
    pub fn connect(&self, link: Rc<dyn CollectorLink>) {
        *self.link.borrow_mut() = Some(link.clone());
        self.collected.update(|collected| collected.live = Live::Counting);
        link.changed();
    }

    /// The collector stopped answering usefully.
    pub fn unavailable(&self) {
        self.collected.update(|collected| collected.live = Live::Unavailable);
    }

    /// The collector's counts of `a` and `b`.
    pub fn set_collected(&self, a: &str, b: &str, counts: [u64; 2]) {
        let key = pair_key(a, b);
        let in_key_order = if a <= b { counts } else { [counts[1], counts[0]] };
        self.collected.update(|collected| {
            collected.live = Live::Counting;
            collected.counts.retain(|(k, _)| *k != key);
            collected.counts.push((key, in_key_order));
        });
    }

    /// The collector answered `200` for `choice` on the pair.
    pub fn acknowledge(&self, a: &str, b: &str, choice: Option<&str>) {
        self.ballot.borrow_mut().acknowledge(a, b, choice);
        self.publish();
    }

    /// What the collector has yet to hear, as `(a, b, choice)`.
    pub fn unsent(&self) -> Vec<(String, String, Option<String>)> {
        self.ballot.borrow().book().unsent()
    }

    /// This reader's id at the collector (`make` makes one, once).
    pub fn voter(&self, make: impl FnOnce() -> String) -> String {
        self.ballot.borrow_mut().voter(make)
    }

    fn link(&self) -> Option<Rc<dyn CollectorLink>> {
        self.link.borrow().clone()
    }

    /// The store was changed by someone else (another tab).
    pub fn stored_elsewhere(&self, text: Option<&str>) {
        self.ballot.borrow_mut().stored_elsewhere(text);
        self.publish();
    }

    fn press(&self, a: &str, b: &str, tool: &str) -> VoteChange {
        let change = self.ballot.borrow_mut().press(a, b, tool);
        self.publish();
        if let Some(link) = self.link() {
            link.changed();
        }
        change
    }

    fn publish(&self) {
        let ballot = self.ballot.borrow();
        self.book.set(ballot.book().clone());
        self.notice.set(ballot.notice());
    }
}

/// One widget's view of the shared ballot: what it announces, and who it
/// tells of the votes pressed in it.
#[derive(Clone, Copy)]
pub struct VoteState {
    ballot: StoredValue<Rc<SharedBallot>, LocalStorage>,
    book: RwSignal<VoteBook>,
    notice: RwSignal<Option<StorageNotice>>,
    collected: RwSignal<Collected>,
    /// What this widget's live region last announced.
    announcement: RwSignal<String>,
    on_change: StoredValue<Option<ChangeListener>, LocalStorage>,
}

impl VoteState {
    pub fn new(ballot: Rc<SharedBallot>) -> VoteState {
        VoteState {
            book: RwSignal::from(ballot.book.clone()),
            notice: RwSignal::from(ballot.notice.clone()),
            collected: RwSignal::from(ballot.collected.clone()),
            ballot: StoredValue::new_local(ballot),
            announcement: RwSignal::new(String::new()),
            on_change: StoredValue::new_local(None),
        }
    }

    /// Sets who is told of every vote pressed in this widget.
    pub fn on_change(&self, listener: impl Fn(&VoteChange, [&str; 2]) + 'static) {
        self.on_change.set_value(Some(Box::new(listener)));
    }

    /// The side (0 or 1) this browser voted for on the pair.
    pub fn my_side(&self, catalog: &ValidCatalog, pair: Pair) -> Option<usize> {
        let (a, b) = (&catalog.tool(pair.a).id, &catalog.tool(pair.b).id);
        self.book.with(|book| book.vote(a, b).map(|tool| if tool == a { 0 } else { 1 }))
    }

    /// Published counts plus the collector's (while it answers) or plus
    /// this browser's vote; a reader's vote is counted once either way.
    pub fn tally(&self, catalog: &ValidCatalog, pair: Pair) -> Tally {
        let published = Tally::published(catalog, pair);
        let mine = self.my_side(catalog, pair);
        let (a, b) = (&catalog.tool(pair.a).id, &catalog.tool(pair.b).id);
        match self.collected.with(|collected| collected.counts(a, b)) {
            Some(counts) => {
                let acknowledged =
                    self.book.with(|book| book.acknowledged(a, b).map(|tool| if tool == a { 0 } else { 1 }));
                published.with_collected(counts, acknowledged, mine)
            }
            None => published.with_local_vote(mine),
        }
    }

    /// A card of the pair shows: the collector, if any, is asked for its counts.
    pub fn pair_shown(&self, catalog: &ValidCatalog, pair: Pair) {
        let link = self.ballot.try_with_value(|ballot| ballot.link()).flatten();
        if let Some(link) = link {
            link.pair_shown(&catalog.tool(pair.a).id, &catalog.tool(pair.b).id);
        }
    }

    /// What screen readers hear once this browser's vote on the pair is
    /// `side` (`None`: withdrawn), with the tally as it now stands. The
    /// pre-render writes it beside each voted state, for `embed.js`.
    pub fn announcement_text(&self, catalog: &ValidCatalog, pair: Pair, side: Option<usize>) -> String {
        let (a, b) = (catalog.tool(pair.a), catalog.tool(pair.b));
        let labels = &catalog.catalog().labels;
        let tally = self.tally(catalog, pair);
        let percents = tally.percents().unwrap_or([0, 0]);
        let [a_votes, b_votes] = tally.votes.map(|count| labels.votes_text(count));
        let [a_percent, b_percent] = percents.map(|p| labels.percent_text(Some(p)));
        let standing = labels.fill(
            labels.standing(),
            &[
                ("a", &a.name),
                ("a_votes", &a_votes),
                ("a_percent", &a_percent),
                ("b", &b.name),
                ("b_votes", &b_votes),
                ("b_percent", &b_percent),
            ],
        );
        match side {
            Some(side) => {
                let tool = if side == 0 { a } else { b };
                labels.fill(labels.vote_counted(), &[("tool", &tool.name), ("standing", &standing)])
            }
            None => labels.fill(labels.vote_withdrawn(), &[("standing", &standing)]),
        }
    }

    fn press(&self, catalog: &ValidCatalog, pair: Pair, side: usize) {
        let (a, b) = (catalog.tool(pair.a), catalog.tool(pair.b));
        let tool = if side == 0 { a } else { b };
        let Some(change) = self.ballot.try_with_value(|ballot| ballot.press(&a.id, &b.id, &tool.id)) else { return };
        self.announcement.set(self.announcement_text(catalog, pair, change.current.is_some().then_some(side)));
        self.on_change.with_value(|listener| {
            if let Some(listener) = listener {
                listener(&change, [&a.id, &b.id]);
            }
        });
    }
}

#[component]
pub fn VotePanel(pair: Pair) -> impl IntoView {
    let state = expect_context::<ComparisonState>();
    let votes = expect_context::<VoteState>();

    let (question, names) = state.catalog.with_value(|c| {
        let question = c.comparison(pair).and_then(|cmp| cmp.question.clone());
        (
            question.unwrap_or_else(|| c.catalog().labels.question().to_string()),
            [c.tool(pair.a).name.clone(), c.tool(pair.b).name.clone()],
        )
    });
    let tally = move || state.catalog.with_value(|c| votes.tally(c, pair));
    let mine = move || state.catalog.with_value(|c| votes.my_side(c, pair));
    let collected = state.catalog.with_value(|c| c.catalog().votes_url.is_some());

    let option = move |side: usize| {
        let name = names[side].clone();
        let share = move || tally().percents().map(|p| p[side]);
        view! {
            <li class="tcw-vote-option">
                <button
                    type="button"
                    class="tcw-button tcw-vote"
                    data-tc-key=if side == 0 { "vote-0" } else { "vote-1" }
                    aria-pressed=move || if mine() == Some(side) { "true" } else { "false" }
                    on:click=move |_| state.catalog.with_value(|c| votes.press(c, pair, side))
                >
                    {state.fill(|l| l.vote_for(), &[("tool", &name)])}
                </button>
                <div class="tcw-bar" aria-hidden="true">
                    <svg viewBox="0 0 100 1" preserveAspectRatio="none">
                        <rect width=move || share().unwrap_or(0) height="1"></rect>
                    </svg>
                </div>
                <p class="tcw-vote-count">
                    {move || {
                        state.catalog.with_value(|c| {
                            let labels = &c.catalog().labels;
                            let votes = labels.votes_text(tally().votes[side]);
                            match share() {
                                Some(p) => labels.fill(
                                    labels.vote_share(),
                                    &[("votes", &votes), ("percent", &labels.percent_text(Some(p)))],
                                ),
                                None => votes,
                            }
                        })
                    }}
                    {move || {
                        (mine() == Some(side)).then(|| {
                            view! {
                                <span class="tcw-your-vote">
                                    {state.label(|l| l.separator())} {state.label(|l| l.your_vote())}
                                </span>
                            }
                        })
                    }}
                </p>
            </li>
        }
    };

    view! {
        <section class="tcw-votes">
            <h3>{question}</h3>
            <ul class="tcw-vote-options">{option(0)} {option(1)}</ul>
            <p class="tcw-vote-note">
                {state.label(|l| if collected { l.vote_note_collected() } else { l.vote_note() })}
            </p>
            {move || {
                (votes.collected.with(|collected| collected.live) == Live::Unavailable).then(|| {
                    view! { <p class="tcw-notice" role="status">{state.label(|l| l.live_count_unavailable())}</p> }
                })
            }}
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
