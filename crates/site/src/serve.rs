//! `tool-compare serve`: a built site served as a static host serves it —
//! the pre-compressed copy the browser accepts (brotli, then gzip; other
//! text compressed on the fly), the right content types, the headers of
//! the site's `_headers`, revalidation by ETag, and the strict
//! Content-Security-Policy of the README on the pages tool-compare wrote.
//! With `--watch` the site is rebuilt whenever its catalog changes.

use std::collections::BTreeSet;
use std::fs;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::Response;
use axum::Router;

use crate::compress::{gzip, worth_compressing};
use crate::headers_rules::HeaderRules;
use crate::output::MANIFEST;
use crate::site::{build, BuildOptions, CATALOG_FILE};

pub struct ServeOptions {
    pub dir: PathBuf,
    pub listen: SocketAddr,
    /// Rebuild `dir` from this build's catalog when the catalog changes.
    pub watch: Option<BuildOptions>,
}

/// The policy a page of the site runs under (README, "Content-Security-
/// Policy"), with the origins the page may also fetch from: the vote
/// collector's, and those whose catalogs the standalone page may show.
pub fn page_policy(other_origins: &[String]) -> String {
    let mut connect = String::from("'self'");
    for origin in other_origins {
        connect.push(' ');
        connect.push_str(origin);
    }
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src {connect}; \
         img-src 'self'"
    )
}

pub async fn serve(options: ServeOptions) -> Result<(), String> {
    if let Some(watch) = &options.watch {
        rebuild(watch);
    }
    if !options.dir.join("index.html").is_file() {
        return Err(format!(
            "{} holds no site (no index.html): build one with tool-compare build",
            options.dir.display()
        ));
    }
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .map_err(|err| format!("cannot listen on {}: {err}", options.listen))?;
    let address = listener.local_addr().map_err(|err| err.to_string())?;
    println!("tool-compare: serving {} at http://{address}/ (Ctrl-C stops)", options.dir.display());
    if let Some(watch) = options.watch {
        println!("tool-compare: rebuilding when {} changes", watch.catalog);
        std::thread::spawn(move || watch_catalog(&watch));
    }
    let app = Router::new().fallback(answer).with_state(Arc::new(Site { root: options.dir, rules: Mutex::default() }));
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|err| err.to_string())
}

fn rebuild(options: &BuildOptions) {
    match build(options) {
        Ok(built) => println!("{}", built.summary(&options.out)),
        Err(problems) => eprintln!("{problems}\ntool-compare: the site was left as it was"),
    }
}

/// Polls the catalog, a split catalog's tool files, a tools file and a
/// `--widget-dir`:
/// a change of time or size rebuilds (editors replace files in several
/// ways, and polling sees them all). A widget build caught half-written
/// fails, and the next poll sees the rest of it arrive and builds again.
fn watch_catalog(options: &BuildOptions) {
    let stamp = |options: &BuildOptions| -> Vec<(PathBuf, Option<(SystemTime, u64)>)> {
        let catalog = PathBuf::from(&options.catalog);
        let mut paths = vec![catalog.clone()];
        if let Some(widget) = &options.widget_dir {
            paths.extend(fs::read_dir(widget).into_iter().flatten().flatten().map(|entry| entry.path()));
            paths.sort();
        }
        if let Some(dir) = catalog.parent() {
            if let Ok(text) = fs::read_to_string(&catalog) {
                if let Ok(parsed) = compare_domain::parse_catalog(&text) {
                    if let Some(template) = parsed.tool_details.as_deref() {
                        paths.extend(parsed.tools.iter().map(|tool| dir.join(template.replace("{id}", &tool.id))));
                    }
                    if let Some(file) = parsed.tools_file.as_deref() {
                        paths.push(dir.join(file));
                    }
                }
            }
        }
        paths
            .into_iter()
            .map(|path| {
                let meta = fs::metadata(&path).ok().and_then(|meta| Some((meta.modified().ok()?, meta.len())));
                (path, meta)
            })
            .collect()
    };
    let mut last = stamp(options);
    loop {
        std::thread::sleep(Duration::from_millis(250));
        let mut now = stamp(options);
        if now == last {
            continue;
        }
        // Settled first: an editor or a widget build writes in several steps.
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let later = stamp(options);
            if later == now {
                break;
            }
            now = later;
        }
        rebuild(options);
        last = now;
    }
}

