//! The database's tables, versioned: each start brings the database to the
//! newest version in place, in one transaction that holds a lock for the
//! whole set-up, so that any number of instances may start together on a
//! fresh database (concurrent `CREATE TABLE IF NOT EXISTS` alone collides in
//! PostgreSQL's catalog). A database of a newer version than this program
//! knows is refused rather than written in a form it does not understand.

use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyPool, Executor, Row};

/// The tables of each version; a version's statements run once, in order.
/// Version 1 is the first release's (which had no version table, so its
/// statements must take an existing database as it is).
const MIGRATIONS: [&[&str]; 2] = [
    &[
        "CREATE TABLE IF NOT EXISTS votes (
            tool_a TEXT NOT NULL,
            tool_b TEXT NOT NULL,
            voter TEXT NOT NULL,
            choice TEXT NOT NULL,
            PRIMARY KEY (tool_a, tool_b, voter)
        )",
        "CREATE TABLE IF NOT EXISTS voter_key (id INTEGER PRIMARY KEY, key_hex TEXT NOT NULL)",
    ],
    // Counts kept per pair, so that a vote and a tally cost the same at ten
    // votes or ten million; filled from the votes already cast.
    &[
        "CREATE TABLE pair_counts (
            tool_a TEXT NOT NULL,
            tool_b TEXT NOT NULL,
            votes_a BIGINT NOT NULL,
            votes_b BIGINT NOT NULL,
            PRIMARY KEY (tool_a, tool_b)
        )",
        "INSERT INTO pair_counts (tool_a, tool_b, votes_a, votes_b)
         SELECT tool_a, tool_b,
                SUM(CASE WHEN choice = tool_a THEN 1 ELSE 0 END),
                SUM(CASE WHEN choice = tool_b THEN 1 ELSE 0 END)
         FROM votes GROUP BY tool_a, tool_b",
    ],
];

/// The version this program writes.
pub const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database to [`CURRENT_VERSION`]; answers the version found.
pub async fn prepare(pool: &AnyPool, postgres: bool) -> Result<i64, String> {
    let mut conn = pool.acquire().await.map_err(|err| format!("cannot prepare the database: {err}"))?;
    let prepared = migrate(&mut conn, postgres).await;
    if prepared.is_err() {
        let _ = conn.execute("ROLLBACK").await;
    }
    prepared.map_err(|err| format!("cannot prepare the database: {err}"))
}

async fn migrate(conn: &mut PoolConnection<Any>, postgres: bool) -> Result<i64, String> {
    let sql = |err: sqlx::Error| err.to_string();
    if postgres {
        conn.execute("BEGIN").await.map_err(sql)?;
        // One set-up at a time across every instance on this database;
        // released by the commit. The number is this program's own.
        conn.execute("SELECT pg_advisory_xact_lock(7406283915)").await.map_err(sql)?;
    } else {
        // SQLite: the write lock from the start, so that a second process
        // waits (busy_timeout) instead of failing to upgrade a read lock.
        conn.execute("BEGIN IMMEDIATE").await.map_err(sql)?;
    }
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)")
        .await
        .map_err(sql)?;
    let found: i64 = match sqlx::query("SELECT version FROM schema_version WHERE id = 1")
        .fetch_optional(&mut **conn)
        .await
        .map_err(sql)?
    {
        Some(row) => row.try_get("version").map_err(sql)?,
        None => 0,
    };
    if found > CURRENT_VERSION {
        return Err(format!(
            "the database is of version {found}, newer than this collector's {CURRENT_VERSION}: run the newer collector"
        ));
    }
    for (index, statements) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        for statement in *statements {
            conn.execute(*statement).await.map_err(|err| format!("version {}: {err}", index + 1))?;
        }
    }
    if found < CURRENT_VERSION {
        sqlx::query(
            "INSERT INTO schema_version (id, version) VALUES (1, $1)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version",
        )
        .bind(CURRENT_VERSION)
        .execute(&mut **conn)
        .await
        .map_err(sql)?;
    }
    conn.execute("COMMIT").await.map_err(sql)?;
    Ok(found)
}
