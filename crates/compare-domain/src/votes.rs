//! This browser's votes: one per reader per unordered pair, kept in a store
//! (the browser's `localStorage`, or memory when that fails) behind the
//! small [`VoteStore`] interface so that every rule is tested natively.

use std::collections::HashMap;
use std::fmt;

use crate::json::{self, ReadJson, Reader};
use crate::parse::ParseError;

/// Version of the stored format; data of another version is replaced.
pub const STORAGE_VERSION: u64 = 1;

/// At most this many pairs are remembered; older entries give way first.
pub const MAX_STORED_PAIRS: usize = 2_000;

/// The storage key: namespaced, versioned, and naming the catalog so two
/// catalogs on one site never mix their votes.
pub fn storage_key(catalog_url: &str) -> String {
    format!("tool-compare:v{STORAGE_VERSION}:votes:{catalog_url}")
}

/// The unordered pair as one key: the same for A vs B and B vs A.
pub fn pair_key(a: &str, b: &str) -> String {
    if a <= b {
        format!("{a}|{b}")
    } else {
        format!("{b}|{a}")
    }
}

/// Which tool this browser voted for, per unordered pair, and, for a
/// catalog with a vote collector, what the collector has acknowledged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VoteBook {
    /// Pair key and tool id of each vote, oldest first, as stored. (Lists,
    /// not maps: a map type and a sort by age cost the Wasm several KB of
    /// code, and at most `MAX_STORED_PAIRS` entries are kept.)
    votes: Vec<[String; 2]>,
    /// Pair key and the tool id the collector last answered `200` for (no
    /// entry: it holds no vote of this reader). Where it differs from
    /// `votes`, a change is still to be sent.
    sent: Vec<[String; 2]>,
    /// This reader's random id at the collector, made at the first vote.
    voter: Option<String>,
}

/// The stored form: `{"version": 1, "votes": [["<id>|<id>", "<id>"], …]}`,
/// pair key and tool id, oldest vote first; with a collector also
/// `"voter": "<id>"` and `"sent": [["<id>|<id>", "<id>"], …]`. Before the
/// widget runs, `embed.js` reads `votes` to show a stored vote on a
/// pre-rendered card, and writes a press into it by [`VoteBook::press`]'s
/// rule, leaving the rest alone (README, "Voting"); `decode` takes that as
/// the book's own, and `unsent` then holds it for the collector.
struct Stored {
    version: i64,
    votes: Vec<[String; 2]>,
    sent: Vec<[String; 2]>,
    voter: Option<String>,
}

impl ReadJson for Stored {
    fn read_json(reader: &mut Reader) -> Result<Stored, ParseError> {
        const FIELDS: &[&str] = &["version", "votes", "sent", "voter"];
        let mut stored = Stored { version: 0, votes: Vec::new(), sent: Vec::new(), voter: None };
        let seen = reader.object("stored votes", FIELDS, |reader, field| {
            match field {
                0 => stored.version = reader.integer()?,
                3 => stored.voter = Some(reader.string()?),
                _ => {
                    let entries = if field == 1 { &mut stored.votes } else { &mut stored.sent };
                    reader.array(|reader| {
                        entries.push(reader.pair(Reader::string)?);
                        Ok(())
                    })?;
                }
            }
            Ok(())
        })?;
        reader.require(seen, FIELDS, &[0, 1])?;
        Ok(stored)
    }
}

/// Only the version of stored votes, whatever shape the rest has.
struct VersionOnly(i64);

impl ReadJson for VersionOnly {
    fn read_json(reader: &mut Reader) -> Result<VersionOnly, ParseError> {
        const FIELDS: &[&str] = &["version"];
        let mut version = 0;
        let seen = reader.object("stored votes", FIELDS, |reader, _| {
            version = reader.integer()?;
            Ok(())
        })?;
        reader.require(seen, FIELDS, &[0])?;
        Ok(VersionOnly(version))
    }
}

/// Why stored votes could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Corrupt,
    OtherVersion(u64),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Corrupt => f.write_str("the stored votes are not readable"),
            DecodeError::OtherVersion(v) => write!(f, "the stored votes have format version {v}"),
        }
    }
}

/// A vote change: what the reader's vote on the pair was and now is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoteChange {
    pub previous: Option<String>,
    pub current: Option<String>,
}

impl VoteBook {
    pub fn vote(&self, a: &str, b: &str) -> Option<&str> {
        tool_for(&self.votes, &pair_key(a, b))
    }

