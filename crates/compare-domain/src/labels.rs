//! Every string the widget shows a reader, with English defaults that a
//! catalog's `labels` object may override, e.g. to translate the widget.
//! Templates name their blanks in braces: "Vote for {tool}"; counts may be
//! plural choices (see `template`).

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::json::{ReadJson, Reader};
use crate::parse::ParseError;

use crate::plural::PluralRule;

macro_rules! labels {
    ($($(#[doc = $doc:literal])* $key:ident = $default:literal;)*) => {
        /// Each label's place in the table of [`Labels`].
        #[allow(non_camel_case_types)]
        enum Key {
            $($key,)*
        }

        const NAMES: &[&str] = &[$(stringify!($key)),*];
        const DEFAULTS: &[&str] = &[$($default),*];

        impl Labels {
            $(
                pub fn $key(&self) -> &str {
                    self.text(Key::$key as usize)
                }
            )*
        }

        /// Overrides of the widget's strings; any label left out keeps its
        /// English default. Unknown labels are ignored.
        #[cfg(not(target_arch = "wasm32"))]
        #[derive(schemars::JsonSchema)]
        #[schemars(rename = "Labels")]
        #[allow(dead_code)]
        pub struct LabelsSchema {
            $(
                #[doc = concat!("Default: \"", $default, "\"", $(" —", $doc)*)]
                #[schemars(length(min = 1, max = 300))]
                $key: Option<String>,
            )*
        }
    };
}

/// The widget's strings as a catalog's `labels` sets them: a table, one
/// place per label, rather than a field each, whose derived reader made the
/// Wasm 12 KB (gzip) larger. Its JSON Schema is [`LabelsSchema`]'s.
#[derive(Debug, Clone, PartialEq)]
pub struct Labels {
    /// The catalog's text for each label, in the order of `NAMES`.
    texts: Vec<Option<String>>,
    /// The plural rule of the catalog's `language`, set when the catalog
    /// is validated.
    pub plural_rule: PluralRule,
}

impl Default for Labels {
    fn default() -> Labels {
        Labels { texts: vec![None; NAMES.len()], plural_rule: PluralRule::default() }
    }
}

impl Labels {
    fn text(&self, key: usize) -> &str {
        self.texts[key].as_deref().unwrap_or(DEFAULTS[key])
    }

    /// The names of all labels.
    pub fn all_names() -> Vec<&'static str> {
        NAMES.to_vec()
    }

    /// Each overridden label as `(name, text)`, for validation.
    pub fn overridden(&self) -> Vec<(&'static str, &str)> {
        NAMES.iter().zip(&self.texts).filter_map(|(name, text)| Some((*name, text.as_deref()?))).collect()
    }
}

impl ReadJson for Labels {
    fn read_json(reader: &mut Reader) -> Result<Labels, ParseError> {
        let mut labels = Labels::default();
        reader.object("an object of labels", NAMES, |reader, key| {
            labels.texts[key] = reader.optional(Reader::string)?;
            Ok(())
        })?;
        Ok(labels)
    }
}

impl Serialize for Labels {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let overridden = self.overridden();
        let mut map = serializer.serialize_map(Some(overridden.len()))?;
        for (name, text) in overridden {
            map.serialize_entry(name, text)?;
        }
        map.end()
    }
}

