//! "Share" under the card: a disclosure panel with the pair's link and its
//! two embed codes, each with a copy button. The panel exists only in the
//! live widget; the pre-rendered button waits for the widget's code.

use std::sync::Arc;

use compare_domain::Pair;
use leptos::prelude::*;

use crate::ui::prerender_mode::waiting;
use crate::ui::share_code::{Published, SharedPair};
use crate::ui::state::ComparisonState;

/// What only the browser can do for the panel; the live widget provides it
/// by context.
#[derive(Clone)]
pub struct ShareHooks {
    pub published: Published,
    /// Writes text to the clipboard, then says whether that worked.
    pub copy: Arc<dyn Fn(String, Box<dyn FnOnce(bool)>) + Send + Sync>,
    /// Opens the device's share sheet with a title and a link; `None`
    /// where the browser has none.
    pub share_sheet: Option<Arc<dyn Fn(String, String) + Send + Sync>>,
}

/// What the panel offers for the pair on screen.
#[derive(Clone, PartialEq)]
struct Offer {
    title: String,
    link: String,
    script: String,
    iframe: String,
}

fn offer(state: ComparisonState, published: &Published, pair: Pair) -> Offer {
    state.catalog.with_value(|catalog| {
        let meta = catalog.catalog();
        let (a, b) = (catalog.tool(pair.a), catalog.tool(pair.b));
        let title = meta.labels.fill(meta.labels.pair_title(), &[("a", &a.name), ("b", &b.name)]);
        let frame_title = if meta.title.is_empty() { title.clone() } else { format!("{title}: {}", meta.title) };
        // The build writes a page for a curated pair in its curated order.
        let has_page = catalog.comparison(pair).is_some_and(|c| c.tools[0] == a.id);
        let shared = SharedPair { a: &a.id, b: &b.id, has_page, title: &frame_title };
        Offer {
            link: published.page_link(&shared),
            script: published.script_embed(&shared),
            iframe: published.iframe_embed(&shared),
            title,
        }
    })
}

#[component]
pub fn Share() -> impl IntoView {
    let state = expect_context::<ComparisonState>();
    let offered = state.catalog.with_value(|c| c.catalog().share);
    let hooks = use_context::<ShareHooks>();
    let open = RwSignal::new(false);
    let toggle = NodeRef::<leptos::html::Button>::new();
    let panel_id = state.id("share");
    let close = move || {
        open.set(false);
        if let Some(button) = toggle.get_untracked() {
            let _ = button.focus();
        }
    };
    offered.then(|| {
        view! {
            <div class="tcw-share">
                <button
                    type="button"
                    class="tcw-button tcw-share-toggle"
                    data-tc-key="share"
                    node_ref=toggle
                    aria-expanded=move || if open.get() { "true" } else { "false" }
                    aria-controls=panel_id.clone()
                    {..waiting(state)}
                    on:click=move |_| open.update(|open| *open = !*open)
                >
                    {state.label(|l| l.share())}
                </button>
                {move || {
                    let hooks = hooks.clone()?;
                    open.get().then(|| view! { <SharePanel id=panel_id.clone() hooks close=Callback::new(move |()| close()) /> })
                }}
            </div>
        }
    })
}

/// The texts the panel offers, each with a copy button and its message.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Link,
    Script,
    Iframe,
}

