//! The `_headers` file as Netlify and Cloudflare Pages read it: a path
//! pattern at the start of a line (`*` matches anything), then indented
//! `Name: value` lines; `#` starts a comment. `tool-compare serve` applies
//! it as those hosts do, so that what is tried locally is what they send.

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HeaderRules {
    rules: Vec<(String, Vec<(String, String)>)>,
}

impl HeaderRules {
    pub fn parse(text: &str) -> HeaderRules {
        let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if !line.starts_with(char::is_whitespace) {
                rules.push((trimmed.to_string(), Vec::new()));
            } else if let (Some((_, headers)), Some((name, value))) = (rules.last_mut(), trimmed.split_once(':')) {
                headers.push((name.trim().to_string(), value.trim().to_string()));
            }
        }
        HeaderRules { rules }
    }

    /// The headers for a request path (`/index.html`), in file order; a
    /// later rule's header replaces an earlier one's of the same name.
    pub fn for_path(&self, path: &str) -> Vec<(String, String)> {
        let mut headers: Vec<(String, String)> = Vec::new();
        for (pattern, rule) in &self.rules {
            if !matches(pattern, path) {
                continue;
            }
            for (name, value) in rule {
                headers.retain(|(own, _)| !own.eq_ignore_ascii_case(name));
                headers.push((name.clone(), value.clone()));
            }
        }
        headers
    }
}

/// `pattern` with `*` as "any characters" against the whole of `path`.
fn matches(pattern: &str, path: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = path.strip_prefix(first) else { return false };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sites_own_rules_give_hashed_files_a_year_and_the_rest_revalidation() {
        let rules = HeaderRules::parse(include_str!("../../../public/_headers"));
        let cache = |path: &str| {
            rules.for_path(path).into_iter().find(|(name, _)| name == "Cache-Control").map(|(_, value)| value)
        };
        assert_eq!(cache("/embed.js").as_deref(), Some("no-cache"));
        // Its name stays from build to build.
        assert_eq!(cache("/embed.css").as_deref(), Some("no-cache"));
        assert_eq!(cache("/index.html").as_deref(), Some("no-cache"));
        assert_eq!(cache("/tool-compare-0a1b_bg.wasm").as_deref(), Some("public, max-age=31536000, immutable"));
        assert_eq!(cache("/widget-0a1b.css").as_deref(), Some("public, max-age=31536000, immutable"));
        let cors = rules.for_path("/catalog.json");
        assert!(cors.contains(&("Access-Control-Allow-Origin".into(), "*".into())), "{cors:?}");
    }

    #[test]
    fn patterns_match_the_whole_path() {
        assert!(matches("/*", "/a/b.html"));
        assert!(matches("/cards/*.html", "/cards/a-vs-b.html"));
        assert!(!matches("/cards/*.html", "/cards/a-vs-b.json"));
        assert!(matches("/exact.html", "/exact.html"));
        assert!(!matches("/exact.html", "/exact.html.br"));
        assert!(!matches("/widget-*", "/page-1.css"));
    }
}