labels! {
    first_tool = "First tool";
    second_tool = "Second tool";
    swap_tools = "Swap tools";
    curated_comparisons = "Curated comparisons";
    curated = "Curated:";
    /// {count}: all curated comparisons
    show_all_curated = "Show all {count}";
    no_match = "No tool matches.";
    one_match = "1 match.";
    /// {count}
    matches = "{count} matches.";
    /// {shown}, {total}
    more_matches = "Showing {shown} of {total} matches; type to narrow.";
    /// {shown}, {count}: a large catalog's matches among the first tools of a word
    at_least_matches = "Showing {shown} of {count} or more matches; type to narrow.";
    /// A large catalog's matches are on their way
    searching = "Searching…";
    search_failed = "The matching tools could not be loaded; type to try again.";
    /// {a}, {b}: the tool names
    pair_title = "{a} vs {b}";
    vs = "vs";
    panel_ship = "Panel ship";
    community = "Community";
    entry = "Entry";
    no_panel_verdict = "No panel verdict yet";
    /// {ships}, {reviews}
    panel_count = "{ships} of {reviews} panel reviewers ship it";
    opens_in_new_tab = "(opens in a new tab)";
    /// {tool}, {a}, {b}: percentages
    verdict_leans = "The panel leans {tool}: {a}% vs {b}%";
    /// {percent}
    verdict_even = "The panel is split evenly: {percent}% ship each";
    /// {tool}, {percent}
    verdict_only = "Only {tool} has a panel verdict so far: {percent}% ship";
    verdict_none = "No panel verdict yet for either tool";
    scorecard = "Reviewer scorecard";
    expand_all = "Expand all";
    collapse_all = "Collapse all";
    read_full_quote = "Read the full quote";
    show_less = "Show less";
    ship = "Ship";
    skip = "Skip";
    not_reviewed = "Not reviewed";
    no_reviews = "No panel reviews for these tools yet.";
    split = "Reviewer split";
    no_common_reviewer = "No reviewer has judged both tools yet.";
    one_agrees = "The one reviewer who judged both tools gives them the same verdict.";
    /// {count}
    all_agree = "All {count} reviewers who judged both tools agree.";
    /// {reviewer}, {a}, {b}: the tool names
    ships_skips = "{reviewer} ships {a} but skips {b}.";
    /// {reviewer}, {a}, {b}: the tool names
    skips_ships = "{reviewer} skips {a} but ships {b}.";
    /// {date}
    updated = "Comparison last updated {date}.";
    not_curated = "This pair is not a curated comparison; its figures come from each tool's own panel reviews.";
    /// {published}: the "published votes" text
    community_explained = "Community is each tool's share of readers' votes on this pair: {published} plus your vote in this browser.";
    /// {published}: the "published votes" text. Used instead of community_explained when the catalog names a vote collector
    community_explained_collected = "Community is each tool's share of readers' votes on this pair: {published} plus the votes of this site's readers, counted across readers by this site.";
    no_published_votes = "no published votes";
    one_published_vote = "1 published vote";
    /// {count}
    published_votes = "{count} published votes";
    /// The vote question of pairs whose comparison sets none
    question = "Which one would you ship with?";
    /// {tool}
    vote_for = "Vote for {tool}";
    one_vote = "1 vote";
    /// {count}
    votes = "{count} votes";
    /// {votes}: the vote count; {percent}: the share, written as `percent` says
    vote_share = "{votes} · {percent}";
    /// How every percentage is written
    percent = "{percent}%";
    /// Between a vote count and "your vote"
    separator = " · ";
    your_vote = "your vote (this browser)";
    vote_note = "Counts are the published totals for this pair plus your vote in this browser. Press your vote again to withdraw it.";
    /// Used instead of vote_note when the catalog names a vote collector
    vote_note_collected = "Votes are counted across readers by this site; this browser keeps yours. Press your vote again to withdraw it.";
    live_count_unavailable = "The live count is unavailable right now, so the card shows the published counts and your vote; your vote is sent when the count is back.";
    votes_not_kept = "This browser does not let the widget save votes, so your vote counts only until you leave the page.";
    votes_reset = "Saved votes in this browser could not be read, so they were reset.";
    /// {tool}, {standing}
    vote_counted = "Your vote for {tool} is counted. {standing}";
    /// {standing}
    vote_withdrawn = "Your vote is withdrawn. {standing}";
    /// {a}, {b}: the tool names; {a_votes}, {b_votes}: their vote counts; {a_percent}, {b_percent}: their shares. Read out after a vote
    standing = "{a}: {a_votes} ({a_percent}), {b}: {b_votes} ({b_percent}).";
    /// {a}, {b}: the tool names
    now_comparing = "Now comparing {a} and {b}.";
    /// {ids}: the unknown ids
    unknown_tool = "This catalog has no tool {ids}, so the first curated comparison is shown instead.";
    same_tool = "A tool cannot be compared with itself, so the first curated comparison is shown instead.";
    /// Said by a pre-rendered card's controls until the widget's code has loaded
    controls_loading = "The interactive controls are still loading; what you press now is done as soon as they are ready.";
    /// Shown on a pre-rendered card when the browser runs no JavaScript
    needs_javascript = "Switching tools and voting need JavaScript; everything else is here.";
    /// {a}, {b}: the tool names; {verdict}: the verdict line. The description of a comparison's own page for search engines and link previews
    page_description = "{a} vs {b}: {verdict}. Panel verdicts, reviewer quotes, pricing and reader votes side by side.";
    /// The button that opens the share panel
    share = "Share";
    share_heading = "Share this comparison";
    share_link = "Link to this comparison";
    copy_link = "Copy link";
    /// Hands the link to the device's own share sheet (where the browser has one)
    share_via = "Share via…";
    embed_script = "Embed code for your site";
    embed_iframe = "Embed code for platforms without scripts (iframe)";
    embed_note = "Prefer the script embed: it loads faster, fits your page's width and follows its theme. The iframe is for platforms that allow no scripts.";
    copy_code = "Copy code";
    link_copied = "Link copied.";
    code_copied = "Embed code copied.";
    /// Shown when the browser refuses to copy; the text is then selected
    copy_refused = "This browser did not allow copying. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.";
    close = "Close";
    /// The twelve month names, separated by commas
    months = "January,February,March,April,May,June,July,August,September,October,November,December";
    /// {day}, {month}, {year}
    date = "{day} {month} {year}";
    /// While the widget's code or a file of the catalog loads
    loading = "Loading the comparison…";
    failure_title = "The comparison could not be shown";
    try_again = "Try again";
    /// {count}: how many more problems the list leaves out
    more_problems = "…and {count} more";
    /// {url}: the catalog's address; the failure messages below call it {file}
    catalog_file = "The catalog file {url}";
    /// {tool}: a tool's name; {url}: the address of its own file (split catalogs)
    tool_file = "The file of {tool}, {url},";
    /// {file}; {status}: the server's answer, e.g. "404 Not Found"
    failed_http = "{file} could not be loaded: the server answered HTTP {status}.";
    /// {file}; {seconds}
    failed_timeout = "{file} could not be loaded: no answer within {seconds} seconds.";
    failed_network = "{file} could not be loaded: the network request failed (offline, or blocked by the server's CORS settings).";
    /// {file}; {error}: what is wrong with it, in the validator's words
    failed_unreadable = "{file} cannot be read: {error}.";
    /// {file}; {count}: how many problems, listed under the message
    failed_invalid = "{file} has {count, plural, one {# problem} other {# problems}}:";
    /// {file}; {origin}: where the refused catalog comes from
    failed_refused = "{file} is not shown: this page shows catalogs from its own site only, and this one comes from {origin}.";
    /// {reason}: the browser's words for what failed (embed.js)
    start_failed = "The comparison widget could not start: {reason}";
    /// After an internal error (embed.js)
    stopped = "The comparison widget stopped because of an internal error.";
}

