//! What a widget shows while it has no card: loading, and a failure that
//! names what failed, with "Try again".

use compare_domain::labels::Labels;
use compare_domain::LoadError;
use leptos::prelude::*;

use crate::ui::fetch_failure::{FetchFailure, Reason};
use crate::ui::page_hooks::PageHooks;

/// How many validation problems the widget lists before "and N more".
const PROBLEMS_SHOWN: usize = 5;

/// `labels`: the catalog's, or the English defaults while it loads.
#[component]
pub fn Loading(labels: Labels) -> impl IntoView {
    view! {
        <div class="tcw-loading" aria-busy="true">
            <p role="status">{labels.loading().to_string()}</p>
        </div>
    }
}

#[component]
pub fn Failure(
    failure: FetchFailure,
    /// The catalog's labels, or the English defaults when the catalog itself failed.
    labels: Labels,
    /// "Try again"; one callback type, so that the view is compiled once.
    retry: Callback<()>,
) -> impl IntoView {
    let problems = match &failure.reason {
        Reason::Unusable(LoadError::Invalid(problems)) => problems.clone(),
        _ => Vec::new(),
    };
    let hidden = problems.len().saturating_sub(PROBLEMS_SHOWN);
    let retryable = failure.retryable();
    if let Some(hooks) = use_context::<PageHooks>() {
        Effect::new(move |_| (hooks.shown)(false));
    }
    view! {
        <div class="tcw-failure" role="alert">
            <p class="tcw-failure-title">{labels.failure_title().to_string()}</p>
            <p class="tcw-failure-message">{failure.message(&labels)}</p>
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
                            {(hidden > 0)
                                .then(|| view! { <li>{labels.fill(labels.more_problems(), &[("count", &hidden.to_string())])}</li> })}
                        </ul>
                    }
                })}
            {retryable
                .then(|| {
                    view! {
                        <button type="button" class="tcw-button" on:click=move |_| retry.run(())>
                            {labels.try_again().to_string()}
                        </button>
                    }
                })}
        </div>
    }
}
