//! Why a file of the catalog could not be shown: which file, at which
//! address, and what went wrong, in words that say what failed.

use compare_domain::labels::Labels;
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

    /// What the reader is told, in the words of `labels` (the catalog's,
    /// or the English defaults when the catalog itself failed).
    pub fn message(&self, labels: &Labels) -> String {
        let url = self.url.as_str();
        let file = match &self.file {
            CatalogFile::Catalog => labels.fill(labels.catalog_file(), &[("url", url)]),
            CatalogFile::Tool { name } => labels.fill(labels.tool_file(), &[("tool", name), ("url", url)]),
        };
        let say = |template: &str, blanks: &[(&str, &str)]| {
            let mut values = vec![("file", file.as_str())];
            values.extend_from_slice(blanks);
            labels.fill(template, &values)
        };
        match &self.reason {
            Reason::Http { status, status_text } => {
                say(labels.failed_http(), &[("status", format!("{status} {status_text}").trim_end())])
            }
            Reason::Network { timed_out: true } => {
                say(labels.failed_timeout(), &[("seconds", &TIMEOUT_SECONDS.to_string())])
            }
            Reason::Network { timed_out: false } => say(labels.failed_network(), &[]),
            Reason::Unusable(LoadError::Parse(err)) => say(labels.failed_unreadable(), &[("error", &err.to_string())]),
            Reason::Unusable(LoadError::Invalid(problems)) => {
                say(labels.failed_invalid(), &[("count", &problems.len().to_string())])
            }
            Reason::Refused { origin } => say(labels.failed_refused(), &[("origin", origin)]),
        }
    }

    /// The message and its first problems on one line, for a notice under
    /// a card that stays (the failure panel lists them instead).
    pub fn notice(&self, labels: &Labels) -> String {
        let mut text = self.message(labels);
        if let Reason::Unusable(LoadError::Invalid(problems)) = &self.reason {
            let named: Vec<String> =
                problems.iter().take(NOTICE_PROBLEMS).map(|p| format!("{}: {}", p.path, p.message)).collect();
            text = format!("{text} {}", named.join("; "));
        }
        text
    }
}

/// Problems a notice names: it is one line.
const NOTICE_PROBLEMS: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;
    use compare_domain::parse_catalog;

    fn german() -> Labels {
        parse_catalog(include_str!("../../examples/catalog.de.json")).unwrap().labels
    }

    #[test]
    fn messages_name_the_file_that_failed_and_why() {
        let english = Labels::default();
        let missing = FetchFailure {
            file: CatalogFile::Catalog,
            url: "https://w.example/catalog.json".into(),
            reason: Reason::Http { status: 404, status_text: "Not Found".into() },
        };
        assert_eq!(
            missing.message(&english),
            "The catalog file https://w.example/catalog.json could not be loaded: the server answered HTTP 404 Not Found."
        );
        let tool = FetchFailure {
            file: CatalogFile::Tool { name: "Portkey".into() },
            url: "https://w.example/tools/portkey.json".into(),
            reason: Reason::Network { timed_out: true },
        };
        assert_eq!(
            tool.message(&english),
            "The file of Portkey, https://w.example/tools/portkey.json, could not be loaded: no answer within 15 seconds."
        );
        assert_eq!(
            tool.message(&german()),
            "Die Datei zu Portkey (https://w.example/tools/portkey.json) konnte nicht geladen werden: keine Antwort innerhalb von 15 Sekunden."
        );
    }

    #[test]
    fn a_count_of_problems_takes_the_languages_plural() {
        let problems = |n: usize| FetchFailure {
            file: CatalogFile::Catalog,
            url: "k.json".into(),
            reason: Reason::Unusable(LoadError::Invalid(
                (0..n)
                    .map(|_| compare_domain::Problem {
                        severity: compare_domain::Severity::Error,
                        path: "x".into(),
                        message: "y".into(),
                    })
                    .collect(),
            )),
        };
        assert_eq!(problems(1).message(&Labels::default()), "The catalog file k.json has 1 problem:");
        assert_eq!(problems(3).message(&german()), "Die Katalogdatei k.json hat 3 Probleme:");
        assert_eq!(problems(3).notice(&Labels::default()), "The catalog file k.json has 3 problems: x: y; x: y");
    }
}
