//! Reader votes on a pair: the catalog's published counts plus this
//! browser's own vote, or, with a vote collector, plus every reader's.

use crate::stats::rounded_percent;
use crate::valid::{Pair, ValidCatalog};

/// Votes for the pair's two tools, in the pair's display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub votes: [u64; 2],
}

impl Tally {
    /// The counts the catalog publishes for this pair, whichever order the
    /// catalog lists it in; zero for a pair that is not curated.
    pub fn published(catalog: &ValidCatalog, pair: Pair) -> Tally {
        let Some(comparison) = catalog.comparison(pair) else { return Tally::default() };
        let count = |i: usize| comparison.baseline_votes[i].max(0) as u64;
        let first_is_a = catalog.find_tool(&comparison.tools[0]) == Some(pair.a);
        Tally { votes: if first_is_a { [count(0), count(1)] } else { [count(1), count(0)] } }
    }

    /// Adds this browser's vote for the tool at `side` (0 = first tool).
    pub fn with_local_vote(mut self, side: Option<usize>) -> Tally {
        if let Some(side) = side {
            self.votes[side] += 1;
        }
        self
    }

    /// Adds a collector's counts (`collected`, display order), which hold
    /// this reader's vote as the collector last acknowledged it
    /// (`acknowledged`), and the reader's vote now (`local`): the
    /// acknowledged vote is taken out before the local one goes in, so that
    /// a vote is counted once, sent or not.
    pub fn with_collected(mut self, collected: [u64; 2], acknowledged: Option<usize>, local: Option<usize>) -> Tally {
        let mut others = collected;
        if let Some(side) = acknowledged {
            others[side] = others[side].saturating_sub(1);
        }
        self.votes[0] += others[0];
        self.votes[1] += others[1];
        self.with_local_vote(local)
    }

    pub fn total(self) -> u64 {
        self.votes[0] + self.votes[1]
    }

    /// Whole percentages that always add up to 100; `None` without votes.
    pub fn percents(self) -> Option<[u32; 2]> {
        let a = rounded_percent(self.votes[0] as usize, self.total() as usize)?;
        Some([a, 100 - a])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::valid::load_catalog;

    #[test]
    fn published_counts_follow_the_display_order() {
        let text = include_str!("../../../public/catalog.json").replace(
            r#""baseline_votes": [
        0,
        0
      ]"#,
            r#""baseline_votes": [3, 1]"#,
        );
        let catalog = load_catalog(&text).unwrap();
        let pair = catalog.default_pair();
        assert_eq!(Tally::published(&catalog, pair).votes, [3, 1]);
        assert_eq!(Tally::published(&catalog, pair.swapped()).votes, [1, 3]);
        assert_eq!(Tally::published(&catalog, pair).percents(), Some([75, 25]));
    }

    #[test]
    fn the_local_vote_adds_to_the_published_counts() {
        let published = Tally { votes: [3, 1] };
        assert_eq!(published.with_local_vote(Some(1)).votes, [3, 2]);
        assert_eq!(published.with_local_vote(Some(0)).percents(), Some([80, 20]));
        assert_eq!(published.with_local_vote(None), published);
        assert_eq!(Tally::default().with_local_vote(Some(0)).percents(), Some([100, 0]));
    }

    #[test]
    fn a_readers_vote_is_counted_once_whether_the_collector_has_it_or_not() {
        let published = Tally { votes: [3, 1] };
        // Nothing sent yet: the collector's 5 + 2 are other readers'.
        assert_eq!(published.with_collected([5, 2], None, Some(0)).votes, [9, 3]);
        // Sent and acknowledged: the collector's 6 include this vote.
        assert_eq!(published.with_collected([6, 2], Some(0), Some(0)).votes, [9, 3]);
        // Moved to the other tool, not yet sent: the collector still counts
        // the old vote.
        assert_eq!(published.with_collected([6, 2], Some(0), Some(1)).votes, [8, 4]);
        // Withdrawn, not yet sent.
        assert_eq!(published.with_collected([6, 2], Some(0), None).votes, [8, 3]);
        // A collector that lost the vote it acknowledged never goes below zero.
        assert_eq!(Tally::default().with_collected([0, 0], Some(1), Some(1)).votes, [0, 1]);
    }

    #[test]
    fn no_votes_means_no_percentages() {
        assert_eq!(Tally::default().percents(), None);
    }

    #[test]
    fn percentages_add_up_to_100() {
        for votes in [[1, 2], [2, 1], [1, 1], [0, 7], [333, 667], [1, 7]] {
            let [a, b] = Tally { votes }.percents().unwrap();
            assert_eq!(a + b, 100, "{votes:?}");
        }
    }
}
