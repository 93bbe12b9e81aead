//! Label templates: `{name}` blanks, and plural choices for counts in the
//! ICU MessageFormat notation translators know,
//! `{count, plural, =0 {no votes} one {# vote} other {# votes}}`: an exact
//! `=N` form wins, then the form of the number's category in the catalog's
//! language (see `plural`), then `other`; `#` stands for the number.

use crate::plural::{Category, PluralRule};

/// Fills a template's blanks. Blanks without a value, and choices that do
/// not parse, stay as written, so a translation's typo shows up instead of
/// vanishing (the validator names them too).
pub fn fill(rule: PluralRule, template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match blank(rule, after, values) {
            Some((text, used)) => {
                out.push_str(&text);
                rest = &after[used..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The filled blank that `after` (the text after a `{`) starts with, and
/// how many bytes of `after` it takes, closing brace included.
fn blank(rule: PluralRule, after: &str, values: &[(&str, &str)]) -> Option<(String, usize)> {
    let name_end = after.find(['}', ','])?;
    let value = values.iter().find(|(name, _)| *name == &after[..name_end])?.1;
    if after[name_end..].starts_with('}') {
        return Some((value.to_string(), name_end + 1));
    }
    let (choice, used) = Choice::parse(&after[name_end + 1..])?;
    let form = choice.pick(rule, value.parse().ok()?)?;
    Some((fill(rule, &form.replace('#', value), values), name_end + 1 + used))
}

/// The forms of a plural choice, each with its selector (`=2`, `few`).
#[derive(Debug, PartialEq)]
pub struct Choice<'t> {
    pub forms: Vec<(&'t str, &'t str)>,
}

impl<'t> Choice<'t> {
    /// Parses what follows `{name,` up to and including the choice's closing
    /// brace; returns the choice and the bytes it took.
    pub fn parse(text: &'t str) -> Option<(Choice<'t>, usize)> {
        let forms_start = text.trim_start().strip_prefix("plural")?.trim_start().strip_prefix(',')?;
        let mut at = skip_space(text, text.len() - forms_start.len());
        let mut forms = Vec::new();
        loop {
            if text[at..].starts_with('}') {
                return Some((Choice { forms }, at + 1));
            }
            let selector_end = at + text[at..].find(|c: char| c == '{' || c.is_whitespace())?;
            let selector = &text[at..selector_end];
            at = skip_space(text, selector_end);
            if !text[at..].starts_with('{') {
                return None;
            }
            let body_end = at + closing_brace(&text[at..])?;
            forms.push((selector, &text[at + 1..body_end]));
            at = skip_space(text, body_end + 1);
        }
    }

    /// What is wrong with the choice, in words, if anything.
    pub fn problem(&self) -> Option<String> {
        for (selector, _) in &self.forms {
            let exact = selector.strip_prefix('=').is_some_and(|n| n.parse::<u64>().is_ok());
            if !exact && Category::from_keyword(selector).is_none() {
                return Some(format!("\"{selector}\" is not a plural form (zero, one, two, few, many, other or =N)"));
            }
        }
        (!self.forms.iter().any(|(selector, _)| *selector == "other"))
            .then(|| "a plural choice needs an \"other\" form".to_string())
    }

    fn pick(&self, rule: PluralRule, n: u64) -> Option<&'t str> {
        let exact = format!("={n}");
        let form = |wanted: &str| self.forms.iter().find(|(selector, _)| *selector == wanted).map(|(_, body)| *body);
        form(&exact).or_else(|| form(rule.category(n).keyword())).or_else(|| form("other"))
    }
}

fn skip_space(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start().len()
}

/// The index of the brace closing the one `text` starts with.
fn closing_brace(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Every plural choice in a template with its blank's name, for validation.
pub fn choices(template: &str) -> Vec<(&str, Option<Choice<'_>>)> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        rest = after;
        let Some(name_end) = after.find(['}', ',']) else { break };
        if after[name_end..].starts_with(',') {
            let name = &after[..name_end];
            match Choice::parse(&after[name_end + 1..]) {
                Some((choice, used)) => {
                    found.push((name, Some(choice)));
                    rest = &after[name_end + 1 + used..];
                }
                None => found.push((name, None)),
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: PluralRule = PluralRule::OneForOne;

    #[test]
    fn blanks_are_filled_and_unknown_ones_kept() {
        assert_eq!(fill(EN, "{a} vs {b}", &[("a", "X"), ("b", "Y")]), "X vs Y");
        assert_eq!(fill(EN, "{a} and {typo}", &[("a", "X")]), "X and {typo}");
        assert_eq!(fill(EN, "unclosed {a", &[("a", "X")]), "unclosed {a");
        assert_eq!(fill(EN, "{{a}}", &[("a", "X")]), "{X}");
        assert_eq!(fill(EN, "ünï {a} ✓", &[("a", "é")]), "ünï é ✓");
    }

    #[test]
    fn plural_choices_follow_the_language() {
        let votes = "{count, plural, one {# głos} few {# głosy} many {# głosów} other {# głosu}}";
        let polish = PluralRule::for_language("pl");
        let said: Vec<String> =
            [1, 2, 5, 22, 25, 112].iter().map(|n| fill(polish, votes, &[("count", &n.to_string())])).collect();
        assert_eq!(said, ["1 głos", "2 głosy", "5 głosów", "22 głosy", "25 głosów", "112 głosów"]);
        let french = PluralRule::for_language("fr");
        let vote = "{count, plural, one {# vote} other {# votes}}";
        assert_eq!(fill(french, vote, &[("count", "0")]), "0 vote");
        assert_eq!(fill(EN, vote, &[("count", "0")]), "0 votes");
    }

    #[test]
    fn exact_forms_win_and_other_blanks_fill_inside_forms() {
        let template =
            "{count, plural, =0 {No votes for {tool}} one {One vote for {tool}} other {# votes for {tool}}} yet.";
        let fill_with = |n: &str| fill(EN, template, &[("count", n), ("tool", "Zed")]);
        assert_eq!(fill_with("0"), "No votes for Zed yet.");
        assert_eq!(fill_with("1"), "One vote for Zed yet.");
        assert_eq!(fill_with("7"), "7 votes for Zed yet.");
    }

    #[test]
    fn broken_choices_stay_as_written() {
        for template in ["{count, plural, one {# vote}", "{count, plural one {x} other {y}}", "{count, select, a {x}}"]
        {
            assert_eq!(fill(EN, template, &[("count", "3")]), template);
        }
        assert_eq!(
            fill(EN, "{count, plural, one {x}}", &[("count", "3")]),
            "{count, plural, one {x}}",
            "no form for 3"
        );
    }

    #[test]
    fn choices_name_their_problems() {
        let found = choices("{count, plural, one {x} lots {y}} and {n, plural, one {z}} and {m, plural, oops");
        let problems: Vec<_> =
            found.iter().map(|(name, choice)| (*name, choice.as_ref().map(Choice::problem))).collect();
        assert_eq!(
            problems,
            [
                (
                    "count",
                    Some(Some("\"lots\" is not a plural form (zero, one, two, few, many, other or =N)".to_string()))
                ),
                ("n", Some(Some("a plural choice needs an \"other\" form".to_string()))),
                ("m", None),
            ]
        );
    }
}
