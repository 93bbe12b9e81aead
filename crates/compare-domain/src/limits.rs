//! Size limits that keep a mistaken or hostile catalog from hurting a reader.
//! Each is generous for a real catalog (the 10,000-tool benchmark catalog
//! fits well inside them); exceeding one is a validation error with its path.

/// Largest catalog text read at all, in bytes.
pub const MAX_CATALOG_BYTES: usize = 16 * 1024 * 1024;
pub const MAX_TOOLS: usize = 20_000;
/// Most tools a catalog's tools file (`tools_file`) may hold: the
/// contract's million (DESIGN.md, "Large catalogs"). Reading stops one
/// line past it, so a file of ten million lines is refused as fast.
pub const MAX_TOOLS_IN_FILE: usize = 1_000_000;
/// Longest line of a tools file. The largest valid tool (a 5,000-character
/// description, 100 reviews with 5,000-character quotes: ~505,000
/// characters) needs ~6 MB even with every character written as a
/// 12-byte escaped surrogate pair; a longer line is refused unread.
pub const MAX_TOOL_LINE_BYTES: usize = 8 * 1024 * 1024;
/// Most tool shards of a sharded catalog: a million tools in 8,192
/// shards leaves room within a static host's 20,000 files for the name
/// index and the pages; 65,536 lets a host without that cap use smaller
/// shards.
pub const MAX_TOOL_SHARDS: u32 = 65_536;
pub const MAX_REVIEWERS: usize = 100;
pub const MAX_REVIEWS_PER_TOOL: usize = 100;
pub const MAX_COMPARISONS: usize = 1_000;
/// Largest published vote count for one tool of a pair.
pub const MAX_VOTES: i64 = 1_000_000_000;

/// Longest text, in characters, per kind of field.
pub const MAX_ID_CHARS: usize = 64;
pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_SHORT_TEXT_CHARS: usize = 300;
pub const MAX_LONG_TEXT_CHARS: usize = 5_000;
pub const MAX_LINK_CHARS: usize = 2_048;
