//! The collector as a site owner runs it: the binary started with the
//! documented command line, spoken to over HTTP, against real SQLite and,
//! where `TOOL_COMPARE_VOTES_POSTGRES` names a server (scripts/test.sh
//! starts a throwaway one), real PostgreSQL.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const SEED_CATALOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/catalog.json");
const ORIGIN: &str = "https://blog.example.com";

/// A collector process; killed when dropped.
struct Collector {
    child: Child,
    address: String,
}

impl Collector {
    fn start(database: &str, catalog: &Path, extra: &[&str]) -> Collector {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tool-compare-votes"))
            .args(["serve", "--listen", "127.0.0.1:0", "--database", database, "--catalog"])
            .arg(catalog)
            .args(["--allow-origin", ORIGIN])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the collector starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Collector { child, address }
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.address);
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let mut lines = head.lines();
        let status = lines.next().unwrap_or_default().split(' ').nth(1).unwrap_or("0").parse().unwrap();
        let headers = lines
            .filter_map(|line| line.split_once(": "))
            .map(|(name, value)| (name.to_ascii_lowercase(), value.to_string()))
            .collect();
        Answer { status, headers, body: body.to_string() }
    }

    fn vote(&self, a: &str, b: &str, choice: Option<&str>, voter: &str) -> Answer {
        let choice = choice.map_or("null".to_string(), |id| format!("\"{id}\""));
        let body = format!(r#"{{"a": "{a}", "b": "{b}", "choice": {choice}, "voter": "{voter}"}}"#);
        self.request("POST", "/v1/vote", &[("Origin", ORIGIN), ("Content-Type", "application/json")], &body)
    }

    fn tally(&self, a: &str, b: &str) -> Answer {
        self.request("GET", &format!("/v1/tally?a={a}&b={b}"), &[("Origin", ORIGIN)], "")
    }

    fn kill(mut self) {
        // SIGKILL: nothing is flushed or closed on the way out.
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Collector {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

fn counts(a: (&str, u64), b: (&str, u64)) -> String {
    let mut pairs = [a, b];
    pairs.sort();
    format!(r#"{{"counts":{{"{}":{},"{}":{}}}}}"#, pairs[0].0, pairs[0].1, pairs[1].0, pairs[1].1)
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "tool-compare-votes-test-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fresh, empty database of each kind available.
fn databases() -> Vec<String> {
    let mut urls = vec![format!("sqlite:{}", scratch_dir().join("votes.db").display())];
    match std::env::var("TOOL_COMPARE_VOTES_POSTGRES") {
        Ok(server) => urls.push(fresh_postgres_database(&server)),
        Err(_) => eprintln!("PostgreSQL not tested here: TOOL_COMPARE_VOTES_POSTGRES names no server"),
    }
    urls
}

/// A new database on `server` (a URL of a database to connect to first).
fn fresh_postgres_database(server: &str) -> String {
    let name = format!("votes_test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        use sqlx::Executor;
        let pool = sqlx::PgPool::connect(server).await.expect("the test PostgreSQL server answers");
        pool.execute(format!("DROP DATABASE IF EXISTS {name}").as_str()).await.unwrap();
        pool.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
    });
    let (base, _) = server.rsplit_once('/').expect("a PostgreSQL URL ends in /<database>");
    format!("{base}/{name}")
}

#[test]
fn readers_see_each_others_votes_their_moves_and_withdrawals() {
    for database in databases() {
        let collector = Collector::start(&database, Path::new(SEED_CATALOG), &[]);
        let ok = |answer: Answer| {
            assert_eq!(answer.status, 200, "{database}: {answer:?}");
            answer.body
        };
        assert_eq!(
            ok(collector.tally("smollm3", "vercel-ai-gateway")),
            counts(("smollm3", 0), ("vercel-ai-gateway", 0))
        );
        assert_eq!(
            ok(collector.vote("smollm3", "vercel-ai-gateway", Some("smollm3"), "reader-one")),
            counts(("smollm3", 1), ("vercel-ai-gateway", 0))
        );
        // The second reader names the pair the other way round: one pair.
        assert_eq!(
            ok(collector.vote("vercel-ai-gateway", "smollm3", Some("vercel-ai-gateway"), "reader-two")),
            counts(("smollm3", 1), ("vercel-ai-gateway", 1))
        );
        // A reader's vote again, or moved, replaces theirs: never counted twice.
        ok(collector.vote("smollm3", "vercel-ai-gateway", Some("smollm3"), "reader-one"));
        assert_eq!(
            ok(collector.vote("smollm3", "vercel-ai-gateway", Some("vercel-ai-gateway"), "reader-one")),
            counts(("smollm3", 0), ("vercel-ai-gateway", 2))
        );
        assert_eq!(
            ok(collector.vote("smollm3", "vercel-ai-gateway", None, "reader-one")),
            counts(("smollm3", 0), ("vercel-ai-gateway", 1))
        );
        let tally = collector.tally("vercel-ai-gateway", "smollm3");
        assert_eq!(tally.header("cache-control"), Some("public, max-age=5"));
        assert_eq!(ok(tally), counts(("smollm3", 0), ("vercel-ai-gateway", 1)));
    }
}

#[test]
fn bad_requests_get_a_reason_and_change_nothing() {
    for database in databases() {
        let collector = Collector::start(&database, Path::new(SEED_CATALOG), &[]);
        let refused = |answer: Answer, status: u16, reason: &str| {
            assert_eq!(answer.status, status, "{database}: {answer:?}");
            assert_eq!(answer.header("content-type"), Some("application/json"));
            assert!(answer.body.starts_with(r#"{"error":""#) && answer.body.contains(reason), "{answer:?}");
        };
        refused(
            collector.vote("smollm3", "nonexistent", Some("smollm3"), "v"),
            422,
            r#"\"nonexistent\" is not a tool"#,
        );
        refused(collector.vote("smollm3", "phi-3-mini", Some("litellm"), "v"), 422, "neither a nor b");
        refused(collector.vote("smollm3", "smollm3", None, "v"), 422, "a pair needs two tools");
        refused(collector.vote("smollm3", "phi-3-mini", Some("smollm3"), ""), 422, "voter must be");
        refused(collector.vote("smollm3", "phi-3-mini", Some("smollm3"), &"v".repeat(65)), 422, "voter must be");
        let json = [("Origin", ORIGIN), ("Content-Type", "application/json")];
        refused(collector.request("POST", "/v1/vote", &json, "{\"a\": "), 400, "not a vote change");
        refused(collector.request("POST", "/v1/vote", &json, &" ".repeat(5000)), 413, "over 1024 bytes");
        refused(collector.request("GET", "/v1/tally?a=smollm3", &[], ""), 400, "a=<tool id>&b=<tool id>");
        refused(collector.request("GET", "/v2/tally", &[], ""), 404, "no such endpoint");
        let elsewhere = [("Origin", "https://evil.example"), ("Content-Type", "text/plain")];
        let body = r#"{"a": "smollm3", "b": "phi-3-mini", "choice": "smollm3", "voter": "v"}"#;
        let answer = collector.request("POST", "/v1/vote", &elsewhere, body);
        assert_eq!(answer.header("access-control-allow-origin"), None);
        refused(answer, 403, "pages of https://evil.example may not vote here");
        assert_eq!(collector.tally("smollm3", "phi-3-mini").body, counts(("smollm3", 0), ("phi-3-mini", 0)));
    }
}

#[test]
fn only_allowed_origins_get_cors_answers() {
    let database = format!("sqlite:{}", scratch_dir().join("votes.db").display());
    let collector = Collector::start(&database, Path::new(SEED_CATALOG), &[]);
    let preflight = collector.request(
        "OPTIONS",
        "/v1/vote",
        &[
            ("Origin", ORIGIN),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
        "",
    );
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(preflight.header("access-control-allow-methods"), Some("GET, POST"));
    assert_eq!(preflight.header("access-control-allow-headers"), Some("content-type"));
    let tally = collector.tally("smollm3", "phi-3-mini");
    assert_eq!(tally.header("access-control-allow-origin"), Some(ORIGIN));
    assert_eq!(tally.header("vary"), Some("Origin"));
    let other = collector.request("OPTIONS", "/v1/vote", &[("Origin", "https://evil.example")], "");
    assert_eq!((other.status, other.header("access-control-allow-origin")), (403, None));
}

#[test]
fn a_client_address_is_held_to_its_rate_limit() {
    let database = format!("sqlite:{}", scratch_dir().join("votes.db").display());
    let collector = Collector::start(&database, Path::new(SEED_CATALOG), &["--rate-limit", "3"]);
    for voter in ["one", "two", "three"] {
        assert_eq!(collector.vote("smollm3", "phi-3-mini", Some("smollm3"), voter).status, 200);
    }
    let limited = collector.vote("smollm3", "phi-3-mini", Some("smollm3"), "four");
    assert_eq!(limited.status, 429, "{limited:?}");
    assert!(limited.header("retry-after").is_some_and(|s| s.parse::<u64>().is_ok_and(|s| (1..=60).contains(&s))));
    assert_eq!(collector.tally("smollm3", "phi-3-mini").body, counts(("smollm3", 3), ("phi-3-mini", 0)));
}

#[test]
fn behind_a_proxy_each_client_named_by_it_has_its_own_limit() {
    let database = format!("sqlite:{}", scratch_dir().join("votes.db").display());
    let collector = Collector::start(
        &database,
        Path::new(SEED_CATALOG),
        &["--rate-limit", "1", "--client-address-header", "X-Forwarded-For"],
    );
    let vote_from = |client: &str, voter: &str| {
        let body = format!(r#"{{"a": "smollm3", "b": "phi-3-mini", "choice": "smollm3", "voter": "{voter}"}}"#);
        // A client's own X-Forwarded-For comes first; the proxy appends the address it saw.
        let forwarded = format!("203.0.113.99, {client}");
        collector.request("POST", "/v1/vote", &[("X-Forwarded-For", &forwarded)], &body).status
    };
    assert_eq!(vote_from("192.0.2.1", "one"), 200);
    assert_eq!(vote_from("192.0.2.1", "two"), 429, "the same client, over its limit");
    assert_eq!(vote_from("192.0.2.2", "three"), 200, "another client behind the same proxy");
}

#[test]
fn every_answered_change_survives_kill_9() {
    for database in databases() {
        let collector = Collector::start(&database, Path::new(SEED_CATALOG), &["--rate-limit", "0"]);
        for voter in 0..40 {
            let choice = if voter % 4 == 0 { "litellm" } else { "portkey" };
            assert_eq!(collector.vote("litellm", "portkey", Some(choice), &format!("voter-{voter}")).status, 200);
        }
        collector.kill();
        let restarted = Collector::start(&database, Path::new(SEED_CATALOG), &[]);
        assert_eq!(restarted.tally("portkey", "litellm").body, counts(("litellm", 10), ("portkey", 30)), "{database}");
    }
}

#[test]
fn the_database_holds_neither_voter_ids_nor_addresses() {
    let dir = scratch_dir();
    let file = dir.join("votes.db");
    let collector = Collector::start(&format!("sqlite:{}", file.display()), Path::new(SEED_CATALOG), &[]);
    assert_eq!(collector.vote("smollm3", "phi-3-mini", Some("smollm3"), "a-very-recognisable-voter").status, 200);
    collector.kill();
    let mut stored = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        stored.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    let stored = String::from_utf8_lossy(&stored);
    assert!(stored.contains("smollm3"), "the vote itself is stored");
    assert!(!stored.contains("a-very-recognisable-voter") && !stored.contains("127.0.0.1"));
}

#[test]
fn a_tool_added_to_the_catalog_can_be_voted_on_without_a_restart() {
    let dir = scratch_dir();
    let catalog = dir.join("catalog.json");
    std::fs::copy(SEED_CATALOG, &catalog).unwrap();
    let collector = Collector::start(&format!("sqlite:{}", dir.join("votes.db").display()), &catalog, &[]);
    assert_eq!(collector.vote("smollm3", "newcomer", Some("newcomer"), "v").status, 422);
    let mut json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&catalog).unwrap()).unwrap();
    let mut tool = json["tools"][0].clone();
    tool["id"] = "newcomer".into();
    tool["name"] = "Newcomer".into();
    json["tools"].as_array_mut().unwrap().push(tool);
    std::fs::write(&catalog, json.to_string()).unwrap();
    let answer = collector.vote("smollm3", "newcomer", Some("newcomer"), "v");
    assert_eq!((answer.status, answer.body), (200, counts(("newcomer", 1), ("smollm3", 0))));
    // A broken catalog leaves the last good one in use.
    std::fs::write(&catalog, "{").unwrap();
    assert_eq!(collector.vote("smollm3", "newcomer", Some("smollm3"), "v").status, 200);
}

#[test]
fn a_bad_command_line_or_catalog_is_named_and_nothing_starts() {
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_tool-compare-votes")).args(args).output().unwrap();
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let (code, stderr) = run(&["serve", "--listen", "127.0.0.1:0", "--catalog", SEED_CATALOG]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("--database is missing") && stderr.contains("usage:"), "{stderr}");
    let dir = scratch_dir();
    let broken = dir.join("broken.json");
    std::fs::write(&broken, r#"{"version": 1, "tools": []}"#).unwrap();
    let database = format!("sqlite:{}", dir.join("votes.db").display());
    let (code, stderr) =
        run(&["serve", "--listen", "127.0.0.1:0", "--database", &database, "--catalog", broken.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("broken.json"), "{stderr}");
}
