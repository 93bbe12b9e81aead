//! The HTTP side: `POST /v1/vote`, `GET /v1/tally`, CORS for the allowed
//! origins only, the rate limit, and a short JSON reason for every refusal.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::catalog_tools::CatalogTools;
use crate::protocol::{counts_body, read_vote, Refusal, UnorderedPair, MAX_BODY_BYTES};
use crate::rate_limit::RateLimit;
use crate::store::Store;

pub struct App {
    pub store: Store,
    pub tools: CatalogTools,
    /// Page origins whose widgets may vote; `*` allows any.
    pub allow_origins: Vec<String>,
    pub rate_limit: RateLimit,
    /// The header a reverse proxy names the client in (lowercase).
    pub client_address_header: Option<String>,
}

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/v1/vote", post(vote).options(preflight).fallback(not_allowed("POST, OPTIONS")))
        .route("/v1/tally", get(tally).options(preflight).fallback(not_allowed("GET, HEAD, OPTIONS")))
        .route("/v1/openapi.json", get(description).fallback(not_allowed("GET, HEAD")))
        .fallback(|| async { Answer::refused(None, Refusal { status: 404, reason: "no such endpoint".into() }) })
        // One byte over the limit, so that the protocol's own check answers.
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES + 1))
        .with_state(app)
}

async fn vote(
    State(app): State<Arc<App>>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    let origin = match allowed_origin(&app, &headers) {
        Ok(origin) => origin,
        Err(refusal) => return Answer::refused(None, refusal),
    };
    let body = match body {
        Ok(body) => body,
        Err(_) => {
            let refusal = Refusal { status: 413, reason: format!("the body is over {MAX_BODY_BYTES} bytes") };
            return Answer::refused(origin, refusal);
        }
    };
    let change = match read_vote(&body).and_then(|change| known_pair(&app, &change.pair).map(|()| change)) {
        Ok(change) => change,
        Err(refusal) => return Answer::refused(origin, refusal),
    };
    if let Err(seconds) = app.rate_limit.admit(client_address(&app, &headers, client.ip()), Instant::now()) {
        let refusal = Refusal { status: 429, reason: format!("too many vote changes: try again in {seconds} s") };
        return Answer::refused(origin, refusal).with(header::RETRY_AFTER, &seconds.to_string());
    }
    match app.store.record(&change).await {
        Ok(counts) => Answer::ok(origin, counts_body(&counts)).with(header::CACHE_CONTROL, "no-store"),
        Err(failed) => unavailable(origin, failed.0),
    }
}

async fn tally(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Answer {
    let origin = match allowed_origin(&app, &headers) {
        Ok(origin) => origin,
        Err(refusal) => return Answer::refused(None, refusal),
    };
    let (Some(a), Some(b)) = (query.get("a"), query.get("b")) else {
        return Answer::refused(origin, Refusal::bad_request("the query needs a=<tool id>&b=<tool id>"));
    };
    let pair = match UnorderedPair::new(a, b).and_then(|pair| known_pair(&app, &pair).map(|()| pair)) {
        Ok(pair) => pair,
        Err(refusal) => return Answer::refused(origin, refusal),
    };
    match app.store.tally(&pair).await {
        // Readers' widgets ask when a card shows: a few seconds of caching
        // lets a CDN or the browser answer most of them.
        Ok(counts) => Answer::ok(origin, counts_body(&counts)).with(header::CACHE_CONTROL, "public, max-age=5"),
        Err(err) => unavailable(origin, err.to_string()),
    }
}

/// The protocol's OpenAPI 3.1 description, for people and for testers.
async fn description() -> Response {
    ([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "public, max-age=3600")], OPENAPI)
        .into_response()
}

pub const OPENAPI: &str = include_str!("../openapi.json");

/// Another method on an endpoint: `405` with its reason and `Allow`, as
/// every refusal carries a reason.
fn not_allowed(allow: &'static str) -> impl Fn(axum::http::Method) -> std::future::Ready<Answer> + Clone {
    move |method| {
        let refusal = Refusal { status: 405, reason: format!("{method} is not answered here; {allow} are") };
        std::future::ready(Answer::refused(None, refusal).with(header::ALLOW, allow))
    }
}

