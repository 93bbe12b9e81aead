//! Plural forms of counts in a catalog's language. Every count the card
//! shows is a whole number, so each language's CLDR rule shrinks to a few
//! comparisons on the number itself; the rules are the same in the Wasm and
//! in the pre-render (and checked against the `intl_pluralrules` crate in the
//! tests), so a pre-rendered card and the live one always agree.

/// The CLDR plural categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Category {
    pub fn keyword(self) -> &'static str {
        match self {
            Category::Zero => "zero",
            Category::One => "one",
            Category::Two => "two",
            Category::Few => "few",
            Category::Many => "many",
            Category::Other => "other",
        }
    }

    pub fn from_keyword(keyword: &str) -> Option<Category> {
        [Category::Zero, Category::One, Category::Two, Category::Few, Category::Many, Category::Other]
            .into_iter()
            .find(|category| category.keyword() == keyword)
    }
}

/// How a language forms the plural of whole numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PluralRule {
    /// No plural forms (Chinese, Japanese, Korean, …).
    None,
    /// "one" for 1 (English, German, Spanish, Italian, …): the default.
    #[default]
    OneForOne,
    /// "one" for 0 and 1 (French, Portuguese, Hindi, …).
    OneForZeroAndOne,
    /// Russian, Ukrainian, Belarusian: one / few / many by the last digits.
    EastSlavic,
    /// Polish: one for 1, few / many by the last digits.
    Polish,
    /// Czech, Slovak: one for 1, few for 2–4.
    WestSlavic,
    /// Croatian, Serbian, Bosnian: one / few by the last digits.
    SouthSlavic,
    Slovenian,
    Lithuanian,
    Latvian,
    Romanian,
    Arabic,
    Hebrew,
    Irish,
    Welsh,
}

impl PluralRule {
    /// The rule of a BCP 47 language tag ("de", "pt-BR", "sr-Latn"); a
    /// language not listed here counts like English.
    pub fn for_language(tag: &str) -> PluralRule {
        let language = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match language.as_str() {
            "ja" | "zh" | "ko" | "th" | "vi" | "id" | "ms" | "lo" | "my" | "km" | "yue" | "jv" | "bo" | "yo" | "ig" => {
                PluralRule::None
            }
            "fr" | "pt" | "hi" | "bn" | "fa" | "gu" | "kn" | "am" | "zu" | "as" | "hy" | "ff" | "kab" => {
                PluralRule::OneForZeroAndOne
            }
            "ru" | "uk" | "be" => PluralRule::EastSlavic,
            "pl" => PluralRule::Polish,
            "cs" | "sk" => PluralRule::WestSlavic,
            "hr" | "sr" | "bs" | "sh" => PluralRule::SouthSlavic,
            "sl" => PluralRule::Slovenian,
            "lt" => PluralRule::Lithuanian,
            "lv" => PluralRule::Latvian,
            "ro" | "mo" => PluralRule::Romanian,
            "ar" => PluralRule::Arabic,
            "he" | "iw" => PluralRule::Hebrew,
            "ga" => PluralRule::Irish,
            "cy" => PluralRule::Welsh,
            _ => PluralRule::OneForOne,
        }
    }

    pub fn category(self, n: u64) -> Category {
        use Category::*;
        let (last, last_two) = (n % 10, n % 100);
        let teen = (11..=19).contains(&last_two);
        let few_by_digits = (2..=4).contains(&last) && !(12..=14).contains(&last_two);
        match self {
            PluralRule::None => Other,
            PluralRule::OneForOne => pick(n == 1, One),
            PluralRule::OneForZeroAndOne => pick(n <= 1, One),
            PluralRule::EastSlavic => match () {
                _ if last == 1 && last_two != 11 => One,
                _ if few_by_digits => Few,
                _ => Many,
            },
            PluralRule::Polish => match () {
                _ if n == 1 => One,
                _ if few_by_digits => Few,
                _ => Many,
            },
            PluralRule::WestSlavic => match n {
                1 => One,
                2..=4 => Few,
                _ => Other,
            },
            PluralRule::SouthSlavic => match () {
                _ if last == 1 && last_two != 11 => One,
                _ if few_by_digits => Few,
                _ => Other,
            },
            PluralRule::Slovenian => match last_two {
                1 => One,
                2 => Two,
                3 | 4 => Few,
                _ => Other,
            },
            PluralRule::Lithuanian => match () {
                _ if last == 1 && !teen => One,
                _ if last >= 2 && !teen => Few,
                _ => Other,
            },
            PluralRule::Latvian => match () {
                _ if last == 0 || teen => Zero,
                _ if last == 1 => One,
                _ => Other,
            },
            PluralRule::Romanian => match () {
                _ if n == 1 => One,
                _ if n == 0 || (1..=19).contains(&last_two) => Few,
                _ => Other,
            },
            PluralRule::Arabic => match (n, last_two) {
                (0, _) => Zero,
                (1, _) => One,
                (2, _) => Two,
                (_, 3..=10) => Few,
                (_, 11..=99) => Many,
                _ => Other,
            },
            PluralRule::Hebrew => match n {
                1 => One,
                2 => Two,
                _ => Other,
            },
            PluralRule::Irish => match n {
                1 => One,
                2 => Two,
                3..=6 => Few,
                7..=10 => Many,
                _ => Other,
            },
            PluralRule::Welsh => match n {
                0 => Zero,
                1 => One,
                2 => Two,
                3 => Few,
                6 => Many,
                _ => Other,
            },
        }
    }
}

