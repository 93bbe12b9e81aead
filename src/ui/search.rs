//! What a picker shows for a query: shared by the small catalog's search
//! and a sharded catalog's name index.

use compare_domain::shards::MatchCount;
use compare_domain::ToolRef;

/// What a picker shows for a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Search {
    /// The file that answers it is on its way.
    Waiting,
    /// It could not be fetched; typing again tries again.
    Failed,
    Found(Vec<ToolRef>, MatchCount),
}
