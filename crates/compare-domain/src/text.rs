//! Shortening long catalog text for collapsed views, and finding the known
//! word a mistyped one most resembles.

/// The first words of `text`, at most `max_chars` characters plus an
/// ellipsis, cut at a word boundary; `None` when `text` is already short.
pub fn teaser(text: &str, max_chars: usize) -> Option<String> {
    let (cut, next) = text.char_indices().nth(max_chars)?;
    let head = &text[..cut];
    let head = match head.rfind(char::is_whitespace) {
        _ if next.is_whitespace() => head,
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '—' | '-'));
    Some(format!("{head}…"))
}

/// `text` in lower case for case-insensitive matching, for the letters of
/// the Latin (Basic, Latin-1 and Extended-A), Greek and Cyrillic alphabets;
/// other letters stay as they are (most other scripts have no case). Not
/// `str::to_lowercase`, whose tables for every cased script of Unicode
/// were 7 KB (gzip) of the widget's Wasm, for the pickers' filter alone.
pub fn fold_case(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    let code = c as u32;
    let folded = match code {
        0x41..=0x5a | 0xc0..=0xd6 | 0xd8..=0xde | 0x391..=0x3a1 | 0x3a3..=0x3ab | 0x410..=0x42f => code + 0x20,
        // Latin Extended-A: upper and lower case alternate.
        0x100..=0x12f | 0x132..=0x137 | 0x14a..=0x177 if code % 2 == 0 => code + 1,
        0x139..=0x148 | 0x179..=0x17e if code % 2 == 1 => code + 1,
        0x130 => 0x69,
        0x178 => 0xff,
        0x386 => 0x3ac,
        0x388..=0x38a => code + 0x25,
        0x38c => 0x3cc,
        0x38e | 0x38f => code + 0x3f,
        0x400..=0x40f => code + 0x50,
        _ => code,
    };
    char::from_u32(folded).unwrap_or(c)
}

/// The candidate `word` most resembles, if one is close enough to be a
/// likely typo (at most a third of its letters, and at least one, differ).
pub fn closest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let allowed = (word.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|candidate| (edit_distance(word, candidate), *candidate))
        .filter(|(distance, _)| *distance <= allowed)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance in characters: insertions, deletions, substitutions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substituted = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substituted.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::{closest, fold_case, teaser};

    #[test]
    fn case_folds_like_the_standard_library_for_latin_greek_and_cyrillic() {
        // Basic Latin to Latin Extended-A, modern Greek, basic Cyrillic.
        let ranges = [0x20..0x180, 0x386..0x3cf, 0x400..0x460];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            // One character for one (İ lowercases to "i̇" in full; "i" here).
            let expected = c.to_lowercase().next().unwrap().to_string();
            assert_eq!(fold_case(&c.to_string()), expected, "{c} U+{:04X}", c as u32);
        }
        assert_eq!(fold_case("Ölçü ÉCOLE Ελλάδα МОСКВА 東京"), "ölçü école ελλάδα москва 東京");
    }

    #[test]
    fn a_typo_is_matched_to_the_word_it_most_resembles() {
        let fields = ["id", "name", "category", "tagline", "description", "link", "entry", "reviews"];
        assert_eq!(closest("taglin", &fields), Some("tagline"));
        assert_eq!(closest("Name", &fields), Some("name"));
        assert_eq!(closest("descripton", &fields), Some("description"));
        assert_eq!(closest("logo", &fields), None, "nothing alike");
        assert_eq!(
            closest("baseline_vote", &["tools", "question", "baseline_votes", "updated"]),
            Some("baseline_votes")
        );
    }

    #[test]
    fn short_text_needs_no_teaser() {
        assert_eq!(teaser("Short and sweet.", 40), None);
        assert_eq!(teaser("exactly ten", 11), None);
    }

    #[test]
    fn long_text_is_cut_at_a_word_boundary() {
        assert_eq!(teaser("The primitive here is clean: a compact model", 20).unwrap(), "The primitive here…");
        assert_eq!(teaser("The primitive here is clean: a compact model", 28).unwrap(), "The primitive here is clean…");
    }

    #[test]
    fn no_punctuation_is_left_before_the_ellipsis() {
        assert_eq!(teaser("a clean place to put it. The honest comparison", 25).unwrap(), "a clean place to put it…");
    }

    #[test]
    fn one_long_word_is_cut_inside_it() {
        assert_eq!(teaser("Supercalifragilistic", 5).unwrap(), "Super…");
    }

    #[test]
    fn multibyte_text_is_cut_on_character_boundaries() {
        assert_eq!(teaser("ééééé ééééé", 8).unwrap(), "ééééé…");
    }
}
