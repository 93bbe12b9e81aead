//! Where votes are kept: one query layer (sqlx's `Any` driver) over SQLite,
//! the embedded default, and PostgreSQL. One row per voter and unordered
//! pair, and one row of counts per pair kept in the same transactions; the
//! voter is stored as a keyed hash, never as sent, and no client address is
//! stored at all. A change is answered only once its group is committed:
//! SQLite runs with `synchronous=FULL`, PostgreSQL with its default fsync.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor, Row};
use tokio::sync::{mpsc, oneshot, watch};

use crate::group_commit::{self, Change, Dialect, GroupFailed, Progress, Waiting};
use crate::protocol::{Counts, UnorderedPair, VoteChange};
use crate::schema;

pub struct Store {
    /// Tallies; the writer has its own connection.
    reads: AnyPool,
    writes: AnyPool,
    queue: mpsc::Sender<Waiting>,
    progress: watch::Receiver<Progress>,
    /// The key of the voter hashes, made at the first start and kept in the
    /// database, so that every instance on one database hashes alike.
    key: Vec<u8>,
}

/// Changes waiting for the writer at most; more wait for room (a bound, so
/// that a flood makes requests wait rather than memory grow).
const QUEUE: usize = 8 * group_commit::MAX_GROUP;

impl Store {
    /// Opens (creating a SQLite file when missing) and brings the tables to
    /// the current version.
    pub async fn open(url: &str) -> Result<Store, String> {
        sqlx::any::install_default_drivers();
        let sqlite = url.starts_with("sqlite:");
        let url = if sqlite && !url.contains("mode=") {
            format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
        } else {
            url.to_string()
        };
        // One writer; readers beside it (SQLite's WAL lets them read while
        // it writes).
        let writes = connect(&url, sqlite, 1, Role::Writer).await?;
        schema::prepare(&writes, !sqlite).await?;
        let reads = connect(&url, sqlite, 4, Role::Reader).await?;
        let key = voter_key(&writes).await?;
        let (queue, waiting) = mpsc::channel(QUEUE);
        let (progress_sender, progress) = watch::channel(Progress::default());
        let dialect = if sqlite { Dialect::Sqlite } else { Dialect::Postgres };
        tokio::spawn(group_commit::write(writes.clone(), dialect, waiting, progress_sender));
        if sqlite {
            tokio::spawn(checkpoint(reads.clone()));
        }
        Ok(Store { reads, writes, queue, progress, key })
    }

    /// Applies one voter's change to a pair, in the next group, and answers
    /// its counts after it once the group is durable.
    pub async fn record(&self, change: &VoteChange) -> Result<Counts, GroupFailed> {
        let change = Change {
            pair: change.pair.clone(),
            voter_hash: self.voter_hash(&change.voter),
            choice: change.choice.clone(),
        };
        let (answer, answered) = oneshot::channel();
        let stopped = || GroupFailed("the writer has stopped".into());
        self.queue.send(Waiting { change, answer }).await.map_err(|_| stopped())?;
        answered.await.map_err(|_| stopped())?
    }

    /// A pair's counts, as kept: one row, whatever the pair holds.
    pub async fn tally(&self, pair: &UnorderedPair) -> Result<Counts, sqlx::Error> {
        let row = sqlx::query("SELECT votes_a, votes_b FROM pair_counts WHERE tool_a = $1 AND tool_b = $2")
            .bind(&pair.first)
            .bind(&pair.second)
            .fetch_optional(&self.reads)
            .await?;
        let (votes_a, votes_b): (i64, i64) = match row {
            Some(row) => (row.try_get("votes_a")?, row.try_get("votes_b")?),
            None => (0, 0),
        };
        Ok(Counts::from([(pair.first.clone(), votes_a.max(0) as u64), (pair.second.clone(), votes_b.max(0) as u64)]))
    }

    /// Groups committed and the changes in them since the start.
    pub fn progress(&self) -> Progress {
        *self.progress.borrow()
    }

    pub async fn close(&self) {
        self.reads.close().await;
        self.writes.close().await;
    }

    fn voter_hash(&self, voter: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes a key of any length");
        mac.update(voter.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

/// Copies SQLite's WAL into the database four times a second, on a
/// reader's connection, until the pool closes. Passive: it never waits for
/// the writer, nor makes it wait.
async fn checkpoint(reads: AnyPool) {
    let mut ticks = tokio::time::interval(std::time::Duration::from_millis(250));
    while !reads.is_closed() {
        ticks.tick().await;
        if let Err(err) = reads.execute("PRAGMA wal_checkpoint(PASSIVE)").await {
            if !reads.is_closed() {
                eprintln!("tool-compare-votes: a checkpoint of the WAL failed (the next one tries again): {err}");
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Writer,
    Reader,
}

async fn connect(url: &str, sqlite: bool, connections: u32, role: Role) -> Result<AnyPool, String> {
    AnyPoolOptions::new()
        .max_connections(connections)
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if sqlite && role == Role::Writer {
                    // The WAL is copied into the database by `checkpoint`,
                    // beside the writer: done within a commit, as SQLite
                    // does by default, it stalls every change waiting.
                    conn.execute("PRAGMA wal_autocheckpoint = 0").await?;
                    // The pages the groups touch stay in memory (64 MiB,
                    // for the writer only: readers read one row).
                    conn.execute("PRAGMA cache_size = -65536").await?;
                }
                if sqlite {
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    // Each group's commit is flushed before its changes
                    // are answered.
                    conn.execute("PRAGMA synchronous = FULL").await?;
                    conn.execute("PRAGMA busy_timeout = 5000").await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await
        .map_err(|err| format!("cannot open the database {}: {err}", redacted(url)))
}

/// The voter hashes' key: read, or made and stored by the first instance.
async fn voter_key(pool: &AnyPool) -> Result<Vec<u8>, String> {
    let mut fresh = [0_u8; 32];
    getrandom::fill(&mut fresh).map_err(|err| format!("no random numbers for the voter key: {err}"))?;
    sqlx::query("INSERT INTO voter_key (id, key_hex) VALUES (1, $1) ON CONFLICT (id) DO NOTHING")
        .bind(hex(&fresh))
        .execute(pool)
        .await
        .map_err(|err| format!("cannot store the voter key: {err}"))?;
    let key_hex: String = sqlx::query("SELECT key_hex FROM voter_key WHERE id = 1")
        .fetch_one(pool)
        .await
        .and_then(|row| row.try_get("key_hex"))
        .map_err(|err| format!("cannot read the voter key: {err}"))?;
    (0..key_hex.len())
        .step_by(2)
        .map(|at| u8::from_str_radix(key_hex.get(at..at + 2).unwrap_or("zz"), 16))
        .collect::<Result<_, _>>()
        .map_err(|_| "the stored voter key is not hexadecimal".to_string())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// A database URL without its password, for messages.
fn redacted(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn passwords_stay_out_of_messages() {
        assert_eq!(redacted("postgres://votes:s3cret@db/votes"), "postgres://votes:***@db/votes");
        assert_eq!(redacted("sqlite:votes.db"), "sqlite:votes.db");
    }
}
