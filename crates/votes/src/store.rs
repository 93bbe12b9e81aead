//! Where votes are kept: one query layer (sqlx's `Any` driver) over SQLite,
//! the embedded default, and PostgreSQL. One row per voter and unordered
//! pair; the voter is stored as a keyed hash, never as sent, and no client
//! address is stored at all. A change is committed before it is answered:
//! SQLite runs with `synchronous=FULL`, PostgreSQL with its default fsync.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};

use crate::protocol::{Counts, UnorderedPair, VoteChange};

pub struct Store {
    pool: AnyPool,
    /// The key of the voter hashes, made at the first start and kept in the
    /// database, so that every instance on one database hashes alike.
    key: Vec<u8>,
}

const SCHEMA: [&str; 2] = [
    "CREATE TABLE IF NOT EXISTS votes (
        tool_a TEXT NOT NULL,
        tool_b TEXT NOT NULL,
        voter TEXT NOT NULL,
        choice TEXT NOT NULL,
        PRIMARY KEY (tool_a, tool_b, voter)
    )",
    "CREATE TABLE IF NOT EXISTS voter_key (id INTEGER PRIMARY KEY, key_hex TEXT NOT NULL)",
];

impl Store {
    /// Opens (creating a SQLite file when missing) and prepares the tables.
    pub async fn open(url: &str) -> Result<Store, String> {
        sqlx::any::install_default_drivers();
        let sqlite = url.starts_with("sqlite:");
        let url = if sqlite && !url.contains("mode=") {
            format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
        } else {
            url.to_string()
        };
        let pool = AnyPoolOptions::new()
            // SQLite takes one writer at a time anyway; one connection
            // spares it the lock contention.
            .max_connections(if sqlite { 1 } else { 10 })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if sqlite {
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA busy_timeout = 5000").await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .map_err(|err| format!("cannot open the database {}: {err}", redacted(&url)))?;
        for statement in SCHEMA {
            pool.execute(statement).await.map_err(|err| format!("cannot prepare the database: {err}"))?;
        }
        let key = voter_key(&pool).await?;
        Ok(Store { pool, key })
    }

    /// Applies one voter's change to a pair and answers its counts after it.
    pub async fn record(&self, change: &VoteChange) -> Result<Counts, sqlx::Error> {
        let pair = &change.pair;
        let voter = self.voter_hash(&change.voter);
        let mut tx = self.pool.begin().await?;
        match &change.choice {
            Some(choice) => {
                sqlx::query(
                    "INSERT INTO votes (tool_a, tool_b, voter, choice) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (tool_a, tool_b, voter) DO UPDATE SET choice = excluded.choice",
                )
                .bind(&pair.first)
                .bind(&pair.second)
                .bind(&voter)
                .bind(choice)
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query("DELETE FROM votes WHERE tool_a = $1 AND tool_b = $2 AND voter = $3")
                    .bind(&pair.first)
                    .bind(&pair.second)
                    .bind(&voter)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let rows = sqlx::query(TALLY).bind(&pair.first).bind(&pair.second).fetch_all(&mut *tx).await?;
        tx.commit().await?;
        counts(pair, rows)
    }

    /// A pair's counts.
    pub async fn tally(&self, pair: &UnorderedPair) -> Result<Counts, sqlx::Error> {
        let rows = sqlx::query(TALLY).bind(&pair.first).bind(&pair.second).fetch_all(&self.pool).await?;
        counts(pair, rows)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    fn voter_hash(&self, voter: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes a key of any length");
        mac.update(voter.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

const TALLY: &str = "SELECT choice, COUNT(*) AS n FROM votes WHERE tool_a = $1 AND tool_b = $2 GROUP BY choice";

fn counts(pair: &UnorderedPair, rows: Vec<AnyRow>) -> Result<Counts, sqlx::Error> {
    let mut counts = Counts::from([(pair.first.clone(), 0), (pair.second.clone(), 0)]);
    for row in rows {
        let choice: String = row.try_get("choice")?;
        let n: i64 = row.try_get("n")?;
        // A tool's votes, whatever the catalog said when they were cast.
        if let Some(count) = counts.get_mut(&choice) {
            *count = n as u64;
        }
    }
    Ok(counts)
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