impl Labels {
    /// The texts `embed.js` shows by itself (while loading, when the
    /// widget's code cannot start or has stopped), as a JSON object that
    /// the cards carry in `data-tc-messages`.
    pub fn script_messages(&self) -> String {
        let mut out = String::from("{");
        for (i, (name, text)) in [
            ("loading", self.loading()),
            ("start_failed", self.start_failed()),
            ("stopped", self.stopped()),
            ("try_again", self.try_again()),
        ]
        .into_iter()
        .enumerate()
        {
            if i > 0 {
                out.push(',');
            }
            crate::json::write_string(&mut out, name);
            out.push(':');
            crate::json::write_string(&mut out, text);
        }
        out.push('}');
        out
    }
}

impl Labels {
    /// A catalog date in words, with the labels' month names and order.
    pub fn date_text(&self, date: crate::date::CalendarDate) -> String {
        let months: Vec<&str> = self.months().split(',').map(str::trim).collect();
        let defaults = Labels::default();
        let default_months: Vec<&str> = defaults.months().split(',').collect();
        let index = usize::from(date.month) - 1;
        let month = months.get(index).or(default_months.get(index)).copied().unwrap_or("");
        self.fill(self.date(), &[("day", &date.day.to_string()), ("month", month), ("year", &date.year.to_string())])
    }

    /// Fills a label's blanks, plural choices in the catalog's language.
    pub fn fill(&self, template: &str, values: &[(&str, &str)]) -> String {
        crate::template::fill(self.plural_rule, template, values)
    }

    /// A count in words from its labels: `many` with a plural choice speaks
    /// for every number; without one, `zero` (if any) says 0 and `one` says 1.
    pub fn count_text(&self, zero: Option<&str>, one: &str, many: &str, count: u64) -> String {
        let chooses = !crate::template::choices(many).is_empty();
        match (count, zero) {
            (0, Some(zero)) if !chooses => zero.to_string(),
            (1, _) if !chooses => one.to_string(),
            (n, _) => self.fill(many, &[("count", &n.to_string())]),
        }
    }

