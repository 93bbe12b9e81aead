//! Group commit: one writer takes every change waiting in its queue, applies
//! them in one transaction, commits once, and only then answers each. A
//! group closes when it holds [`MAX_GROUP`] changes or when no further
//! change is waiting: the changes that arrive while a group is being made
//! durable form the next one, so that the rate is no longer bounded by one
//! disk flush per change, and a quiet collector still answers a lone change
//! after one flush.
//!
//! Within a group the changes are applied in the order of their pair, and
//! the pairs' count rows are locked, in that order, before their votes are
//! read: every instance on one PostgreSQL takes its locks in the same
//! order, so that concurrent groups wait for each other instead of
//! deadlocking, and two instances never both add the same voter's vote.

use std::collections::HashMap;

use sqlx::AnyConnection;
use sqlx::{AnyPool, Connection, Row};
use tokio::sync::{mpsc, oneshot, watch};

use crate::protocol::{Counts, UnorderedPair};

/// Where SQLite and PostgreSQL need different SQL for the same statement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The `n`th parameter (from 1). SQLite looks `$N` up by name in a
    /// list, which grows quadratic with a group's hundreds of parameters.
    fn param(self, n: usize) -> String {
        match self {
            Dialect::Sqlite => format!("?{n}"),
            Dialect::Postgres => format!("${n}"),
        }
    }

    /// Reads the current choices of `rows` vote rows, by their key.
    fn select_choices(self, rows: usize) -> String {
        let select = "SELECT v.tool_a, v.tool_b, v.voter, v.choice FROM votes AS v";
        match self {
            Dialect::Sqlite => format!("{select} WHERE {}", self.any_of_keys(rows)),
            Dialect::Postgres => format!("{select} JOIN {} ON {KEYS_MATCH}", self.key_list(rows)),
        }
    }

    /// Deletes `rows` vote rows, by their key.
    fn delete_votes(self, rows: usize) -> String {
        match self {
            Dialect::Sqlite => format!("DELETE FROM votes AS v WHERE {}", self.any_of_keys(rows)),
            Dialect::Postgres => format!("DELETE FROM votes AS v USING {} WHERE {KEYS_MATCH}", self.key_list(rows)),
        }
    }

    /// SQLite: `(v.tool_a = ?1 AND …) OR …`. SQLite scans the whole table
    /// for a row-value `IN`, but looks each term of an `OR` up in the key's
    /// index.
    fn any_of_keys(self, rows: usize) -> String {
        let terms: Vec<String> = (0..rows)
            .map(|row| {
                let [a, b, voter] = [1, 2, 3].map(|column| self.param(row * 3 + column));
                format!("(v.tool_a = {a} AND v.tool_b = {b} AND v.voter = {voter})")
            })
            .collect();
        terms.join(" OR ")
    }

    /// PostgreSQL: the keys as a list `k` to join, matched by
    /// [`KEYS_MATCH`]. PostgreSQL turns an `OR` of keys into a scan of the
    /// pair's rows, which a popular pair makes long.
    fn key_list(self, rows: usize) -> String {
        format!("(VALUES {}) AS k (tool_a, tool_b, voter)", self.placeholders(rows, 3))
    }

    /// `($1, $2), ($3, $4)…`: `rows` rows of `width` parameters.
    fn placeholders(self, rows: usize, width: usize) -> String {
        (0..rows)
            .map(|row| {
                let columns: Vec<String> = (1..=width).map(|column| self.param(row * width + column)).collect();
                format!("({})", columns.join(", "))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A vote row `v` that is one of [`Dialect::key_list`]'s keys `k`.
const KEYS_MATCH: &str = "v.tool_a = k.tool_a AND v.tool_b = k.tool_b AND v.voter = k.voter";

/// The most changes one transaction applies. Larger groups were slower
/// here, not faster: a statement's cost grows faster than its rows (64 gave
/// 6,000 changes/s where 512 gave 5,200 on SQLite, bench/votes-load.sh).
pub const MAX_GROUP: usize = 64;

/// One voter's change to a pair, the voter already hashed.
#[derive(Debug, Clone)]
pub struct Change {
    pub pair: UnorderedPair,
    pub voter_hash: String,
    pub choice: Option<String>,
}

/// A change waiting for its group, and where its answer goes.
pub struct Waiting {
    pub change: Change,
    pub answer: oneshot::Sender<Result<Counts, GroupFailed>>,
}

/// The change's group was not committed; nothing of it was applied.
#[derive(Debug, Clone)]
pub struct GroupFailed(pub String);

/// What the writer has done, for the tests and the logs.
#[derive(Debug, Default, Clone, Copy)]
pub struct Progress {
    pub groups: u64,
    pub changes: u64,
}

/// Runs until every sender is gone: takes groups off `queue` and commits them.
pub async fn write(
    pool: AnyPool,
    dialect: Dialect,
    mut queue: mpsc::Receiver<Waiting>,
    progress: watch::Sender<Progress>,
) {
    let mut group: Vec<Waiting> = Vec::with_capacity(MAX_GROUP);
    while queue.recv_many(&mut group, MAX_GROUP).await > 0 {
        let answers = match apply(&pool, dialect, &group).await {
            Ok(counts) => counts.into_iter().map(Ok).collect(),
            Err(err) => {
                eprintln!("tool-compare-votes: a group of {} changes failed, none applied: {err}", group.len());
                vec![Err(GroupFailed(err.to_string())); group.len()]
            }
        };
        progress.send_modify(|progress| {
            progress.groups += 1;
            progress.changes += group.len() as u64;
        });
        for (waiting, answer) in group.drain(..).zip(answers) {
            // A client that went away no longer waits for its answer; its
            // change stands all the same.
            let _ = waiting.answer.send(answer);
        }
    }
}

/// Applies a group in one transaction of five statements, whatever its
/// size: lock the pairs' counts, read the voters' current choices, write
/// the choices that changed, remove the withdrawn ones, store the counts.
/// Answers each change's counts just after it, as if applied one by one.
async fn apply(pool: &AnyPool, dialect: Dialect, group: &[Waiting]) -> Result<Vec<Counts>, sqlx::Error> {
    let mut order: Vec<usize> = (0..group.len()).collect();
    // Stable: one voter's changes to one pair keep the order they came in.
    order.sort_by(|&x, &y| key(&group[x].change).cmp(&key(&group[y].change)));
    let mut keys: Vec<VoteKey> = order.iter().map(|&index| key(&group[index].change)).collect();
    keys.dedup();
    let mut pairs: Vec<&UnorderedPair> = keys.iter().map(|(pair, _)| *pair).collect();
    pairs.dedup();

    let mut conn = pool.acquire().await?;
    let mut tx = conn.begin().await?;
    let mut counts = lock_counts(&mut tx, dialect, &pairs).await?;
    let counted = counts.clone();
    let mut choices = current_choices(&mut tx, dialect, &keys).await?;
    let stored = choices.clone();
    let mut answers = vec![Counts::new(); group.len()];
    for &index in &order {
        let change = &group[index].change;
        let pair = &change.pair;
        let choice = choices.entry(key(change)).or_default();
        let pair_counts = counts.entry(pair).or_default();
        if *choice != change.choice {
            for (choice, step) in [(&*choice, -1), (&change.choice, 1)] {
                match choice.as_deref() {
                    Some(id) if id == pair.first => pair_counts.0 = pair_counts.0.saturating_add_signed(step),
                    Some(id) if id == pair.second => pair_counts.1 = pair_counts.1.saturating_add_signed(step),
                    _ => {}
                }
            }
            choice.clone_from(&change.choice);
        }
        answers[index] = Counts::from([(pair.first.clone(), pair_counts.0), (pair.second.clone(), pair_counts.1)]);
    }
    let changed = |key: &VoteKey| stored.get(key) != choices.get(key);
    let cast: Vec<(VoteKey, &str)> = keys
        .iter()
        .filter(|key| changed(key))
        .filter_map(|key| choices[key].as_deref().map(|choice| (*key, choice)))
        .collect();
    let withdrawn: Vec<VoteKey> = keys.iter().filter(|key| changed(key) && choices[*key].is_none()).copied().collect();
    store_choices(&mut tx, dialect, &cast).await?;
    remove_choices(&mut tx, dialect, &withdrawn).await?;
    let recounted: Vec<(&UnorderedPair, (u64, u64))> =
        pairs.iter().filter(|pair| counted.get(*pair) != counts.get(*pair)).map(|pair| (*pair, counts[pair])).collect();
    store_counts(&mut tx, dialect, &recounted).await?;
    tx.commit().await?;
    Ok(answers)
}

/// A vote's row: its pair and its voter's hash.
type VoteKey<'a> = (&'a UnorderedPair, &'a str);

fn key(change: &Change) -> VoteKey<'_> {
    (&change.pair, &change.voter_hash)
}

/// The pairs' counts, their rows locked (made when missing) until the
/// commit, in the order given.
async fn lock_counts<'a>(
    conn: &mut AnyConnection,
    dialect: Dialect,
    pairs: &[&'a UnorderedPair],
) -> Result<HashMap<&'a UnorderedPair, (u64, u64)>, sqlx::Error> {
    // An upsert that changes nothing still takes the row's lock in
    // PostgreSQL, where `SELECT … FOR UPDATE` could not lock a missing row.
    let sql = format!(
        "INSERT INTO pair_counts (tool_a, tool_b, votes_a, votes_b) VALUES {}
         ON CONFLICT (tool_a, tool_b) DO UPDATE SET votes_a = pair_counts.votes_a
         RETURNING tool_a, tool_b, votes_a, votes_b",
        dialect.placeholders(pairs.len(), 4)
    );
    let mut query = sqlx::query(&sql).persistent(false);
    for pair in pairs {
        query = query.bind(&pair.first).bind(&pair.second).bind(0_i64).bind(0_i64);
    }
    let by_ids: HashMap<(&str, &str), &UnorderedPair> =
        pairs.iter().map(|pair| ((pair.first.as_str(), pair.second.as_str()), *pair)).collect();
    let mut counts = HashMap::with_capacity(pairs.len());
    for row in query.fetch_all(&mut *conn).await? {
        let (first, second): (String, String) = (row.try_get("tool_a")?, row.try_get("tool_b")?);
        let (votes_a, votes_b): (i64, i64) = (row.try_get("votes_a")?, row.try_get("votes_b")?);
        if let Some(pair) = by_ids.get(&(first.as_str(), second.as_str())) {
            counts.insert(*pair, (votes_a.max(0) as u64, votes_b.max(0) as u64));
        }
    }
    Ok(counts)
}

async fn current_choices<'a>(
    conn: &mut AnyConnection,
    dialect: Dialect,
    keys: &[VoteKey<'a>],
) -> Result<HashMap<VoteKey<'a>, Option<String>>, sqlx::Error> {
    let sql = dialect.select_choices(keys.len());
    let mut query = sqlx::query(&sql).persistent(false);
    for (pair, voter) in keys {
        query = query.bind(&pair.first).bind(&pair.second).bind(*voter);
    }
    let by_ids: HashMap<(&str, &str, &str), VoteKey> =
        keys.iter().map(|key| ((key.0.first.as_str(), key.0.second.as_str(), key.1), *key)).collect();
    let mut choices: HashMap<VoteKey, Option<String>> = keys.iter().map(|key| (*key, None)).collect();
    for row in query.fetch_all(&mut *conn).await? {
        let (first, second, voter): (String, String, String) =
            (row.try_get("tool_a")?, row.try_get("tool_b")?, row.try_get("voter")?);
        if let Some(key) = by_ids.get(&(first.as_str(), second.as_str(), voter.as_str())) {
            choices.insert(*key, Some(row.try_get("choice")?));
        }
    }
    Ok(choices)
}