    /// The reader pressed "Vote for `tool`" on the pair `a`, `b`: a first
    /// vote is cast, a vote for the other tool moves, and pressing the
    /// current vote again withdraws it.
    pub fn press(&mut self, a: &str, b: &str, tool: &str) -> VoteChange {
        debug_assert!(tool == a || tool == b);
        let key = pair_key(a, b);
        let previous = self.votes.iter().position(|[voted, _]| *voted == key).map(|at| {
            let [_, tool] = self.votes.remove(at);
            tool
        });
        let current = (previous.as_deref() != Some(tool)).then(|| tool.to_string());
        if let Some(tool) = &current {
            self.votes.push([key, tool.clone()]);
            self.forget_oldest_beyond(MAX_STORED_PAIRS);
        }
        VoteChange { previous, current }
    }

    fn forget_oldest_beyond(&mut self, max: usize) {
        let excess = self.votes.len().saturating_sub(max);
        if excess == 0 {
            return;
        }
        // The collector keeps those votes; this browser stops following them.
        let forgotten: HashMap<String, usize> =
            self.votes.drain(..excess).enumerate().map(|(i, [key, _])| (key, i)).collect();
        self.sent.retain(|[sent, _]| !forgotten.contains_key(sent));
    }

    pub fn encode(&self) -> String {
        let mut out = format!("{{\"version\":{STORAGE_VERSION},\"votes\":");
        write_entries(&mut out, &self.votes);
        if !self.sent.is_empty() {
            out.push_str(",\"sent\":");
            write_entries(&mut out, &self.sent);
        }
        if let Some(voter) = &self.voter {
            out.push_str(",\"voter\":");
            json::write_string(&mut out, voter);
        }
        out.push('}');
        out
    }

    /// The tool the collector holds this reader's vote for on the pair.
    pub fn acknowledged(&self, a: &str, b: &str) -> Option<&str> {
        tool_for(&self.sent, &pair_key(a, b))
    }

    /// The collector answered `200` for `choice` on the pair.
    pub fn acknowledge(&mut self, a: &str, b: &str, choice: Option<&str>) {
        let key = pair_key(a, b);
        self.sent.retain(|[sent, _]| *sent != key);
        if let Some(tool) = choice {
            self.sent.push([key, tool.to_string()]);
        }
    }

    /// The changes the collector has yet to hear: each pair whose vote
    /// differs from what it acknowledged, as `(a, b, choice)` with the
    /// pair's ids in key order and `None` for a withdrawal; votes in the
    /// order cast, then withdrawals.
    pub fn unsent(&self) -> Vec<(String, String, Option<String>)> {
        let voted = self.votes.iter().map(|[key, tool]| (key, Some(tool)));
        let withdrawn = self.sent.iter().map(|[key, _]| key).filter(|key| tool_for(&self.votes, key).is_none());
        voted
            .chain(withdrawn.map(|key| (key, None)))
            .filter(|(key, choice)| tool_for(&self.sent, key) != choice.map(String::as_str))
            .filter_map(|(key, choice)| {
                let (a, b) = key.split_once('|')?;
                Some((a.to_string(), b.to_string(), choice.cloned()))
            })
            .collect()
    }

    pub fn voter(&self) -> Option<&str> {
        self.voter.as_deref()
    }

    /// Reads stored votes. Entries that do not name one of their own pair's
    /// tools are dropped, so hand-edited or foreign data cannot confuse a tally.
    pub fn decode(text: &str) -> Result<VoteBook, DecodeError> {
        let (VersionOnly(version), _) = json::read(text).map_err(|_| DecodeError::Corrupt)?;
        let version = u64::try_from(version).map_err(|_| DecodeError::Corrupt)?;
        if version != STORAGE_VERSION {
            return Err(DecodeError::OtherVersion(version));
        }
        let (stored, _) = json::read::<Stored>(text).map_err(|_| DecodeError::Corrupt)?;
        debug_assert_eq!(stored.version, STORAGE_VERSION as i64);
        let mut votes = stored.votes;
        votes.retain(|[key, tool]| fits_its_pair(key, tool));
        // A pair stored twice (by hand) counts where it stands last, as a
        // later press would have put it; found in one pass, as the storage
        // may hold a great many entries.
        let last: HashMap<String, usize> = votes.iter().enumerate().map(|(i, [key, _])| (key.clone(), i)).collect();
        let mut at = 0;
        votes.retain(|[key, _]| {
            at += 1;
            last[key] == at - 1
        });
        let mut sent = stored.sent;
        sent.retain(|[key, tool]| fits_its_pair(key, tool));
        let voter = stored.voter.filter(|voter| !voter.is_empty());
        let mut book = VoteBook { votes, sent, voter };
        book.forget_oldest_beyond(MAX_STORED_PAIRS);
        Ok(book)
    }
}