#[component]
fn SharePanel(id: String, hooks: ShareHooks, close: Callback<()>) -> impl IntoView {
    let state = expect_context::<ComparisonState>();
    // The message after the last copy, beside the button pressed.
    let status = RwSignal::new(None::<(Field, String)>);
    let status_of = move |field: Field| {
        view! {
            <p class="tcw-share-status" role="status">
                {move || status.get().filter(|(shown, _)| *shown == field).map(|(_, text)| text)}
            </p>
        }
    };
    let offer = Memo::new({
        let published = hooks.published.clone();
        move |_| offer(state, &published, state.pair.get())
    });
    let link_field = NodeRef::<leptos::html::Input>::new();
    let script_field = NodeRef::<leptos::html::Textarea>::new();
    let iframe_field = NodeRef::<leptos::html::Textarea>::new();
    let copy = {
        let hooks = hooks.clone();
        move |what: Field, text: String, focus: Arc<dyn Fn() + Send + Sync>| {
            status.set(None);
            (hooks.copy)(
                text,
                Box::new(move |copied| {
                    if copied {
                        let text = state.label(|l| if what == Field::Link { l.link_copied() } else { l.code_copied() });
                        status.set(Some((what, text)));
                    } else {
                        // The field selects its text as it gains focus, for
                        // the reader to copy by hand.
                        focus();
                        status.set(Some((what, state.label(|l| l.copy_refused()))));
                    }
                }),
            );
        }
    };
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let field_id = |name: &str| format!("{id}-{name}");
    let (link_id, script_id, iframe_id, note_id) = (field_id("link"), field_id("script"), field_id("iframe"), field_id("note"));
    let (note_id_for_note, note_id_for_script) = (note_id.clone(), note_id.clone());
    let copy_link = copy.clone();
    let copy_script = copy.clone();
    let copy_iframe = copy;
    let share_sheet = hooks.share_sheet.clone().map(|share| {
        view! {
            <button
                type="button"
                class="tcw-button"
                data-tc-key="share-sheet"
                on:click=move |_| {
                    let Offer { title, link, .. } = offer.get_untracked();
                    share(title, link);
                }
            >
                {state.label(|l| l.share_via())}
            </button>
        }
    });
    let panel = view! {
        <div
            id=id
            class="tcw-share-panel"
            role="group"
            aria-labelledby=labelled_by
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    close.run(());
                }
            }
        >
            <h3 id=heading_id class="tcw-share-heading">{state.label(|l| l.share_heading())}</h3>
            <label class="tcw-share-label" for=link_id.clone()>{state.label(|l| l.share_link())}</label>
            <div class="tcw-share-row">
                <input
                    id=link_id
                    class="tcw-share-text"
                    type="text"
                    readonly
                    node_ref=link_field
                    prop:value=move || offer.with(|o| o.link.clone())
                    on:focus=select_link
                />
                <button
                    type="button"
                    class="tcw-button"
                    data-tc-key="copy-link"
                    on:click=move |_| copy_link(Field::Link, offer.get_untracked().link, focuser(link_field))
                >
                    {state.label(|l| l.copy_link())}
                </button>
                {share_sheet}
                {status_of(Field::Link)}
            </div>
            <p id=note_id_for_note class="tcw-share-note">{state.label(|l| l.embed_note())}</p>
            <label class="tcw-share-label" for=script_id.clone()>{state.label(|l| l.embed_script())}</label>
            <textarea
                id=script_id
                class="tcw-share-text tcw-share-code"
                readonly
                rows="4"
                spellcheck="false"
                aria-describedby=note_id_for_script
                node_ref=script_field
                on:focus=select_code
                prop:value=move || offer.with(|o| o.script.clone())
            ></textarea>
            <div class="tcw-share-row">
                <button
                    type="button"
                    class="tcw-button tcw-share-copy"
                    data-tc-key="copy-script"
                    on:click=move |_| copy_script(Field::Script, offer.get_untracked().script, focuser(script_field))
                >
                    {state.label(|l| l.copy_code())}
                </button>
                {status_of(Field::Script)}
            </div>
            <label class="tcw-share-label" for=iframe_id.clone()>{state.label(|l| l.embed_iframe())}</label>
            <textarea
                id=iframe_id
                class="tcw-share-text tcw-share-code"
                readonly
                rows="4"
                spellcheck="false"
                aria-describedby=note_id
                node_ref=iframe_field
                on:focus=select_code
                prop:value=move || offer.with(|o| o.iframe.clone())
            ></textarea>
            <div class="tcw-share-row">
                <button
                    type="button"
                    class="tcw-button tcw-share-copy"
                    data-tc-key="copy-iframe"
                    on:click=move |_| copy_iframe(Field::Iframe, offer.get_untracked().iframe, focuser(iframe_field))
                >
                    {state.label(|l| l.copy_code())}
                </button>
                {status_of(Field::Iframe)}
            </div>
            <button type="button" class="tcw-button tcw-share-close" data-tc-key="share-close" on:click=move |_| close.run(())>
                {state.label(|l| l.close())}
            </button>
        </div>
    };
    // Focus goes into the panel, to the link, the first thing it offers,
    // selected. The field's value is set here first: it may otherwise come
    // after the selection, and a new value moves the caret to its end.
    Effect::new(move |_| {
        if let Some(field) = link_field.get() {
            field.set_value(&offer.with_untracked(|o| o.link.clone()));
            let _ = field.focus();
            field.select();
        }
    });
    panel
}

/// Focuses a field (whose text is then selected).
fn focuser<E>(field: NodeRef<E>) -> Arc<dyn Fn() + Send + Sync>
where
    E: leptos::tachys::html::element::ElementType + 'static,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    Arc::new(move || {
        if let Some(field) = field.get_untracked() {
            let _ = wasm_bindgen::JsCast::unchecked_ref::<web_sys::HtmlElement>(&field).focus();
        }
    })
}

/// The link field selects its text when it gains focus, ready to copy.
fn select_link(ev: leptos::ev::FocusEvent) {
    event_target::<web_sys::HtmlInputElement>(&ev).select();
}

/// A code field selects all its text when it gains focus, ready to copy.
fn select_code(ev: leptos::ev::FocusEvent) {
    event_target::<web_sys::HtmlTextAreaElement>(&ev).select();
}
