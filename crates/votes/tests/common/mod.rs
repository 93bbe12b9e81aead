//! The collector as a site owner runs it, for the tests: the binary started
//! with the documented command line and spoken to over HTTP.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const SEED_CATALOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/catalog.json");
pub const ORIGIN: &str = "https://blog.example.com";

/// A collector process; killed when dropped.
pub struct Collector {
    /// `None`: a server this test did not start (a proxy in front).
    pub child: Option<Child>,
    pub address: String,
}

impl Collector {
    pub fn start(database: &str, catalog: &Path, extra: &[&str]) -> Collector {
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
        Collector { child: Some(child), address }
    }

    /// Speaks to a server started otherwise.
    pub fn at(address: String) -> Collector {
        Collector { child: None, address }
    }

    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Answer {
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

    pub fn vote(&self, a: &str, b: &str, choice: Option<&str>, voter: &str) -> Answer {
        let choice = choice.map_or("null".to_string(), |id| format!("\"{id}\""));
        let body = format!(r#"{{"a": "{a}", "b": "{b}", "choice": {choice}, "voter": "{voter}"}}"#);
        self.request("POST", "/v1/vote", &[("Origin", ORIGIN), ("Content-Type", "application/json")], &body)
    }

    pub fn tally(&self, a: &str, b: &str) -> Answer {
        self.request("GET", &format!("/v1/tally?a={a}&b={b}"), &[("Origin", ORIGIN)], "")
    }

    pub fn kill(mut self) {
        // SIGKILL: nothing is flushed or closed on the way out.
        let mut child = self.child.take().expect("a collector this test started");
        child.kill().unwrap();
        child.wait().unwrap();
    }
}

impl Drop for Collector {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

pub fn counts(a: (&str, u64), b: (&str, u64)) -> String {
    let mut pairs = [a, b];
    pairs.sort();
    format!(r#"{{"counts":{{"{}":{},"{}":{}}}}}"#, pairs[0].0, pairs[0].1, pairs[1].0, pairs[1].1)
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

pub fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "tool-compare-votes-test-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fresh, empty database of each kind available.
pub fn databases() -> Vec<String> {
    let mut urls = vec![format!("sqlite:{}", scratch_dir().join("votes.db").display())];
    match std::env::var("TOOL_COMPARE_VOTES_POSTGRES") {
        Ok(server) => urls.push(fresh_postgres_database(&server)),
        Err(_) => eprintln!("PostgreSQL not tested here: TOOL_COMPARE_VOTES_POSTGRES names no server"),
    }
    urls
}

/// A new database on `server` (a URL of a database to connect to first).
pub fn fresh_postgres_database(server: &str) -> String {
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
