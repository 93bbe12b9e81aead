//! `tool-compare serve` as a static host: compressed copies by
//! Accept-Encoding, content types, `_headers`, the pages' policy, and
//! `--watch` rebuilding when the catalog changes.

mod common;

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{fake_widget, scratch_dir, SEED};

/// A running `tool-compare serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tool-compare"))
        .arg("serve")
        .args(args)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let port = loop {
        let line = lines.next().expect("serve says where it listens").unwrap();
        if let Some(rest) = line.split_once("at http://127.0.0.1:").map(|(_, rest)| rest) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep reading, so that the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, port }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(own, _)| own.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }
}

fn get(port: u16, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a whole header");
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect();
    Reply { status, headers, body: raw[end + 4..].to_vec() }
}

fn built_site(name: &str) -> std::path::PathBuf {
    let dir = scratch_dir(name);
    let out = common::build(Path::new(SEED), &dir.join("site"), &[]);
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    dir.join("site")
}

#[test]
fn the_compressed_copy_the_browser_accepts_with_the_right_type_and_headers() {
    let site = built_site("serve");
    let server = serve(&[site.to_str().unwrap()]);
    let page = std::fs::read(site.join("index.html")).unwrap();

    let br = get(server.port, "/", &[("Accept-Encoding", "gzip, deflate, br")]);
    assert_eq!(br.status, 200);
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(br.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(br.header("vary"), Some("Accept-Encoding"));
    assert_eq!(br.body, std::fs::read(site.join("index.html.br")).unwrap());
    let policy = br.header("content-security-policy").expect("the pages' policy");
    assert!(
        policy.starts_with("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"),
        "{policy}"
    );
    // From the site's _headers: pages revalidate, hashed files are kept.
    assert_eq!(br.header("cache-control"), Some("no-cache"));
    assert_eq!(br.header("access-control-allow-origin"), Some("*"));

    let gz = get(server.port, "/index.html", &[("Accept-Encoding", "gzip")]);
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert_eq!(gz.body, std::fs::read(site.join("index.html.gz")).unwrap());
    let plain = get(server.port, "/index.html", &[]);
    assert_eq!((plain.header("content-encoding"), &plain.body), (None, &page));

    let wasm = get(server.port, "/tool-compare-0123_bg.wasm", &[("Accept-Encoding", "br")]);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.header("cache-control"), Some("public, max-age=31536000, immutable"));
    let js = get(server.port, "/embed.js", &[]);
    assert_eq!(js.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert_eq!(js.header("content-security-policy"), None, "the policy is the pages'");
    let png = get(server.port, "/previews/smollm3-vs-vercel-ai-gateway.png", &[("Accept-Encoding", "br")]);
    assert_eq!((png.header("content-type"), png.header("content-encoding")), (Some("image/png"), None));
    let pretty = get(server.port, "/smollm3-vs-phi-3-mini", &[]);
    assert_eq!(pretty.body, std::fs::read(site.join("smollm3-vs-phi-3-mini.html")).unwrap());

    // Revalidation answers 304 without the body.
    let etag = plain.header("etag").unwrap().to_string();
    assert_eq!(get(server.port, "/index.html", &[("If-None-Match", &etag)]).status, 304);

    for hidden in ["/.tool-compare-files", "/../site/index.html", "/nothing.html"] {
        assert_eq!(get(server.port, hidden, &[]).status, 404, "{hidden}");
    }
    assert_eq!(get(server.port, "/cards", &[]).status, 301);
}

#[test]
fn a_site_built_without_compressed_copies_is_compressed_as_it_is_served() {
    let dir = scratch_dir("serve-bare");
    let out = common::build(Path::new(SEED), &dir.join("site"), &["--no-precompress"]);
    assert!(out.status.success());
    let server = serve(&[dir.join("site").to_str().unwrap()]);
    let reply = get(server.port, "/catalog.json", &[("Accept-Encoding", "br, gzip")]);
    assert_eq!(reply.header("content-encoding"), Some("gzip"));
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(&reply.body[..]).read_to_end(&mut unzipped).unwrap();
    assert_eq!(unzipped, std::fs::read(SEED).unwrap());
}

#[test]
fn watch_rebuilds_the_site_when_the_catalog_changes_and_keeps_it_when_the_edit_is_broken() {
    let dir = scratch_dir("watch");
    let catalog = dir.join("catalog.json");
    std::fs::write(&catalog, std::fs::read_to_string(SEED).unwrap()).unwrap();
    let site = dir.join("site");
    let widget = fake_widget();
    let server = serve(&[
        site.to_str().unwrap(),
        "--watch",
        catalog.to_str().unwrap(),
        "--widget-dir",
        widget.to_str().unwrap(),
        "--no-precompress",
    ]);
    let page = || String::from_utf8(get(server.port, "/smollm3-vs-vercel-ai-gateway.html", &[]).body).unwrap();
    assert!(page().contains("SmolLM3"));

    let broken = std::fs::read_to_string(SEED).unwrap().replacen("\"name\": \"SmolLM3\"", "\"name\": \"\"", 1);
    std::fs::write(&catalog, broken).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(page().contains("SmolLM3"), "a broken edit leaves the site as it was");

    let renamed = std::fs::read_to_string(SEED).unwrap().replace("\"name\": \"SmolLM3\"", "\"name\": \"SmolLM4\"");
    std::fs::write(&catalog, renamed).unwrap();
    let started = Instant::now();
    while !page().contains("SmolLM4") {
        assert!(started.elapsed() < Duration::from_secs(30), "the edit never reached the site");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_pages_may_fetch_from_the_catalog_origins_the_site_owner_allows() {
    let dir = scratch_dir("serve-origins");
    let site = dir.join("site");
    let built = common::build(
        Path::new(SEED),
        &site,
        &[
            "--no-precompress",
            "--catalog-origin",
            "https://catalogs.example.com/",
            "--catalog-origin",
            "http://127.0.0.1:9",
        ],
    );
    assert!(built.status.success(), "{}", common::text(&built.stderr));
    let page = std::fs::read_to_string(site.join("smollm3-vs-phi-3-mini.html")).unwrap();
    assert!(
        page.contains(
            r#"<meta name="tool-compare-catalog-origins" content="https://catalogs.example.com http://127.0.0.1:9">"#
        ),
        "the pages carry the setting"
    );
    let server = serve(&[site.to_str().unwrap()]);
    let reply = get(server.port, "/", &[]);
    let policy = reply.header("content-security-policy").unwrap();
    assert!(policy.contains("connect-src 'self' https://catalogs.example.com http://127.0.0.1:9;"), "{policy}");
}
