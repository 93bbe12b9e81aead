//! What a widget shows while it has no card: loading, and a failure that
//! names what failed, with "Try again".

use std::fmt;

use compare_domain::LoadError;
use leptos::prelude::*;

use crate::ui::page_hooks::PageHooks;

/// A request is abandoned after this long, so a stalled network shows
/// "Try again" instead of an endless spinner.
pub const TIMEOUT_SECONDS: u32 = 15;

/// How many validation problems the widget lists before "and N more".
const PROBLEMS_SHOWN: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub enum FetchFailure {
    /// The server answered with an error status.
    Http { url: String, status: u16, status_text: String },
    /// No answer: offline, DNS, CORS refusal, or the timeout.
    Network { url: String, timed_out: bool },
    /// An answer that is not a usable catalog.
    Catalog { url: String, error: LoadError },
    /// A catalog from an origin the standalone page does not show.
    Refused { url: String, origin: String },
}

impl FetchFailure {
    /// Whether asking again can help (a refusal stays a refusal).
    fn retryable(&self) -> bool {
        !matches!(self, FetchFailure::Refused { .. })
    }
}

impl fmt::Display for FetchFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchFailure::Http { url, status, status_text } => {
                write!(f, "The catalog file {url} could not be loaded: the server answered HTTP {status}")?;
                if !status_text.is_empty() {
                    write!(f, " {status_text}")?;
                }
                f.write_str(".")
            }
            FetchFailure::Network { url, timed_out: true } => write!(
                f,
                "The catalog file {url} could not be loaded: no answer within {TIMEOUT_SECONDS} seconds."
            ),
            FetchFailure::Network { url, timed_out: false } => write!(
                f,
                "The catalog file {url} could not be loaded: the network request failed (offline, or blocked by the server's CORS settings)."
            ),
            FetchFailure::Catalog { url, error: LoadError::Parse(err) } => {
                write!(f, "The catalog file {url} cannot be read: {err}.")
            }
            FetchFailure::Refused { url, origin } => write!(
                f,
                "The catalog file {url} is not shown: this page shows catalogs from its own site only, and this one comes from {origin}."
            ),
            FetchFailure::Catalog { url, error: LoadError::Invalid(problems) } => write!(
                f,
                "The catalog file {url} has {} problem{}:",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            ),
        }
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="tcw-loading" aria-busy="true">
            <p role="status">"Loading the comparison…"</p>
        </div>
    }
}

#[component]
pub fn Failure(
    failure: FetchFailure,
    /// "Try again"; one callback type, so that the view is compiled once.
    retry: Callback<()>,
) -> impl IntoView {
    let problems = match &failure {
        FetchFailure::Catalog { error: LoadError::Invalid(problems), .. } => problems.clone(),
        _ => Vec::new(),
    };
    let hidden = problems.len().saturating_sub(PROBLEMS_SHOWN);
    let retryable = failure.retryable();
    if let Some(hooks) = use_context::<PageHooks>() {
        Effect::new(move |_| (hooks.shown)(false));
    }
    view! {
        <div class="tcw-failure" role="alert">
            <p class="tcw-failure-title">"The comparison could not be shown"</p>
            <p class="tcw-failure-message">{failure.to_string()}</p>
            {(!problems.is_empty())
                .then(|| {
                    view! {
                        <ul class="tcw-problems">
                            {problems
                                .into_iter()
                                .take(PROBLEMS_SHOWN)
                                .map(|problem| {
                                    view! {
                                        <li>
                                            <code>{problem.path}</code>
                                            ": "
                                            {problem.message}
                                        </li>
                                    }
                                })
                                .collect_view()}
                            {(hidden > 0).then(|| view! { <li>"…and " {hidden} " more"</li> })}
                        </ul>
                    }
                })}
            {retryable
                .then(|| {
                    view! {
                        <button type="button" class="tcw-button" on:click=move |_| retry.run(())>
                            "Try again"
                        </button>
                    }
                })}
        </div>
    }
}
