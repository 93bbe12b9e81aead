//! Why a file of the catalog could not be shown: which file, at which
//! address, and what went wrong, in words that say what failed.

use std::fmt;

use compare_domain::LoadError;

/// A request is abandoned after this long, so a stalled network shows
/// "Try again" instead of an endless spinner.
pub const TIMEOUT_SECONDS: u32 = 15;

/// Which file of the catalog a failure is about.
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogFile {
    /// The catalog itself (or a split catalog's index).
    Catalog,
    /// One tool's own file of a split catalog, named by the tool.
    Tool { name: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct FetchFailure {
    pub file: CatalogFile,
    pub url: String,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The server answered with an error status.
    Http { status: u16, status_text: String },
    /// No answer: offline, DNS, CORS refusal, or the timeout.
    Network { timed_out: bool },
    /// An answer that is not a usable catalog (or tool file).
    Unusable(LoadError),
    /// A catalog from an origin the standalone page does not show.
    Refused { origin: String },
}

impl FetchFailure {
    /// Whether asking again can help (a refusal stays a refusal).
    pub fn retryable(&self) -> bool {
        !matches!(self.reason, Reason::Refused { .. })
    }
}

impl fmt::Display for FetchFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = &self.url;
        match &self.file {
            CatalogFile::Catalog => write!(f, "The catalog file {url}")?,
            CatalogFile::Tool { name } => write!(f, "The file of {name}, {url},")?,
        }
        match &self.reason {
            Reason::Http { status, status_text } => {
                write!(f, " could not be loaded: the server answered HTTP {status}")?;
                if !status_text.is_empty() {
                    write!(f, " {status_text}")?;
                }
                f.write_str(".")
            }
            Reason::Network { timed_out: true } => {
                write!(f, " could not be loaded: no answer within {TIMEOUT_SECONDS} seconds.")
            }
            Reason::Network { timed_out: false } => f.write_str(
                " could not be loaded: the network request failed (offline, or blocked by the server's CORS settings).",
            ),
            Reason::Unusable(LoadError::Parse(err)) => write!(f, " cannot be read: {err}."),
            Reason::Unusable(LoadError::Invalid(problems)) => {
                write!(f, " has {} problem{}:", problems.len(), if problems.len() == 1 { "" } else { "s" })
            }
            Reason::Refused { origin } => write!(
                f,
                " is not shown: this page shows catalogs from its own site only, and this one comes from {origin}."
            ),
        }
    }
}
