//! Figures derived from the panel's reviews: ship share, scorecard, split,
//! and the one-line verdict.

use crate::labels::Labels;
use crate::model::{Review, Reviewer, Tool, Verdict};
#[cfg(test)]
use crate::valid::{Pair, ValidCatalog};

/// How many panel reviews of a tool say "ship".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShipShare {
    pub ships: usize,
    pub reviews: usize,
}

impl ShipShare {
    pub fn of(tool: &Tool) -> ShipShare {
        let ships = tool.reviews.iter().filter(|r| r.verdict() == Some(Verdict::Ship)).count();
        ShipShare { ships, reviews: tool.reviews.len() }
    }

    /// Rounded to the nearest whole percent; `None` without reviews.
    pub fn percent(self) -> Option<u32> {
        rounded_percent(self.ships, self.reviews)
    }
}

/// `part` of `whole` as a whole percentage, half rounded up.
pub fn rounded_percent(part: usize, whole: usize) -> Option<u32> {
    (whole > 0).then(|| ((part as u64 * 200 + whole as u64) / (whole as u64 * 2)) as u32)
}

/// One reviewer's take on both tools of the pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScorecardRow<'c> {
    pub reviewer: &'c Reviewer,
    pub a: Option<&'c Review>,
    pub b: Option<&'c Review>,
}

/// One row per panel reviewer who reviewed at least one of the two tools,
/// in panel order. The tools are passed in, since a split catalog's tools
/// come from their own files.
pub fn scorecard<'c>(reviewers: &'c [Reviewer], a: &'c Tool, b: &'c Tool) -> Vec<ScorecardRow<'c>> {
    let review_by = |tool: &'c Tool, id: &str| tool.reviews.iter().find(|r| r.reviewer == id);
    reviewers
        .iter()
        .map(|reviewer| ScorecardRow { reviewer, a: review_by(a, &reviewer.id), b: review_by(b, &reviewer.id) })
        .filter(|row| row.a.is_some() || row.b.is_some())
        .collect()
}

/// A reviewer who judged both tools and reached different verdicts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Disagreement<'c> {
    pub reviewer: &'c Reviewer,
    pub a: Verdict,
    pub b: Verdict,
}

/// What the reviewer split says about the pair.
#[derive(Debug, Clone, PartialEq)]
pub enum Split<'c> {
    /// No reviewer judged both tools.
    NoCommonReviewer,
    /// Everyone who judged both agrees; how many did.
    Agreement(usize),
    Disagreements(Vec<Disagreement<'c>>),
}

pub fn reviewer_split<'c>(rows: &[ScorecardRow<'c>]) -> Split<'c> {
    let both: Vec<(&'c Reviewer, Verdict, Verdict)> =
        rows.iter().filter_map(|row| Some((row.reviewer, row.a?.verdict()?, row.b?.verdict()?))).collect();
    if both.is_empty() {
        return Split::NoCommonReviewer;
    }
    let disagreements: Vec<Disagreement<'c>> =
        both.iter().filter(|(_, a, b)| a != b).map(|&(reviewer, a, b)| Disagreement { reviewer, a, b }).collect();
    if disagreements.is_empty() {
        Split::Agreement(both.len())
    } else {
        Split::Disagreements(disagreements)
    }
}

impl Disagreement<'_> {
    /// "The Business Reader skips SmolLM3 but ships Vercel AI Gateway."
    pub fn sentence(&self, labels: &Labels, a_name: &str, b_name: &str) -> String {
        let template = match self.a {
            Verdict::Ship => labels.ships_skips(),
            Verdict::Skip => labels.skips_ships(),
        };
        labels.fill(template, &[("reviewer", &self.reviewer.name), ("a", a_name), ("b", b_name)])
    }
}

