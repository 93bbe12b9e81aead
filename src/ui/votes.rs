//! "Which one would you ship with?": this browser's vote on the pair and the
//! tally (published counts + this vote). Where votes are stored, and who is
//! told of a change, is the caller's: `localStorage` and a DOM event in the
//! browser, nothing at all in a pre-rendered card.

use std::cell::RefCell;
use std::rc::Rc;

use compare_domain::tally::Tally;
use compare_domain::votes::{Ballot, StorageNotice, VoteBook, VoteChange, VoteStore};
use compare_domain::{Pair, ValidCatalog};
use leptos::prelude::*;

use crate::ui::prerender_mode::waiting;
use crate::ui::state::ComparisonState;

/// Called with every change and the pair's tool ids in display order.
type ChangeListener = Box<dyn Fn(&VoteChange, [&str; 2])>;

/// This browser's ballot on a catalog, shared by every widget of the
/// catalog on the page: one vote book, so no widget writes over a vote
/// pressed in another, and each shows it at once.
pub struct SharedBallot {
    ballot: RefCell<Ballot<Box<dyn VoteStore>>>,
    /// A copy of the ballot's votes that components subscribe to.
    book: ArcRwSignal<VoteBook>,
    notice: ArcRwSignal<Option<StorageNotice>>,
}

impl SharedBallot {
    pub fn new(ballot: Ballot<Box<dyn VoteStore>>) -> Rc<SharedBallot> {
        Rc::new(SharedBallot {
            book: ArcRwSignal::new(ballot.book().clone()),
            notice: ArcRwSignal::new(ballot.notice()),
            ballot: RefCell::new(ballot),
        })
    }

    /// The store was changed by someone else (another tab).
    pub fn stored_elsewhere(&self, text: Option<&str>) {
        self.ballot.borrow_mut().stored_elsewhere(text);
        self.publish();
    }

    fn press(&self, a: &str, b: &str, tool: &str) -> VoteChange {
        let change = self.ballot.borrow_mut().press(a, b, tool);
        self.publish();
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
    /// What this widget's live region last announced.
    announcement: RwSignal<String>,
    on_change: StoredValue<Option<ChangeListener>, LocalStorage>,
}

impl VoteState {
    pub fn new(ballot: Rc<SharedBallot>) -> VoteState {
        VoteState {
            book: RwSignal::from(ballot.book.clone()),
            notice: RwSignal::from(ballot.notice.clone()),
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

    pub fn tally(&self, catalog: &ValidCatalog, pair: Pair) -> Tally {
        Tally::published(catalog, pair).with_local_vote(self.my_side(catalog, pair))
    }

    fn press(&self, catalog: &ValidCatalog, pair: Pair, side: usize) {
        let (a, b) = (catalog.tool(pair.a), catalog.tool(pair.b));
        let tool = if side == 0 { a } else { b };
        let Some(change) = self.ballot.try_with_value(|ballot| ballot.press(&a.id, &b.id, &tool.id)) else { return };

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
        self.announcement.set(match &change.current {
            Some(_) => labels.fill(labels.vote_counted(), &[("tool", &tool.name), ("standing", &standing)]),
            None => labels.fill(labels.vote_withdrawn(), &[("standing", &standing)]),
        });
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
                    {..waiting(state)}
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