/// The folder served, and what its files say about serving them, read
/// again only when one of those files changes (a build replaces them):
/// never a parse of a large catalog per request.
struct Site {
    root: PathBuf,
    rules: Mutex<Option<(Stamp, Arc<SiteRules>)>>,
}

/// The modification times of the files the rules come from.
type Stamp = Vec<Option<SystemTime>>;

/// What a site's own files say about serving it.
struct SiteRules {
    headers: HeaderRules,
    /// The files tool-compare wrote (its pages get the policy).
    ours: BTreeSet<String>,
    policy: String,
}

impl Site {
    fn rules(&self) -> Arc<SiteRules> {
        let sources = ["_headers", MANIFEST, CATALOG_FILE, "index.html"];
        let stamp: Stamp =
            sources.iter().map(|name| fs::metadata(self.root.join(name)).and_then(|m| m.modified()).ok()).collect();
        let mut cached = self.rules.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((seen, rules)) = cached.as_ref() {
            if *seen == stamp {
                return rules.clone();
            }
        }
        let rules = Arc::new(SiteRules {
            headers: HeaderRules::parse(&fs::read_to_string(self.root.join("_headers")).unwrap_or_default()),
            ours: fs::read_to_string(self.root.join(MANIFEST))
                .map(|list| list.lines().map(str::to_string).collect())
                .unwrap_or_default(),
            policy: page_policy(&other_origins(&self.root)),
        });
        *cached = Some((stamp, rules.clone()));
        rules
    }
}

async fn answer(State(site): State<Arc<Site>>, method: Method, uri: Uri, request: HeaderMap) -> Response {
    let root = &site.root;
    if method != Method::GET && method != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
    }
    let Some(relative) = relative_path(uri.path()) else {
        return plain(StatusCode::NOT_FOUND, "not found\n");
    };
    let mut file = root.join(&relative);
    if file.is_dir() {
        if !uri.path().ends_with('/') {
            let mut response = plain(StatusCode::MOVED_PERMANENTLY, "");
            let location = format!("{}/", uri.path());
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            return response;
        }
        file = file.join("index.html");
    } else if !file.is_file() && root.join(format!("{relative}.html")).is_file() {
        // Pretty addresses, as Cloudflare Pages and Netlify serve them.
        file = root.join(format!("{relative}.html"));
    }
    let Ok(meta) = fs::metadata(&file) else {
        return plain(StatusCode::NOT_FOUND, "not found\n");
    };
    let site_path = file.strip_prefix(root.as_path()).unwrap_or(&file).to_string_lossy().replace('\\', "/");
    let etag = etag(&meta);
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(&site_path)));
    let rules = site.rules();
    for (name, value) in rules.headers.for_path(&format!("/{site_path}")) {
        if let (Ok(name), Ok(value)) = (name.parse::<header::HeaderName>(), HeaderValue::from_str(&value)) {
            headers.insert(name, value);
        }
    }
    if site_path.ends_with(".html") && rules.ours.contains(&site_path) {
        if let Ok(policy) = HeaderValue::from_str(&rules.policy) {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    let compressible = worth_compressing(&site_path);
    if compressible {
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    let accepted = accepted_encodings(&request);
    let encoding = if !compressible {
        None
    } else if accepted.contains(&"br") && file.with_file_name(name_with(&file, ".br")).is_file() {
        Some("br")
    } else if accepted.contains(&"gzip") {
        Some("gzip")
    } else {
        None
    };
    let tagged = format!("\"{etag}{}\"", encoding.map(|e| format!("-{e}")).unwrap_or_default());
    if let Ok(value) = HeaderValue::from_str(&tagged) {
        headers.insert(header::ETAG, value);
    }
    if request.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains(&tagged)) {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        headers.remove(header::CONTENT_TYPE);
        *response.headers_mut() = headers;
        return response;
    }
    let body = match encoding {
        Some(ending @ ("br" | "gzip")) => {
            let copy = file.with_file_name(name_with(&file, if ending == "br" { ".br" } else { ".gz" }));
            match fs::read(&copy) {
                Ok(bytes) => Ok(bytes),
                // Built with --no-precompress: compressed here, as hosts do.
                Err(_) => fs::read(&file).map(|bytes| gzip(&bytes)),
            }
        }
        _ => fs::read(&file),
    };
    let Ok(body) = body else {
        return plain(StatusCode::NOT_FOUND, "not found\n");
    };
    if let Some(encoding) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    let mut response = Response::new(if method == Method::HEAD { Body::empty() } else { Body::from(body) });
    *response.headers_mut() = headers;
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}

/// The request's path inside the site, decoded; `None` for anything that
/// would leave it or names a hidden file (the build's own list).
fn relative_path(path: &str) -> Option<String> {
    let decoded = percent_decode(path)?;
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        if part.is_empty() {
            continue;
        }
        if part.starts_with('.') || part.contains('\\') || part.contains('\0') {
            return None;
        }
        parts.push(part);
    }
    Some(parts.join("/"))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn name_with(file: &Path, ending: &str) -> String {
    format!("{}{ending}", file.file_name().map(|name| name.to_string_lossy()).unwrap_or_default())
}

fn accepted_encodings(request: &HeaderMap) -> Vec<&str> {
    request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|item| {
            let mut parts = item.split(';');
            let name = parts.next()?.trim();
            let refused = parts.any(|param| matches!(param.trim(), "q=0" | "q=0.0" | "q=0.00" | "q=0.000"));
            (!refused).then_some(name)
        })
        .collect()
}

