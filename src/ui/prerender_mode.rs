//! The few ways a pre-rendered card differs from the live one. A
//! pre-rendered card is HTML that shows everything before (and without)
//! the Wasm: its controls say that they wait for the widget's code (all
//! but the vote buttons, which `embed.js` answers itself from the card's
//! vote templates), and its quotes expand with native `<details>`. The
//! page's script records what the reader presses meanwhile on the others
//! and replays it on the live card.

use leptos::prelude::*;
use leptos::tachys::html::attribute::Attribute;

use crate::ui::state::ComparisonState;

/// True in the native build that renders cards to HTML (`ssr`); false in
/// the browser, where the branches it guards compile away.
pub const PRERENDERING: bool = cfg!(feature = "ssr");

/// Spread on a control that needs the widget's code (`{..waiting(state)}`):
/// in a pre-rendered card it is `aria-disabled` and described by the wait
/// note; in the live widget it adds nothing, not even code.
#[cfg(feature = "ssr")]
pub fn waiting(state: ComparisonState) -> impl Attribute {
    use leptos::tachys::html::attribute::{aria_describedby, aria_disabled};
    (aria_disabled("true"), aria_describedby(state.id("wait")))
}

#[cfg(not(feature = "ssr"))]
pub fn waiting(_state: ComparisonState) -> impl Attribute {}

/// Spread on a picker's field: a pre-rendered card has no properties, so
/// it shows the chosen tool in the `value` attribute, and the field is
/// described by the wait note (what is typed meanwhile is kept).
#[cfg(feature = "ssr")]
pub fn waiting_field(state: ComparisonState, shown: String) -> impl Attribute {
    use leptos::tachys::html::attribute::{aria_describedby, value};
    (value(shown), aria_describedby(state.id("wait")))
}

#[cfg(not(feature = "ssr"))]
pub fn waiting_field(_state: ComparisonState, _shown: String) -> impl Attribute {}

/// Says that the controls wait for the widget's code (read by screen
/// readers through `aria-describedby`, invisible) or, where the browser
/// runs no script, that they need JavaScript (visible). The style sheet
/// picks one with `@media (scripting: …)`.
#[component]
pub fn WaitNote() -> impl IntoView {
    let state = expect_context::<ComparisonState>();
    PRERENDERING.then(|| {
        view! {
            <p id=state.id("wait") class="tcw-wait tcw-visually-hidden">
                <span class="tcw-wait-loading">{state.label(|l| l.controls_loading())}</span>
                <span class="tcw-wait-noscript">{state.label(|l| l.needs_javascript())}</span>
            </p>
        }
    })
}
