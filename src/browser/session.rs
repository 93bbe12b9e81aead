//! One catalog session per page and catalog URL: every widget of the
//! catalog shares one load (and its "Try again") and one cache of tool
//! files, so a page of several widgets fetches, parses and holds the
//! catalog once, and one ballot, so every widget shows every vote at once
//! and none writes over another's. The last widget to leave releases the
//! session.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::time::Duration;

use compare_domain::community::collector_base;
use compare_domain::{ToolRef, ValidCatalog};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::collector::Collector;
use crate::browser::fetch::fetch_catalog;
use crate::browser::vote_storage;
use crate::ui::loadable::Loadable;
use crate::ui::tool_details::ToolEntry;
use crate::ui::votes::SharedBallot;

/// The session's catalog.
pub type Load = Loadable<Arc<ValidCatalog>>;

pub struct CatalogSession {
    url: String,
    pub load: ArcRwSignal<Load>,
    /// The tool files of a split catalog, by tool of the loaded catalog.
    pub tool_files: ArcRwSignal<HashMap<ToolRef, ToolEntry>>,
    pub ballot: Rc<SharedBallot>,
    other_tabs: Option<WindowListenerHandle>,
    /// Only the newest request may set the state, however retries interleave.
    generation: Cell<u64>,
}

thread_local! {
    static SESSIONS: RefCell<HashMap<String, Weak<CatalogSession>>> = RefCell::new(HashMap::new());
}

/// The page's session of the catalog at `url` (absolute), started if none is.
pub fn open(url: &str) -> Rc<CatalogSession> {
    let existing = SESSIONS.with(|sessions| sessions.borrow().get(url).and_then(Weak::upgrade));
    if let Some(session) = existing {
        return session;
    }
    let (ballot, other_tabs) = vote_storage::open_ballot(url);
    let session = Rc::new(CatalogSession {
        url: url.to_string(),
        ballot,
        other_tabs: Some(other_tabs),
        load: ArcRwSignal::new(Loadable::Loading),
        tool_files: ArcRwSignal::new(HashMap::new()),
        generation: Cell::new(0),
    });
    SESSIONS.with(|sessions| {
        let mut sessions = sessions.borrow_mut();
        sessions.retain(|_, session| session.strong_count() > 0);
        sessions.insert(url.to_string(), Rc::downgrade(&session));
    });
    session.start();
    session
}

impl CatalogSession {
    /// Loads the catalog (again, for "Try again"), for every widget of it.
    pub fn start(self: &Rc<Self>) {
        let mine = self.generation.get() + 1;
        self.generation.set(mine);
        self.load.set(Loadable::Loading);
        self.tool_files.set(HashMap::new());
        let session = Rc::downgrade(self);
        let url = self.url.clone();
        spawn_local(async move {
            let result = fetch_catalog(url).await;
            // The card is drawn in a task of its own, not in the one that
            // read the catalog: on a phone each is 50–150 ms (most of it the
            // Wasm compiling its functions on their first call), Lighthouse's
            // total blocking time counts what is over 50 ms of each task,
            // and a tap on the pre-rendered card is answered between them.
            set_timeout(
                move || {
                    // Every widget may have left while it loaded.
                    let Some(session) = session.upgrade() else { return };
                    if session.generation.get() == mine {
                        if let Some(votes_url) =
                            result.as_ref().ok().and_then(|catalog| catalog.catalog().votes_url.clone())
                        {
                            let collector = Collector::new(collector_base(&votes_url), &session.ballot);
                            session.ballot.connect(collector);
                        }
                        session.load.set(result.into());
                    }
                },
                Duration::ZERO,
            );
        });
    }
}

impl Drop for CatalogSession {
    fn drop(&mut self) {
        if let Some(listener) = self.other_tabs.take() {
            listener.remove();
        }
    }
}