async fn preflight(State(app): State<Arc<App>>, headers: HeaderMap) -> Answer {
    match allowed_origin(&app, &headers) {
        Ok(origin) => Answer { status: StatusCode::NO_CONTENT, origin, body: String::new(), headers: Vec::new() }
            .with(header::ACCESS_CONTROL_ALLOW_METHODS, "GET, POST")
            .with(header::ACCESS_CONTROL_ALLOW_HEADERS, "content-type")
            .with(header::ACCESS_CONTROL_MAX_AGE, "86400"),
        Err(refusal) => Answer::refused(None, refusal),
    }
}

/// The request's `Origin` when it may vote (`None`: no browser page asked);
/// a page of any other origin is refused, so that a form or script there
/// cannot vote even where the browser would not let it read the answer.
fn allowed_origin(app: &App, headers: &HeaderMap) -> Result<Option<String>, Refusal> {
    let Some(origin) = headers.get(header::ORIGIN) else { return Ok(None) };
    let origin = origin.to_str().unwrap_or_default();
    if app.allow_origins.iter().any(|allowed| allowed == "*" || allowed == origin) {
        Ok(Some(origin.to_string()))
    } else {
        Err(Refusal { status: 403, reason: format!("pages of {origin} may not vote here") })
    }
}

/// The client's address: the peer's, or behind a reverse proxy the one the
/// proxy names (the last of `X-Forwarded-For`, which the proxy appends).
/// A header that does not parse counts as the peer (the proxy itself).
fn client_address(app: &App, headers: &HeaderMap, peer: IpAddr) -> IpAddr {
    let Some(name) = &app.client_address_header else { return peer };
    headers
        .get_all(name.as_str())
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .next_back()
        .and_then(|address| address.trim().parse().ok())
        .unwrap_or(peer)
}

fn known_pair(app: &App, pair: &UnorderedPair) -> Result<(), Refusal> {
    match app.tools.unknown([&pair.first, &pair.second]) {
        Some(id) => Err(Refusal::unprocessable(format!("{id:?} is not a tool of the catalog"))),
        None => Ok(()),
    }
}

fn unavailable(origin: Option<String>, err: String) -> Answer {
    eprintln!("tool-compare-votes: the database failed: {err}");
    Answer::refused(origin, Refusal { status: 503, reason: "the vote store is unavailable; try again later".into() })
}

/// A JSON answer, with CORS headers for an allowed origin.
struct Answer {
    status: StatusCode,
    origin: Option<String>,
    body: String,
    headers: Vec<(header::HeaderName, String)>,
}

impl Answer {
    fn ok(origin: Option<String>, body: String) -> Answer {
        Answer { status: StatusCode::OK, origin, body, headers: Vec::new() }
    }

    fn refused(origin: Option<String>, refusal: Refusal) -> Answer {
        let status = StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::BAD_REQUEST);
        Answer { status, origin, body: refusal.body(), headers: Vec::new() }.with(header::CACHE_CONTROL, "no-store")
    }

    fn with(mut self, name: header::HeaderName, value: &str) -> Answer {
        self.headers.retain(|(existing, _)| existing != name);
        self.headers.push((name, value.to_string()));
        self
    }
}

impl IntoResponse for Answer {
    fn into_response(self) -> Response {
        let mut response = if self.status == StatusCode::NO_CONTENT {
            // No body, so no content type either.
            self.status.into_response()
        } else {
            let mut response = (self.status, self.body).into_response();
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response
        };
        let headers = response.headers_mut();
        if let Some(origin) = self.origin.as_deref().and_then(|origin| HeaderValue::from_str(origin).ok()) {
            headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            headers.insert(header::VARY, HeaderValue::from_static("Origin"));
        }
        for (name, value) in self.headers {
            if let Ok(value) = HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
        response
    }
}
