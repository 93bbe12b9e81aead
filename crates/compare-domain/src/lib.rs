//! The browser-free core of the tool comparison widget: the catalog model,
//! its parsing and validation, the figures derived from it and the vote
//! tally. The widget and the `validate-catalog` command share it.

pub mod catalog_reader;
pub mod community;
pub mod date;
pub mod json;
pub mod labels;
pub mod limits;
pub mod model;
pub mod parse;
pub mod plural;
pub mod report;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod shards;
#[cfg(not(target_arch = "wasm32"))]
pub mod source;
pub mod stats;
pub mod synthetic;
pub mod tally;
pub mod template;
pub mod text;
#[cfg(not(target_arch = "wasm32"))]
pub mod tools_file;
pub mod valid;
pub mod validate;
pub mod votes;

pub use model::{Catalog, Comparison, Review, Reviewer, Tool, Verdict};
pub use parse::{parse_catalog, ParseError};
pub use valid::{load_catalog, LoadError, Pair, Resolved, ToolRef, ValidCatalog};
pub use validate::{validate, Problem, Severity};
