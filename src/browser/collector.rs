//! The catalog's vote collector, reached with `fetch` (protocol v1,
//! `compare_domain::community`): each unsent change is sent, one at a time
//! and in order, until the collector has acknowledged them all; a pair's
//! counts are asked for when a card of it shows. A collector that is down,
//! slow, erroring or answering garbage marks the count unavailable, and
//! everything is tried again later: the unsent changes wait in storage,
//! so a change made while it was down arrives once it is back.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;

use compare_domain::community::{read_counts, tally_url, vote_body, vote_url};
use leptos::prelude::set_timeout;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::browser::fetch::Timeout;
use crate::ui::votes::{CollectorLink, SharedBallot};

/// The first wait before trying again; it doubles up to the longest.
const FIRST_RETRY: Duration = Duration::from_secs(2);
const LONGEST_RETRY: Duration = Duration::from_secs(60);

pub struct Collector {
    base: String,
    ballot: Weak<SharedBallot>,
    /// A change is on its way: the sending loop picks up later ones itself.
    sending: Cell<bool>,
    /// The pairs shown on the page, asked for again when a retry comes.
    shown: RefCell<Vec<(String, String)>>,
    retry_after: Cell<Duration>,
    retry_planned: Cell<bool>,
    /// Changes acknowledged so far: counts asked for before the latest
    /// acknowledgement may be from before it, and are asked for again.
    acknowledged: Cell<u64>,
    this: Weak<Collector>,
}

impl Collector {
    pub fn new(base: String, ballot: &Rc<SharedBallot>) -> Rc<Collector> {
        Rc::new_cyclic(|this| Collector {
            base,
            ballot: Rc::downgrade(ballot),
            sending: Cell::new(false),
            shown: RefCell::new(Vec::new()),
            retry_after: Cell::new(FIRST_RETRY),
            retry_planned: Cell::new(false),
            acknowledged: Cell::new(0),
            this: this.clone(),
        })
    }

    fn send_unsent(&self) {
        if self.sending.replace(true) {
            return;
        }
        let Some(this) = self.this.upgrade() else { return };
        spawn_local(async move {
            loop {
                let Some(ballot) = this.ballot.upgrade() else { break };
                let Some((a, b, choice)) = ballot.unsent().into_iter().next() else {
                    break;
                };
                let voter = ballot.voter(random_voter_id);
                let body = vote_body(&a, &b, choice.as_deref(), &voter);
                drop(ballot);
                let answer = exchange(&vote_url(&this.base), Some(&body), &a, &b).await;
                let Some(ballot) = this.ballot.upgrade() else { break };
                match answer {
                    Ok(counts) => {
                        ballot.acknowledge(&a, &b, choice.as_deref());
                        ballot.set_collected(&a, &b, counts);
                        this.acknowledged.set(this.acknowledged.get() + 1);
                        this.retry_after.set(FIRST_RETRY);
                    }
                    Err(()) => {
                        ballot.unavailable();
                        this.plan_retry();
                        break;
                    }
                }
            }
            this.sending.set(false);
        });
    }

    fn fetch_counts(&self, a: String, b: String) {
        let Some(this) = self.this.upgrade() else { return };
        spawn_local(async move {
            let asked_after = this.acknowledged.get();
            let answer = exchange(&tally_url(&this.base, &a, &b), None, &a, &b).await;
            let Some(ballot) = this.ballot.upgrade() else { return };
            match answer {
                // Counts read while a change was on its way may be from
                // before it.
                Ok(_) if this.acknowledged.get() != asked_after => this.fetch_counts(a, b),
                Ok(counts) => ballot.set_collected(&a, &b, counts),
                Err(()) => {
                    ballot.unavailable();
                    this.plan_retry();
                }
            }
        });
    }

    /// Tries the unsent changes and the shown pairs' counts again later,
    /// waiting longer after each failure.
    fn plan_retry(&self) {
        if self.retry_planned.replace(true) {
            return;
        }
        let wait = self.retry_after.get();
        self.retry_after.set((wait * 2).min(LONGEST_RETRY));
        let this = self.this.clone();
        set_timeout(
            move || {
                let Some(this) = this.upgrade() else { return };
                this.retry_planned.set(false);
                this.send_unsent();
                for (a, b) in this.shown.borrow().clone() {
                    this.fetch_counts(a, b);
                }
            },
            wait,
        );
    }
}

impl CollectorLink for Collector {
    fn pair_shown(&self, a: &str, b: &str) {
        {
            let mut shown = self.shown.borrow_mut();
            shown.retain(|(x, y)| !(x == a && y == b));
            shown.push((a.to_string(), b.to_string()));
            // A page shows few cards; a reader who switched pairs many times
            // needs only the recent ones counted again.
            let excess = shown.len().saturating_sub(8);
            shown.drain(..excess);
        }
        self.fetch_counts(a.to_string(), b.to_string());
        self.send_unsent();
    }

    fn changed(&self) {
        self.send_unsent();
    }
}

/// Sends a request (`body`: a POST of it, else a GET) and reads the pair's
/// counts from a `200` answer; any other outcome (network failure,
/// timeout, another status, garbage) is `Err`, and the console says which.
async fn exchange(url: &str, body: Option<&str>, a: &str, b: &str) -> Result<[u64; 2], ()> {
    let warn = |what: &str| leptos::logging::warn!("[tool-compare] the vote collector {what}");
    let init = web_sys::RequestInit::new();
    // The collector's answers may be cached for a few seconds (by a CDN for
    // many readers); this reader's own browser asks afresh, so that a
    // reload right after a vote never shows the count from before it.
    init.set_cache(web_sys::RequestCache::NoCache);
    if let Some(body) = body {
        init.set_method("POST");
        // text/plain keeps the request simple: no CORS preflight first.
        let headers = web_sys::Headers::new().map_err(|_| ())?;
        headers.set("Content-Type", "text/plain;charset=UTF-8").map_err(|_| ())?;
        init.set_headers(&headers);
        init.set_body(&body.into());
    }
    let timeout = Timeout::start();
    if let Some(timeout) = &timeout {
        init.set_signal(Some(&timeout.signal()));
    }
    let fetched = JsFuture::from(leptos::prelude::window().fetch_with_str_and_init(url, &init)).await;
    let response: web_sys::Response = fetched.map_err(|_| warn("did not answer"))?.unchecked_into();
    if response.status() != 200 {
        warn(&format!("answered HTTP {}", response.status()));
        return Err(());
    }
    let text = match response.text() {
        Ok(text) => JsFuture::from(text).await.ok().and_then(|text| text.as_string()),
        Err(_) => None,
    };
    let text = text.ok_or_else(|| warn("answer was cut off"))?;
    read_counts(&text, a, b).map_err(|garbled| warn(&format!("answer is unusable: {garbled}")))
}

/// A random voter id: 128 bits as 32 hex digits, from the browser's
/// cryptographic random numbers.
fn random_voter_id() -> String {
    let mut bytes = [0_u8; 16];
    let filled = leptos::prelude::window()
        .crypto()
        .is_ok_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        bytes = bytes.map(|_| (js_sys::Math::random() * 256.0) as u8);
    }
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
