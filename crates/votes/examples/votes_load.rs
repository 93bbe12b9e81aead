//! Load generator of the collector's benchmark (bench/votes-load.sh): vote
//! changes over keep-alive HTTP/1.1 connections, each connection one voter
//! group sending one change at a time. Without `--rate` every connection
//! sends its next change as soon as the last is answered (the most the
//! collector takes); with `--rate` changes are offered at that rate in
//! total and each latency counts from when its change was due, so that a
//! stalled collector cannot hide its queue (no coordinated omission).
//!
//!   votes_load --url http://127.0.0.1:8090/[,http://…] --tools a,b,c… --changes 100000
//!              [--connections 64] [--rate 5000] [--pair a,b] [--voters 100000] [--seed 1] [--tally]
//!
//! Prints one JSON line: changes, seconds, changes/s, p50/p99/max in ms, refusals.

use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

struct Options {
    /// One or more collectors; the connections take them in turn.
    addresses: Vec<String>,
    tools: Vec<String>,
    changes: usize,
    connections: usize,
    rate: Option<f64>,
    pair: Option<(String, String)>,
    voters: u64,
    seed: u64,
    /// Tallies asked instead of changes sent.
    tally: bool,
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut options = Options {
        addresses: Vec::new(),
        tools: Vec::new(),
        changes: 10_000,
        connections: 64,
        rate: None,
        pair: None,
        voters: 1_000_000,
        seed: 1,
        tally: false,
    };
    while let Some(flag) = args.next() {
        if flag == "--tally" {
            options.tally = true;
            continue;
        }
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number = |text: &str| text.parse::<f64>().map_err(|_| format!("{flag} {text:?} is not a number"));
        match flag.as_str() {
            "--url" => {
                for url in value.split(',') {
                    let address = url.strip_prefix("http://").ok_or("--url takes http://host:port/[,…]")?;
                    options.addresses.push(address.trim_end_matches('/').to_string());
                }
            }
            "--tools" => options.tools = value.split(',').map(str::to_string).collect(),
            "--changes" => options.changes = number(&value)? as usize,
            "--connections" => options.connections = number(&value)? as usize,
            "--rate" => options.rate = Some(number(&value)?),
            "--voters" => options.voters = number(&value)? as u64,
            "--seed" => options.seed = number(&value)? as u64,
            "--pair" => {
                let (a, b) = value.split_once(',').ok_or("--pair is a,b")?;
                options.pair = Some((a.to_string(), b.to_string()));
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    if options.addresses.is_empty() || (options.tools.len() < 2 && options.pair.is_none()) {
        return Err("--url and --tools (or --pair) are needed".into());
    }
    Ok(options)
}

/// A small deterministic generator, so that every run sends the same changes.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn change(options: &Options, random: &mut Random) -> String {
    let (a, b) = match &options.pair {
        Some((a, b)) => (a.as_str(), b.as_str()),
        None => {
            let count = options.tools.len() as u64;
            let first = random.next() % count;
            let second = (first + 1 + random.next() % (count - 1)) % count;
            (options.tools[first as usize].as_str(), options.tools[second as usize].as_str())
        }
    };
    if options.tally {
        return format!("GET /v1/tally?a={a}&b={b} HTTP/1.1\r\nHost: votes\r\n\r\n");
    }
    let choice = match random.next() % 20 {
        0 | 1 => "null".to_string(),
        roll if roll < 11 => format!("\"{a}\""),
        _ => format!("\"{b}\""),
    };
    let voter = random.next() % options.voters;
    let body = format!(r#"{{"a":"{a}","b":"{b}","choice":{choice},"voter":"load-{voter:x}"}}"#);
    format!(
        "POST /v1/vote HTTP/1.1\r\nHost: votes\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// Sends `requests` one after the other on one connection; answers each
/// one's latency and status.
async fn connection(
    address: String,
    requests: Vec<(Option<Instant>, String)>,
) -> Result<Vec<(Duration, u16)>, std::io::Error> {
    let stream = TcpStream::connect(&address).await?;
    stream.set_nodelay(true)?;
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    let mut results = Vec::with_capacity(requests.len());
    let mut line = String::new();
    for (due, request) in requests {
        if let Some(due) = due {
            tokio::time::sleep_until(due.into()).await;
        }
        let started = due.unwrap_or_else(Instant::now);
        write.write_all(request.as_bytes()).await?;
        line.clear();
        read.read_line(&mut line).await?;
        let status = line.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
        let mut length = 0;
        loop {
            line.clear();
            read.read_line(&mut line).await?;
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        read.read_exact(&mut body).await?;
        results.push((started.elapsed(), status));
    }
    Ok(results)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let options = match options() {
        Ok(options) => options,
        Err(problem) => {
            eprintln!("votes_load: {problem}");
            std::process::exit(2);
        }
    };
    let mut random = Random(options.seed.max(1) * 0x9E37_79B9_7F4A_7C15);
    let start = Instant::now() + Duration::from_millis(50);
    let mut per_connection: Vec<Vec<(Option<Instant>, String)>> = vec![Vec::new(); options.connections];
    for n in 0..options.changes {
        let due = options.rate.map(|rate| start + Duration::from_secs_f64(n as f64 / rate));
        per_connection[n % options.connections].push((due, change(&options, &mut random)));
    }
    let began = Instant::now();
    let tasks: Vec<_> = per_connection
        .into_iter()
        .enumerate()
        .map(|(n, requests)| tokio::spawn(connection(options.addresses[n % options.addresses.len()].clone(), requests)))
        .collect();
    let mut latencies = Vec::with_capacity(options.changes);
    let mut refused = 0;
    for task in tasks {
        match task.await.expect("a connection task does not panic") {
            Ok(results) => {
                for (latency, status) in results {
                    if status != 200 {
                        refused += 1;
                    }
                    latencies.push(latency);
                }
            }
            Err(err) => {
                eprintln!("votes_load: a connection failed: {err}");
                std::process::exit(1);
            }
        }
    }
    let seconds = began.elapsed().as_secs_f64() - if options.rate.is_some() { 0.05 } else { 0.0 };
    latencies.sort();
    let ms = |q: f64| {
        let at = ((latencies.len() as f64 * q) as usize).min(latencies.len() - 1);
        (latencies[at].as_secs_f64() * 1000.0 * 100.0).round() / 100.0
    };
    println!(
        r#"{{"changes":{},"seconds":{:.2},"changesPerSecond":{},"offeredPerSecond":{},"p50Ms":{},"p99Ms":{},"maxMs":{},"refused":{}}}"#,
        latencies.len(),
        seconds,
        (latencies.len() as f64 / seconds).round(),
        options.rate.map_or("null".to_string(), |rate| rate.to_string()),
        ms(0.5),
        ms(0.99),
        ms(1.0),
        refused
    );
}