/// The verdict line above the figures, e.g.
/// "The panel leans Vercel AI Gateway: 100% vs 75%".
pub fn verdict_line(labels: &Labels, a: &Tool, b: &Tool) -> String {
    let leans = |tool: &Tool, high: u32, low: u32| {
        labels.fill(labels.verdict_leans(), &[("tool", &tool.name), ("a", &high.to_string()), ("b", &low.to_string())])
    };
    let only =
        |tool: &Tool, p: u32| labels.fill(labels.verdict_only(), &[("tool", &tool.name), ("percent", &p.to_string())]);
    match (ShipShare::of(a).percent(), ShipShare::of(b).percent()) {
        (Some(pa), Some(pb)) if pa > pb => leans(a, pa, pb),
        (Some(pa), Some(pb)) if pb > pa => leans(b, pb, pa),
        (Some(p), Some(_)) => labels.fill(labels.verdict_even(), &[("percent", &p.to_string())]),
        (Some(p), None) => only(a, p),
        (None, Some(p)) => only(b, p),
        (None, None) => labels.verdict_none().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::valid::load_catalog;

    fn seed() -> ValidCatalog {
        load_catalog(include_str!("../../../public/catalog.json")).unwrap()
    }

    fn pair_scorecard(catalog: &ValidCatalog, pair: Pair) -> Vec<ScorecardRow<'_>> {
        scorecard(&catalog.catalog().reviewers, catalog.tool(pair.a), catalog.tool(pair.b))
    }

    fn tool<'c>(catalog: &'c ValidCatalog, id: &str) -> &'c Tool {
        catalog.tool(catalog.find_tool(id).unwrap())
    }

    #[test]
    fn the_seed_gives_75_and_100_percent() {
        let catalog = seed();
        let smol = ShipShare::of(tool(&catalog, "smollm3"));
        let vercel = ShipShare::of(tool(&catalog, "vercel-ai-gateway"));
        assert_eq!((smol.ships, smol.reviews, smol.percent()), (3, 4, Some(75)));
        assert_eq!((vercel.ships, vercel.reviews, vercel.percent()), (4, 4, Some(100)));
        assert_eq!(Labels::default().percent_text(smol.percent()), "75%");
    }

    #[test]
    fn no_reviews_means_no_figure() {
        let catalog = seed();
        assert_eq!(ShipShare::of(tool(&catalog, "portkey")).percent(), None);
        assert_eq!(Labels::default().percent_text(None), "—");
    }

    #[test]
    fn percentages_round_half_up() {
        assert_eq!(rounded_percent(1, 3), Some(33));
        assert_eq!(rounded_percent(2, 3), Some(67));
        assert_eq!(rounded_percent(1, 8), Some(13));
        assert_eq!(rounded_percent(0, 5), Some(0));
        assert_eq!(rounded_percent(0, 0), None);
    }

    #[test]
    fn the_seed_verdict_line_leans_vercel() {
        let catalog = seed();
        let (a, b) = (tool(&catalog, "smollm3"), tool(&catalog, "vercel-ai-gateway"));
        let labels = Labels::default();
        assert_eq!(verdict_line(&labels, a, b), "The panel leans Vercel AI Gateway: 100% vs 75%");
        assert_eq!(verdict_line(&labels, b, a), "The panel leans Vercel AI Gateway: 100% vs 75%");
        let portkey = tool(&catalog, "portkey");
        assert_eq!(verdict_line(&labels, a, portkey), "Only SmolLM3 has a panel verdict so far: 75% ship");
        assert_eq!(verdict_line(&labels, portkey, tool(&catalog, "litellm")), "No panel verdict yet for either tool");
        assert_eq!(verdict_line(&labels, a, a), "The panel is split evenly: 75% ship each");
        let german: Labels =
            crate::parse::parse_json(r#"{"verdict_leans":"Das Panel neigt zu {tool}: {a} % gegen {b} %"}"#).unwrap();
        assert_eq!(verdict_line(&german, a, b), "Das Panel neigt zu Vercel AI Gateway: 100 % gegen 75 %");
    }

    #[test]
    fn the_seed_scorecard_has_every_lens_and_all_eight_quotes() {
        let catalog = seed();
        let rows = pair_scorecard(&catalog, catalog.default_pair());
        let lenses: Vec<&str> = rows.iter().map(|r| r.reviewer.id.as_str()).collect();
        assert_eq!(lenses, ["builder", "skeptic", "futurist", "business", "advocate"]);
        let quotes = rows.iter().flat_map(|r| [r.a, r.b]).flatten().count();
        assert_eq!(quotes, 8);
        let futurist = &rows[2];
        assert!(futurist.a.unwrap().quote.starts_with("The thesis SmolLM3 bets on"));
        assert_eq!(futurist.b, None);
    }

    #[test]
    fn the_seed_split_names_the_business_reviewer() {
        let catalog = seed();
        let pair = catalog.default_pair();
        let rows = pair_scorecard(&catalog, pair);
        let Split::Disagreements(split) = reviewer_split(&rows) else { panic!("expected a split") };
        assert_eq!(split.len(), 1);
        assert_eq!(split[0].reviewer.id, "business");
        assert_eq!(
            split[0].sentence(&Labels::default(), "SmolLM3", "Vercel AI Gateway"),
            "The Business Reader skips SmolLM3 but ships Vercel AI Gateway."
        );
    }

    #[test]
    fn pairs_without_common_reviewers_say_so() {
        let catalog = seed();
        let pair = Pair { a: catalog.find_tool("smollm3").unwrap(), b: catalog.find_tool("portkey").unwrap() };
        assert_eq!(reviewer_split(&pair_scorecard(&catalog, pair)), Split::NoCommonReviewer);
        let pair = Pair { a: catalog.find_tool("litellm").unwrap(), b: catalog.find_tool("portkey").unwrap() };
        assert!(pair_scorecard(&catalog, pair).is_empty());
    }
}
