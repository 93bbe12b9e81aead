//! The catalog's optional call to action, as a plain link under the card.

use leptos::prelude::*;

use crate::ui::state::ComparisonState;

#[component]
pub fn CallToAction() -> impl IntoView {
    let state = expect_context::<ComparisonState>();
    state.catalog.with_value(|c| c.catalog().cta.clone()).map(|cta| {
        view! {
            <div class="tcw-cta">
                {(!cta.kicker.is_empty()).then(|| view! { <p class="tcw-kicker">{cta.kicker}</p> })}
                <p class="tcw-cta-link">
                    <a href=cta.link rel="noopener noreferrer" target="_blank" data-tc-key="cta">
                        {cta.text}
                    </a>
                </p>
                {(!cta.blurb.is_empty()).then(|| view! { <p class="tcw-cta-blurb">{cta.blurb}</p> })}
            </div>
        }
    })
}