async fn store_choices(
    conn: &mut AnyConnection,
    dialect: Dialect,
    cast: &[(VoteKey<'_>, &str)],
) -> Result<(), sqlx::Error> {
    if cast.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO votes (tool_a, tool_b, voter, choice) VALUES {}
         ON CONFLICT (tool_a, tool_b, voter) DO UPDATE SET choice = excluded.choice",
        dialect.placeholders(cast.len(), 4)
    );
    let mut query = sqlx::query(&sql).persistent(false);
    for ((pair, voter), choice) in cast {
        query = query.bind(&pair.first).bind(&pair.second).bind(*voter).bind(*choice);
    }
    query.execute(&mut *conn).await.map(|_| ())
}

async fn remove_choices(
    conn: &mut AnyConnection,
    dialect: Dialect,
    withdrawn: &[VoteKey<'_>],
) -> Result<(), sqlx::Error> {
    if withdrawn.is_empty() {
        return Ok(());
    }
    let sql = dialect.delete_votes(withdrawn.len());
    let mut query = sqlx::query(&sql).persistent(false);
    for (pair, voter) in withdrawn {
        query = query.bind(&pair.first).bind(&pair.second).bind(*voter);
    }
    query.execute(&mut *conn).await.map(|_| ())
}

async fn store_counts(
    conn: &mut AnyConnection,
    dialect: Dialect,
    counts: &[(&UnorderedPair, (u64, u64))],
) -> Result<(), sqlx::Error> {
    if counts.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO pair_counts (tool_a, tool_b, votes_a, votes_b) VALUES {}
         ON CONFLICT (tool_a, tool_b) DO UPDATE SET votes_a = excluded.votes_a, votes_b = excluded.votes_b",
        dialect.placeholders(counts.len(), 4)
    );
    let mut query = sqlx::query(&sql).persistent(false);
    for (pair, (votes_a, votes_b)) in counts {
        query = query.bind(&pair.first).bind(&pair.second).bind(*votes_a as i64).bind(*votes_b as i64);
    }
    query.execute(&mut *conn).await.map(|_| ())
}