fn pick(condition: bool, category: Category) -> Category {
    if condition {
        category
    } else {
        Category::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    use unic_langid::LanguageIdentifier;

    fn cldr(tag: &str, n: u64) -> &'static str {
        let language: LanguageIdentifier = tag.parse().unwrap();
        let rules = PluralRules::create(language, PluralRuleType::CARDINAL).unwrap();
        match rules.select(n).unwrap() {
            PluralCategory::ZERO => "zero",
            PluralCategory::ONE => "one",
            PluralCategory::TWO => "two",
            PluralCategory::FEW => "few",
            PluralCategory::MANY => "many",
            PluralCategory::OTHER => "other",
        }
    }

    /// Whole numbers up to a million are where the CLDR rules and these
    /// agree (French, Spanish and Italian call a round million "many").
    /// Languages whose rules take the last digits of `n` are checked against
    /// CLDR's own samples below instead: the crate (CLDR 37) gets those
    /// ranges wrong, and Hebrew lost "many" in CLDR 42, as browsers did.
    #[test]
    fn every_listed_language_agrees_with_cldr() {
        let languages = [
            "en", "de", "es", "it", "nl", "sv", "ja", "zh", "ko", "vi", "fr", "pt", "hi", "fa", "ru", "uk", "pl", "cs",
            "sk", "hr", "sr", "bs", "sl", "ga", "cy",
        ];
        let mut differ = Vec::new();
        for tag in languages {
            let rule = PluralRule::for_language(tag);
            for n in (0..=1_200).chain([10_001, 100_021, 999_999]) {
                if rule.category(n).keyword() != cldr(tag, n) {
                    differ.push(format!("{tag} {n}: {} vs {}", rule.category(n).keyword(), cldr(tag, n)));
                }
            }
        }
        assert!(differ.is_empty(), "{}", differ.join("\n"));
    }

    /// CLDR's integer samples (plurals.xml) of the languages whose rules
    /// take the last digits.
    #[test]
    fn languages_counted_by_last_digits_match_the_cldr_samples() {
        let samples: &[(&str, &str, &[u64])] = &[
            ("be", "one", &[1, 21, 31, 101, 1001]),
            ("be", "few", &[2, 3, 4, 22, 24, 102, 1002]),
            ("be", "many", &[0, 5, 11, 15, 19, 100, 1000]),
            ("lt", "one", &[1, 21, 31, 101, 1001]),
            ("lt", "few", &[2, 9, 22, 29, 102, 1002]),
            ("lt", "other", &[0, 10, 11, 19, 20, 30, 100, 1000]),
            ("lv", "zero", &[0, 10, 11, 19, 20, 30, 100, 111, 1000]),
            ("lv", "one", &[1, 21, 31, 101, 1001]),
            ("lv", "other", &[2, 9, 22, 29, 102, 1002]),
            ("ro", "one", &[1]),
            ("ro", "few", &[0, 2, 16, 19, 101, 1001]),
            ("ro", "other", &[20, 35, 100, 1000]),
            ("ar", "zero", &[0]),
            ("ar", "one", &[1]),
            ("ar", "two", &[2]),
            ("ar", "few", &[3, 10, 103, 110, 1003]),
            ("ar", "many", &[11, 26, 99, 111, 1011]),
            ("ar", "other", &[100, 102, 200, 1000]),
            ("he", "one", &[1]),
            ("he", "two", &[2]),
            ("he", "other", &[0, 3, 17, 20, 100, 1000]),
        ];
        for (tag, keyword, numbers) in samples {
            for &n in *numbers {
                assert_eq!(PluralRule::for_language(tag).category(n).keyword(), *keyword, "{tag} {n}");
            }
        }
    }

    #[test]
    fn tags_with_regions_and_scripts_use_their_language() {
        assert_eq!(PluralRule::for_language("pt-BR"), PluralRule::OneForZeroAndOne);
        assert_eq!(PluralRule::for_language("sr-Latn-RS"), PluralRule::SouthSlavic);
        assert_eq!(PluralRule::for_language("DE_at"), PluralRule::OneForOne);
        assert_eq!(PluralRule::for_language("tlh"), PluralRule::OneForOne);
    }
}
