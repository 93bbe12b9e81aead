//! The collector as a site owner runs it: the binary started with the
//! documented command line, spoken to over HTTP, against real SQLite and,
//! where `TOOL_COMPARE_VOTES_POSTGRES` names a server (scripts/test.sh
//! starts a throwaway one), real PostgreSQL.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

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
fn a_catalog_with_a_tools_file_takes_votes_for_its_tools_and_for_a_line_added_later() {
    let dir = scratch_dir();
    let mut json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(SEED_CATALOG).unwrap()).unwrap();
    let tools = json.as_object_mut().unwrap().remove("tools").unwrap();
    let mut lines: String = tools.as_array().unwrap().iter().map(|tool| format!("{tool}\n")).collect();
    json["tools_file"] = "tools.jsonl".into();
    std::fs::write(dir.join("tools.jsonl"), &lines).unwrap();
    let catalog = dir.join("catalog.json");
    std::fs::write(&catalog, json.to_string()).unwrap();
    let collector = Collector::start(&format!("sqlite:{}", dir.join("votes.db").display()), &catalog, &[]);
    let answer = collector.vote("smollm3", "phi-3-mini", Some("phi-3-mini"), "v");
    assert_eq!((answer.status, answer.body), (200, counts(("phi-3-mini", 1), ("smollm3", 0))));
    assert_eq!(collector.vote("smollm3", "newcomer", Some("newcomer"), "v").status, 422);
    lines.push_str("{\"id\":\"newcomer\",\"name\":\"Newcomer\"}\n");
    std::fs::write(dir.join("tools.jsonl"), &lines).unwrap();
    let answer = collector.vote("smollm3", "newcomer", Some("newcomer"), "v");
    assert_eq!((answer.status, answer.body), (200, counts(("newcomer", 1), ("smollm3", 0))));
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

#[test]
fn the_protocols_edges_answer_as_described() {
    let database = format!("sqlite:{}", scratch_dir().join("votes.db").display());
    let collector = Collector::start(&database, Path::new(SEED_CATALOG), &[]);
    let json = [("Origin", ORIGIN), ("Content-Type", "application/json")];
    assert_eq!(collector.vote("smollm3", "phi-3-mini", Some("smollm3"), "kept").status, 200);
    // A client that drops `choice` must not withdraw the vote.
    let no_choice =
        collector.request("POST", "/v1/vote", &json, r#"{"a": "smollm3", "b": "phi-3-mini", "voter": "kept"}"#);
    assert_eq!(no_choice.status, 400);
    assert!(no_choice.body.contains(r#"no \"choice\""#), "{no_choice:?}");
    assert_eq!(collector.tally("smollm3", "phi-3-mini").body, counts(("smollm3", 1), ("phi-3-mini", 0)));

    let unknown = collector.vote("smollm3", "not-in-the-catalog", Some("smollm3"), "v");
    assert_eq!(
        (unknown.status, unknown.body.as_str()),
        (422, r#"{"error":"\"not-in-the-catalog\" is not a tool of the catalog"}"#)
    );

    let other_method = collector.request("DELETE", "/v1/vote", &[("Origin", ORIGIN)], "");
    assert_eq!(other_method.status, 405);
    assert_eq!(other_method.header("content-type"), Some("application/json"));
    assert_eq!(other_method.header("allow"), Some("POST, OPTIONS"));
    assert!(other_method.body.starts_with(r#"{"error":"DELETE is not answered here"#), "{other_method:?}");
    assert_eq!(
        collector.request("POST", "/v1/tally?a=smollm3&b=portkey", &[], "").header("allow"),
        Some("GET, HEAD, OPTIONS")
    );

    let preflight = collector.request("OPTIONS", "/v1/vote", &[("Origin", ORIGIN)], "");
    assert_eq!((preflight.status, preflight.body.as_str()), (204, ""));
    assert_eq!(preflight.header("content-type"), None, "no body, no content type");

    let description = collector.request("GET", "/v1/openapi.json", &[], "");
    assert_eq!(description.header("content-type"), Some("application/json"));
    let description: serde_json::Value = serde_json::from_str(&description.body).unwrap();
    assert_eq!(description["openapi"], "3.1.0");
    for path in ["/v1/vote", "/v1/tally", "/v1/openapi.json"] {
        assert!(description["paths"][path].is_object(), "{path} is described");
    }
    let documented = description["paths"]["/v1/vote"]["post"]["responses"].as_object().unwrap();
    for status in ["200", "400", "403", "413", "422", "429", "503"] {
        assert!(documented.contains_key(status), "vote's {status} is described");
    }
}