fn etag(meta: &fs::Metadata) -> String {
    let modified = meta.modified().ok().and_then(|time| time.duration_since(SystemTime::UNIX_EPOCH).ok());
    format!("{:x}-{:x}", meta.len(), modified.map_or(0, |time| time.as_nanos()))
}

pub fn content_type(path: &str) -> &'static str {
    let ending = path.rsplit_once('.').map(|(_, ending)| ending).unwrap_or_default();
    match ending {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// The vote collector's origin (the catalog's `votes_url`) and the other
/// catalog origins the standalone page allows (its setting in
/// `index.html`): the pages fetch from them.
fn other_origins(root: &Path) -> Vec<String> {
    let mut origins = Vec::new();
    if let Ok(text) = fs::read_to_string(root.join(CATALOG_FILE)) {
        if let Some(url) = compare_domain::parse_catalog(&text).ok().and_then(|catalog| catalog.votes_url) {
            origins.extend(origin_of(&url));
        }
    }
    if let Ok(page) = fs::read_to_string(root.join("index.html")) {
        let setting = "<meta name=\"tool-compare-catalog-origins\" content=\"";
        if let Some(rest) = page.split_once(setting).map(|(_, rest)| rest) {
            let value = rest.split('"').next().unwrap_or_default();
            origins.extend(value.split_whitespace().filter_map(origin_of));
        }
    }
    origins
}

fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (matches!(scheme, "http" | "https") && !host.is_empty()).then(|| format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_never_leave_the_site_nor_read_its_hidden_files() {
        assert_eq!(relative_path("/a/b.html").as_deref(), Some("a/b.html"));
        assert_eq!(relative_path("/").as_deref(), Some(""));
        assert_eq!(relative_path("/smollm3-vs-x%2Ehtml").as_deref(), Some("smollm3-vs-x.html"));
        assert_eq!(relative_path("/../etc/passwd"), None);
        assert_eq!(relative_path("/%2e%2e/etc/passwd"), None);
        assert_eq!(relative_path("/.tool-compare-files"), None);
        assert_eq!(relative_path("/a%ZZ"), None);
    }

    #[test]
    fn an_encoding_refused_with_q_0_is_not_sent() {
        let mut request = HeaderMap::new();
        request.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip, deflate, br;q=0"));
        assert_eq!(accepted_encodings(&request), ["gzip", "deflate"]);
    }

    #[test]
    fn the_policy_names_the_collectors_origin() {
        assert_eq!(origin_of("https://votes.example.com/api/").as_deref(), Some("https://votes.example.com"));
        assert_eq!(origin_of("javascript:alert(1)"), None);
        assert!(page_policy(&["https://votes.example.com".into()])
            .contains("connect-src 'self' https://votes.example.com;"));
    }
}