/// Whether `key` is a pair key and `tool` one of its two tools.
fn fits_its_pair(key: &str, tool: &str) -> bool {
    let Some((a, b)) = key.split_once('|') else { return false };
    (tool == a || tool == b) && a != b && pair_key(a, b) == key
}

/// The tool of the entry for the pair `key`, if there is one.
fn tool_for<'e>(entries: &'e [[String; 2]], key: &str) -> Option<&'e str> {
    entries.iter().find(|[entry, _]| entry == key).map(|[_, tool]| tool.as_str())
}

/// `[["<key>","<tool>"],…]`.
fn write_entries(out: &mut String, entries: &[[String; 2]]) {
    out.push('[');
    for (i, [key, tool]) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        json::write_string(out, key);
        out.push(',');
        json::write_string(out, tool);
        out.push(']');
    }
    out.push(']');
}

/// Where votes are kept between visits.
pub trait VoteStore {
    /// The stored text, `None` when nothing was stored yet.
    fn read(&self) -> Result<Option<String>, StoreError>;
    fn write(&self, text: &str) -> Result<(), StoreError>;
}

/// A boxed store is a store, so one ballot type serves every kind of store.
impl<S: VoteStore + ?Sized> VoteStore for Box<S> {
    fn read(&self) -> Result<Option<String>, StoreError> {
        (**self).read()
    }

    fn write(&self, text: &str) -> Result<(), StoreError> {
        (**self).write(text)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreError {
    /// No storage, or it refuses access (privacy settings, sandboxed frames).
    Unavailable,
    /// The storage quota is used up.
    Full,
}

/// What the reader is told about where their votes live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageNotice {
    /// Votes can't be kept: they live in memory until the page closes.
    NotKept,
    /// Stored votes were unreadable and start afresh.
    Reset,
}

/// This browser's votes and where they are kept.
pub struct Ballot<S: VoteStore> {
    store: S,
    book: VoteBook,
    persistent: bool,
    notice: Option<StorageNotice>,
}

impl<S: VoteStore> Ballot<S> {
    /// Reads the store. A store that fails means votes live in memory; data
    /// that cannot be decoded is reset (and overwritten by the next vote).
    pub fn open(store: S) -> Ballot<S> {
        let (book, persistent, notice) = match store.read() {
            Ok(None) => (VoteBook::default(), true, None),
            Ok(Some(text)) => match VoteBook::decode(&text) {
                Ok(book) => (book, true, None),
                Err(_) => (VoteBook::default(), true, Some(StorageNotice::Reset)),
            },
            Err(_) => (VoteBook::default(), false, Some(StorageNotice::NotKept)),
        };
        Ballot { store, book, persistent, notice }
    }

    pub fn book(&self) -> &VoteBook {
        &self.book
    }

    pub fn notice(&self) -> Option<StorageNotice> {
        self.notice
    }

    pub fn press(&mut self, a: &str, b: &str, tool: &str) -> VoteChange {
        self.change(|book| book.press(a, b, tool))
    }

    /// The collector answered `200` for `choice` on the pair.
    pub fn acknowledge(&mut self, a: &str, b: &str, choice: Option<&str>) {
        self.change(|book| book.acknowledge(a, b, choice));
    }

    /// This reader's id at the collector; `make` makes one (random) at the
    /// first call, which is then kept with the votes.
    pub fn voter(&mut self, make: impl FnOnce() -> String) -> String {
        if let Some(voter) = self.book.voter() {
            return voter.to_string();
        }
        self.change(|book| book.voter.get_or_insert_with(make).clone())
    }

    /// Applies `edit` to the latest stored votes and stores the result.
    fn change<T>(&mut self, edit: impl FnOnce(&mut VoteBook) -> T) -> T {
        if self.persistent {
            self.catch_up();
        }
        let result = edit(&mut self.book);
        if self.persistent {
            match self.store.write(&self.book.encode()) {
                Ok(()) => {
                    if self.notice == Some(StorageNotice::Reset) {
                        self.notice = None;
                    }
                }
                Err(_) => {
                    self.persistent = false;
                    self.notice = Some(StorageNotice::NotKept);
                }
            }
        }
        result
    }

