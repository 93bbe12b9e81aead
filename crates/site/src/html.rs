//! Small helpers for cutting and filling the page template; escaping is
//! [`tool_compare::ui::html_text::escape`].

/// What stands between the first `start` and the next `end`.
pub fn between<'h>(html: &'h str, start: &str, end: &str) -> Option<&'h str> {
    let from = html.find(start)? + start.len();
    let to = html[from..].find(end)? + from;
    Some(&html[from..to])
}

/// Replaces what stands between `start` and `end` (both kept) in `html`.
pub fn replace_between(html: &str, start: &str, end: &str, with: &str) -> Result<String, String> {
    let from = html.find(start).ok_or_else(|| format!("the page template has no {start}"))? + start.len();
    let to = html[from..].find(end).ok_or_else(|| format!("the page template has no {end} after {start}"))? + from;
    Ok(format!("{}{with}{}", &html[..from], &html[to..]))
}

/// Inserts `what` right before `marker` (e.g. `</head>`).
pub fn insert_before(html: &str, marker: &str, what: &str) -> Result<String, String> {
    let at = html.find(marker).ok_or_else(|| format!("the page template has no {marker}"))?;
    Ok(format!("{}{what}{}", &html[..at], &html[at..]))
}

/// Where the first `<tag …>` element whose class list holds `class` starts
/// and ends (after its closing tag) in `html`; for elements that hold no
/// element of their own tag.
pub fn element_with_class(html: &str, tag: &str, class: &str) -> Option<(usize, usize)> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut from = 0;
    while let Some(found) = html[from..].find(&open) {
        let start = from + found;
        let rest = &html[start + open.len()..];
        let head_end = rest.find('>')?;
        let head = &rest[..head_end];
        let is_tag = rest.starts_with([' ', '>']);
        let classes = between(head, "class=\"", "\"").unwrap_or("");
        if is_tag && classes.split(' ').any(|c| c == class) {
            let end = start + html[start..].find(&close)? + close.len();
            return Some((start, end));
        }
        from = start + open.len();
    }
    None
}
