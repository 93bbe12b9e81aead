//! Shortening long catalog text for collapsed views.

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

#[cfg(test)]
mod tests {
    use super::teaser;

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