    /// The pair by its tools' names: "A vs B".
    pub fn pair_title_of(&self, a: &str, b: &str) -> String {
        self.fill(self.pair_title(), &[("a", a), ("b", b)])
    }

    /// "1 vote" or "7 votes".
    pub fn votes_text(&self, count: u64) -> String {
        self.count_text(None, self.one_vote(), self.votes(), count)
    }

    /// "75%", or "—" when there is nothing to count.
    pub fn percent_text(&self, percent: Option<u32>) -> String {
        match percent {
            Some(p) => self.fill(self.percent(), &[("percent", &p.to_string())]),
            None => "—".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::CalendarDate;
    use crate::parse::parse_json;

    #[test]
    fn defaults_are_english() {
        let labels = Labels::default();
        assert_eq!(labels.first_tool(), "First tool");
        assert_eq!(labels.fill(labels.vote_for(), &[("tool", "SmolLM3")]), "Vote for SmolLM3");
        assert!(labels.overridden().is_empty());
    }

    #[test]
    fn overrides_replace_single_labels() {
        let labels: Labels = parse_json(r#"{"vote_for":"Für {tool} stimmen","unknown":"x"}"#).unwrap();
        assert_eq!(labels.fill(labels.vote_for(), &[("tool", "SmolLM3")]), "Für SmolLM3 stimmen");
        assert_eq!(labels.swap_tools(), "Swap tools");
        assert_eq!(labels.overridden(), [("vote_for", "Für {tool} stimmen")]);
    }

    #[test]
    fn the_table_reads_like_a_struct_of_labels() {
        // Unknown labels of any shape are ignored; null keeps the default.
        let labels: Labels = parse_json(r#"{"later":{"nested":[1]},"vs":null,"close":"Zu"}"#).unwrap();
        assert_eq!((labels.vs(), labels.close()), ("vs", "Zu"));
        assert_eq!(serde_json::to_string(&labels).unwrap(), r#"{"close":"Zu"}"#);
        let wrong = parse_json::<Labels>(r#"{"close":5}"#).unwrap_err().to_string();
        assert_eq!(wrong, "close: invalid type: integer `5`, expected a string");
        let twice = parse_json::<Labels>(r#"{"close":"a","close":"b"}"#).unwrap_err().to_string();
        assert_eq!(twice, "(catalog): duplicate field `close`");
        let not_an_object = parse_json::<Labels>(r#""x""#).unwrap_err().to_string();
        assert!(not_an_object.contains("expected an object of labels"), "{not_an_object}");
        assert_eq!(Labels::all_names().len(), NAMES.len());
        assert_eq!(Labels::all_names()[0], "first_tool");
    }

    #[test]
    fn dates_follow_the_labels() {
        let date = CalendarDate::parse("2026-11-24").unwrap();
        assert_eq!(Labels::default().date_text(date), "24 November 2026");
        let german: Labels = parse_json(
            r#"{"months":"Januar,Februar,März,April,Mai,Juni,Juli,August,September,Oktober,November,Dezember","date":"{day}. {month} {year}"}"#,
        )
        .unwrap();
        assert_eq!(german.date_text(date), "24. November 2026");
        let short: Labels = parse_json(r#"{"months":"Jan"}"#).unwrap();
        assert_eq!(short.date_text(date), "24 November 2026", "missing month names fall back");
    }

    #[test]
    fn vote_counts_use_the_singular_and_plural_labels() {
        let labels = Labels::default();
        assert_eq!(labels.votes_text(1), "1 vote");
        assert_eq!(labels.votes_text(0), "0 votes");
        assert_eq!(labels.percent_text(Some(75)), "75%");
    }

    #[test]
    fn counts_with_a_plural_choice_follow_the_language() {
        let mut labels: Labels = parse_json(
            r#"{"votes":"{count, plural, one {# голос} few {# голоса} other {# голосов}}","one_vote":"один голос"}"#,
        )
        .unwrap();
        labels.plural_rule = PluralRule::for_language("ru");
        let said: Vec<String> = [1, 3, 5, 21].into_iter().map(|n| labels.votes_text(n)).collect();
        assert_eq!(said, ["1 голос", "3 голоса", "5 голосов", "21 голос"]);
        let german: Labels = parse_json(r#"{"percent":"{percent} %"}"#).unwrap();
        assert_eq!(german.percent_text(Some(100)), "100 %");
    }
}
