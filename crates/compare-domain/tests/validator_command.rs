//! The `validate-catalog` command as a site owner runs it.

use std::path::PathBuf;
use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_validate-catalog")).args(args).output().unwrap();
    (output.status.code().unwrap(), String::from_utf8(output.stdout).unwrap())
}

fn temp_file(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("validate-catalog-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_valid_catalog_exits_zero() {
    let catalog = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/catalog.json");
    let (code, out) = run(&[catalog]);
    assert_eq!(code, 0, "{out}");
    assert!(out.trim_end().ends_with("catalog.json: valid (8 tools, 6 comparisons)"), "{out}");
}

#[test]
fn an_invalid_catalog_prints_paths_and_exits_one() {
    let path = temp_file(
        "bad.json",
        r#"{"version":1,"tools":[{"id":"a","name":"A","link":"javascript:x"},{"id":"b","name":""}]}"#,
    );
    let (code, out) = run(&[path.to_str().unwrap()]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], r#"tools[0].link: "javascript:x" is not an http or https link"#);
    assert_eq!(lines[1], "tools[1].name: empty name");
    assert!(lines[2].ends_with("bad.json: 2 errors, 0 warnings"), "{out}");
}

#[test]
fn warnings_alone_do_not_fail() {
    let path = temp_file(
        "warn.json",
        r#"{"version":1,"reviewers":[{"id":"idle","name":"I"}],"tools":[{"id":"a","name":"A"},{"id":"b","name":"B"}]}"#,
    );
    let (code, out) = run(&[path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with(r#"warning: reviewers[0]: reviewer "idle" has no reviews"#), "{out}");
}

#[test]
fn typos_in_field_names_are_warned_about_and_fail_with_strict() {
    let catalog = include_str!("../../../public/catalog.json").replacen("\"tagline\"", "\"taglin\"", 1).replacen(
        "\"baseline_votes\"",
        "\"baseline_vote\"",
        1,
    );
    let path = temp_file("typos.json", &catalog);
    let (code, out) = run(&[path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..2],
        [
            r#"warning: tools[0].taglin: unknown field, ignored; did you mean "tagline"?"#,
            r#"warning: comparisons[0].baseline_vote: unknown field, ignored; did you mean "baseline_votes"?"#,
        ]
    );
    assert!(lines[2].ends_with("typos.json: valid (8 tools, 6 comparisons), 2 warnings"), "{out}");
    let (code, out) = run(&["--strict", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with(r#"tools[0].taglin: unknown field, ignored; did you mean "tagline"?"#), "{out}");
    assert!(out.trim_end().ends_with("typos.json: 2 errors, 0 warnings"), "{out}");
}

#[test]
fn a_missing_file_and_no_arguments_are_errors() {
    let (code, out) = run(&["/no/such/catalog.json"]);
    assert_eq!(code, 1);
    assert!(out.starts_with("/no/such/catalog.json: cannot read:"), "{out}");
    assert_eq!(run(&[]).0, 2);
}

#[test]
fn a_catalog_can_be_checked_by_url() {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        for status in ["200 OK", "404 Not Found"] {
            let (mut stream, _) = listener.accept().unwrap();
            let mut request = [0_u8; 1024];
            let _ = stream.read(&mut request).unwrap();
            let body = r#"{"version":1,"tools":[{"id":"a","name":"A"},{"id":"a","name":"B"}]}"#;
            let response = format!(
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(response.as_bytes()).unwrap();
        }
    });
    let url = format!("http://127.0.0.1:{port}/catalog.json");
    let (code, out) = run(&[&url]);
    assert_eq!(code, 1);
    assert!(out.starts_with(r#"tools[1].id: duplicate id "a" (first used by tools[0])"#), "{out}");
    let (code, out) = run(&[&url]);
    assert_eq!(code, 1);
    assert!(out.contains("cannot fetch") && out.contains("404"), "{out}");
    server.join().unwrap();
}

#[test]
fn a_split_catalog_is_checked_with_all_its_tool_files() {
    let dir = std::env::temp_dir().join(format!("validate-catalog-split-{}", std::process::id()));
    let generated = Command::new(env!("CARGO_BIN_EXE_generate-catalog"))
        .args(["--split", "20", dir.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(generated.success());
    let catalog = dir.join("catalog.json");
    let (code, out) = run(&[catalog.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    std::fs::remove_file(dir.join("tools/tool-00007.json")).unwrap();
    let (code, out) = run(&[catalog.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.starts_with("tools/tool-00007.json: cannot read:"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}