    /// Reads what another ballot on the same store (a second widget of the
    /// catalog on the page, another tab) wrote since this one last read, so
    /// that the next write keeps those votes. Unreadable data is left to be
    /// replaced by the write, as at opening.
    fn catch_up(&mut self) {
        match self.store.read() {
            Ok(None) => self.book = VoteBook::default(),
            Ok(Some(text)) => {
                if let Ok(book) = VoteBook::decode(&text) {
                    self.book = book;
                }
            }
            // The write that follows fails too, and says so.
            Err(_) => {}
        }
    }

    /// Another tab changed the stored votes (the `storage` event).
    pub fn stored_elsewhere(&mut self, text: Option<&str>) {
        if !self.persistent {
            return;
        }
        self.book = match text {
            None => VoteBook::default(),
            Some(text) => VoteBook::decode(text).unwrap_or_default(),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// A store whose behaviour each test sets.
    #[derive(Clone, Default)]
    struct FakeStore {
        text: Rc<RefCell<Option<String>>>,
        read_fails: bool,
        write_error: Option<StoreError>,
    }

    impl VoteStore for FakeStore {
        fn read(&self) -> Result<Option<String>, StoreError> {
            if self.read_fails {
                return Err(StoreError::Unavailable);
            }
            Ok(self.text.borrow().clone())
        }

        fn write(&self, text: &str) -> Result<(), StoreError> {
            if let Some(err) = self.write_error {
                return Err(err);
            }
            *self.text.borrow_mut() = Some(text.to_string());
            Ok(())
        }
    }

    #[test]
    fn a_vote_is_cast_moved_and_withdrawn() {
        let mut book = VoteBook::default();
        let cast = book.press("smollm3", "vercel", "vercel");
        assert_eq!(cast, VoteChange { previous: None, current: Some("vercel".into()) });
        assert_eq!(book.vote("smollm3", "vercel"), Some("vercel"));

        let moved = book.press("smollm3", "vercel", "smollm3");
        assert_eq!(moved, VoteChange { previous: Some("vercel".into()), current: Some("smollm3".into()) });

        let withdrawn = book.press("smollm3", "vercel", "smollm3");
        assert_eq!(withdrawn, VoteChange { previous: Some("smollm3".into()), current: None });
        assert_eq!(book.vote("smollm3", "vercel"), None);
    }

    #[test]
    fn one_vote_per_unordered_pair() {
        let mut book = VoteBook::default();
        book.press("a", "b", "a");
        assert_eq!(book.vote("b", "a"), Some("a"));
        book.press("b", "a", "b");
        assert_eq!(book.vote("a", "b"), Some("b"));
        book.press("a", "c", "c");
        assert_eq!(book.vote("a", "b"), Some("b"), "other pairs keep their vote");
    }

    #[test]
    fn votes_survive_encoding() {
        let mut book = VoteBook::default();
        book.press("a", "b", "b");
        book.press("x", "y", "x");
        let decoded = VoteBook::decode(&book.encode()).unwrap();
        assert_eq!(decoded.vote("a", "b"), Some("b"));
        assert_eq!(decoded.vote("y", "x"), Some("x"));
    }

    #[test]
    fn changes_the_collector_has_not_acknowledged_are_unsent_until_it_does() {
        let mut book = VoteBook::default();
        book.press("b", "a", "a");
        assert_eq!(book.unsent(), [("a".into(), "b".into(), Some("a".into()))]);
        book.acknowledge("a", "b", Some("a"));
        assert_eq!(book.unsent(), []);
        assert_eq!(book.acknowledged("b", "a"), Some("a"));
        book.press("a", "b", "b");
        assert_eq!(book.unsent(), [("a".into(), "b".into(), Some("b".into()))]);
        book.acknowledge("a", "b", Some("b"));
        book.press("a", "b", "b");
        assert_eq!(book.unsent(), [("a".into(), "b".into(), None)], "a withdrawal is sent too");
        book.acknowledge("a", "b", None);
        assert_eq!((book.unsent(), book.acknowledged("a", "b")), (vec![], None));
    }

    #[test]
    fn the_voter_and_what_was_sent_survive_encoding() {
        let mut ballot = Ballot::open(FakeStore::default());
        let voter = ballot.voter(|| "random-id".into());
        assert_eq!(ballot.voter(|| unreachable!("made once")), voter);
        ballot.press("a", "b", "a");
        ballot.acknowledge("a", "b", Some("a"));
        ballot.press("x", "y", "y");
        let decoded = VoteBook::decode(&ballot.book().encode()).unwrap();
        assert_eq!(decoded.voter(), Some("random-id"));
        assert_eq!(decoded.acknowledged("a", "b"), Some("a"));
        assert_eq!(decoded.unsent(), [("x".into(), "y".into(), Some("y".into()))]);
        // Stored votes of before the collector read as nothing sent.
        let older = VoteBook::decode(r#"{"version":1,"votes":[["a|b","a"]]}"#).unwrap();
        assert_eq!((older.voter(), older.acknowledged("a", "b")), (None, None));
    }

    /// `embed.js` answers a press before the Wasm by rewriting `votes` in
    /// the stored text (README, "Voting"): the book reads it as its own
    /// press, and the collector is sent what it has not acknowledged.
    #[test]
    fn the_book_reads_what_embed_js_writes_before_the_widget_runs() {
        let mut book = VoteBook::default();
        book.press("a", "b", "a");
        book.press("c", "d", "d");
        book.acknowledge("a", "b", Some("a"));
        book.acknowledge("c", "d", Some("d"));
        book.voter = Some("v1".to_string());
        assert_eq!(
            book.encode(),
            r#"{"version":1,"votes":[["a|b","a"],["c|d","d"]],"sent":[["a|b","a"],["c|d","d"]],"voter":"v1"}"#
        );
        // What embed.js writes after "b" on a|b (moved, now last), a first
        // vote on e|f (last), and "d" again on c|d (withdrawn):
        let written =
            r#"{"version":1,"votes":[["a|b","b"],["e|f","e"]],"sent":[["a|b","a"],["c|d","d"]],"voter":"v1"}"#;
        let mut read = VoteBook::decode(written).unwrap();
        assert_eq!(read.vote("a", "b"), Some("b"));
        assert_eq!(read.vote("c", "d"), None);
        assert_eq!(read.voter(), Some("v1"), "the reader's id at the collector is kept");
        assert_eq!(
            read.unsent(),
            [
                ("a".into(), "b".into(), Some("b".into())),
                ("e".into(), "f".into(), Some("e".into())),
                ("c".into(), "d".into(), None),
            ]
        );
        // Once acknowledged, nothing is sent again.
        read.acknowledge("a", "b", Some("b"));
        read.acknowledge("e", "f", Some("e"));
        read.acknowledge("c", "d", None);
        assert!(read.unsent().is_empty());
        // The book writes them back in the order they were cast.
        assert!(read.encode().starts_with(r#"{"version":1,"votes":[["a|b","b"],["e|f","e"]]"#));
    }

    #[test]
    fn corrupt_and_other_version_data_is_refused() {
        assert_eq!(VoteBook::decode("{not json"), Err(DecodeError::Corrupt));
        assert_eq!(VoteBook::decode(r#"{"version":1,"votes":"x"}"#), Err(DecodeError::Corrupt));
        assert_eq!(VoteBook::decode("[]"), Err(DecodeError::Corrupt));
        assert_eq!(VoteBook::decode(r#"{"version":0,"votes":{}}"#), Err(DecodeError::OtherVersion(0)));
    }

    #[test]
    fn entries_that_do_not_fit_their_pair_are_dropped() {
        let text = r#"{"version":1,"votes":[["a|b","c"],["b|a","a"],["a|a","a"],["nopipe","x"],["a|b","a"]]}"#;
        let book = VoteBook::decode(text).unwrap();
        assert_eq!(book.vote("a", "b"), Some("a"));
        assert_eq!(book.votes.len(), 1);
    }

    #[test]
    fn the_oldest_votes_give_way_beyond_the_limit() {
        let mut book = VoteBook::default();
        for i in 0..=MAX_STORED_PAIRS {
            book.press(&format!("t{i}"), "z", "z");
            book.acknowledge(&format!("t{i}"), "z", Some("z"));
        }
        assert_eq!(book.votes.len(), MAX_STORED_PAIRS);
        assert_eq!(book.vote("t0", "z"), None);
        assert_eq!(book.acknowledged("t0", "z"), None, "a forgotten vote is no longer followed at the collector");
        assert_eq!(book.acknowledged("t1", "z"), Some("z"));
        assert_eq!(book.vote(&format!("t{MAX_STORED_PAIRS}"), "z"), Some("z"));
        // Stored beyond the limit (by hand): the newest are read.
        let entries: Vec<String> = (0..MAX_STORED_PAIRS + 5).map(|i| format!(r#"["t{i:05}|z","z"]"#)).collect();
        let read = VoteBook::decode(&format!(r#"{{"version":1,"votes":[{}]}}"#, entries.join(","))).unwrap();
        assert_eq!(read.votes.len(), MAX_STORED_PAIRS);
        assert_eq!((read.vote("t00004", "z"), read.vote("t00005", "z")), (None, Some("z")));
    }

    #[test]
    fn a_pair_stored_twice_counts_where_it_stands_last() {
        let text = r#"{"version":1,"votes":[["a|b","a"],["a|c","c"],["a|b","b"],["a|b","zzz"]]}"#;
        let book = VoteBook::decode(text).unwrap();
        assert_eq!(book.vote("a", "b"), Some("b"));
        assert!(book.encode().starts_with(r#"{"version":1,"votes":[["a|c","c"],["a|b","b"]]"#), "{}", book.encode());
    }

    #[test]
    fn storage_keys_are_namespaced_versioned_and_per_catalog() {
        assert_eq!(
            storage_key("https://example.com/compare/catalog.json"),
            "tool-compare:v1:votes:https://example.com/compare/catalog.json"
        );
        assert_ne!(storage_key("https://a.example/c.json"), storage_key("https://b.example/c.json"));
    }

    #[test]
    fn a_ballot_keeps_votes_in_its_store() {
        let store = FakeStore::default();
        let mut ballot = Ballot::open(store.clone());
        assert_eq!(ballot.notice(), None);
        ballot.press("a", "b", "a");
        let reopened = Ballot::open(store);
        assert_eq!(reopened.book().vote("a", "b"), Some("a"));
    }

    #[test]
    fn an_unavailable_store_means_votes_in_memory_with_a_notice() {
        let store = FakeStore { read_fails: true, ..FakeStore::default() };
        let mut ballot = Ballot::open(store.clone());
        assert_eq!(ballot.notice(), Some(StorageNotice::NotKept));
        ballot.press("a", "b", "b");
        assert_eq!(ballot.book().vote("a", "b"), Some("b"));
        assert_eq!(*store.text.borrow(), None, "nothing is written to a failing store");
    }

    #[test]
    fn a_full_store_switches_to_memory_and_says_so() {
        let store = FakeStore { write_error: Some(StoreError::Full), ..FakeStore::default() };
        let mut ballot = Ballot::open(store);
        assert_eq!(ballot.notice(), None);
        ballot.press("a", "b", "a");
        assert_eq!(ballot.notice(), Some(StorageNotice::NotKept));
        assert_eq!(ballot.book().vote("a", "b"), Some("a"), "the vote still counts");
    }

    #[test]
    fn corrupt_stored_data_is_reset_and_replaced_by_the_next_vote() {
        let store = FakeStore::default();
        *store.text.borrow_mut() = Some("\u{0}garbage".into());
        let mut ballot = Ballot::open(store.clone());
        assert_eq!(ballot.notice(), Some(StorageNotice::Reset));
        ballot.press("a", "b", "a");
        assert_eq!(ballot.notice(), None);
        assert!(VoteBook::decode(store.text.borrow().as_deref().unwrap()).is_ok());
    }

    #[test]
    fn two_ballots_on_one_store_keep_each_others_votes() {
        let store = FakeStore::default();
        let mut first = Ballot::open(store.clone());
        let mut second = Ballot::open(store.clone());
        first.press("a", "b", "a");
        second.press("c", "d", "d");
        let reopened = Ballot::open(store.clone());
        assert_eq!(reopened.book().vote("a", "b"), Some("a"));
        assert_eq!(reopened.book().vote("c", "d"), Some("d"));
        // The same pair from the other ballot moves the vote it did not cast.
        let change = second.press("a", "b", "b");
        assert_eq!(change.previous.as_deref(), Some("a"));
        assert_eq!(Ballot::open(store).book().vote("a", "b"), Some("b"));
    }

    #[test]
    fn votes_from_another_tab_replace_the_book() {
        let mut other = VoteBook::default();
        other.press("a", "b", "b");
        let mut ballot = Ballot::open(FakeStore::default());
        ballot.press("a", "b", "a");
        ballot.stored_elsewhere(Some(&other.encode()));
        assert_eq!(ballot.book().vote("a", "b"), Some("b"));
        ballot.stored_elsewhere(None);
        assert_eq!(ballot.book().vote("a", "b"), None, "storage cleared in another tab");
    }
}
