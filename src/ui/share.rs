//! "Share" under the card: a disclosure panel with the pair's link and its
//! two embed codes, each with a copy button. The panel exists only in the
//! live widget; the pre-rendered button waits for the widget's code.

use std::sync::Arc;

use compare_domain::Pair;
use leptos::prelude::*;

use crate::ui::prerender_mode::waiting;
use crate::ui::share_code::{Published, SharedPair};
use crate::ui::state::ComparisonState;

/// Writes text to the clipboard, then tells the callback whether it did.
pub type CopyText = Arc<dyn Fn(String, Box<dyn FnOnce(bool)>) + Send + Sync>;

/// What only the browser can do for the panel; the live widget provides it
/// by context.
#[derive(Clone)]
pub struct ShareHooks {
    pub published: Published,
    /// Writes text to the clipboard, then says whether that worked.
    pub copy: CopyText,
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
        let title = meta.labels.pair_title_of(&a.name, &b.name);
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

/// The texts the panel offers, each in a field with a copy button.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Link,
    Script,
    Iframe,
}

impl Field {
    fn slug(self) -> &'static str {
        match self {
            Field::Link => "link",
            Field::Script => "script",
            Field::Iframe => "iframe",
        }
    }

    /// Lines the field shows where a browser cannot size it to its text.
    fn rows(self) -> &'static str {
        match self {
            Field::Link => "1",
            Field::Script => "4",
            Field::Iframe => "5",
        }
    }

    fn text(self, offer: &Offer) -> String {
        match self {
            Field::Link => offer.link.clone(),
            Field::Script => offer.script.clone(),
            Field::Iframe => offer.iframe.clone(),
        }
    }
}

#[component]
fn SharePanel(id: String, hooks: ShareHooks, close: Callback<()>) -> impl IntoView {
    let state = expect_context::<ComparisonState>();
    let offer = Memo::new({
        let published = hooks.published.clone();
        move |_| offer(state, &published, state.pair.get())
    });
    // The message after the last copy, shown beside the button pressed.
    let status = RwSignal::new(None::<(Field, String)>);
    let copy = Callback::new(move |(field, focus_field): (Field, Callback<()>)| {
        status.set(None);
        (hooks.copy)(
            offer.with_untracked(|offer| field.text(offer)),
            Box::new(move |copied| {
                let message = if copied {
                    state.label(|l| if field == Field::Link { l.link_copied() } else { l.code_copied() })
                } else {
                    // Focused, the field selects its text for the reader
                    // to copy by hand.
                    focus_field.run(());
                    state.label(|l| l.copy_refused())
                };
                status.set(Some((field, message)));
            }),
        );
    });
    let share_sheet = hooks.share_sheet.map(|share| {
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
        .into_any()
    });
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let note_id = format!("{id}-note");
    let field = |field: Field, label: String, copy_label: String, note: Option<String>, extra: Option<AnyView>| {
        view! { <CopyField id=format!("{id}-{}", field.slug()) field label copy_label note extra offer status copy /> }
    };
    view! {
        <div
            id=id.clone()
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
            {field(Field::Link, state.label(|l| l.share_link()), state.label(|l| l.copy_link()), None, share_sheet)}
            <p id=note_id.clone() class="tcw-share-note">{state.label(|l| l.embed_note())}</p>
            {field(Field::Script, state.label(|l| l.embed_script()), state.label(|l| l.copy_code()), Some(note_id.clone()), None)}
            {field(Field::Iframe, state.label(|l| l.embed_iframe()), state.label(|l| l.copy_code()), Some(note_id), None)}
            <button type="button" class="tcw-button tcw-share-close" data-tc-key="share-close" on:click=move |_| close.run(())>
                {state.label(|l| l.close())}
            </button>
        </div>
    }
}

/// A read-only field holding one of the texts, its copy button and the
/// message after a copy. The link's field takes focus as the panel opens.
#[component]
fn CopyField(
    id: String,
    field: Field,
    label: String,
    copy_label: String,
    /// The id of a note describing the field.
    note: Option<String>,
    /// Another button beside the copy button.
    extra: Option<AnyView>,
    offer: Memo<Offer>,
    status: RwSignal<Option<(Field, String)>>,
    copy: Callback<(Field, Callback<()>)>,
) -> impl IntoView {
    let text_field = NodeRef::<leptos::html::Textarea>::new();
    let focus_field = Callback::new(move |()| {
        if let Some(text) = text_field.get_untracked() {
            let _ = text.focus();
        }
    });
    let key = format!("copy-{}", field.slug());
    let view = view! {
        <label class="tcw-share-label" for=id.clone()>{label}</label>
        <textarea
            id=id
            class="tcw-share-text"
            class:tcw-share-code=field != Field::Link
            readonly
            rows=field.rows()
            spellcheck="false"
            aria-describedby=note
            node_ref=text_field
            prop:value=move || offer.with(|offer| field.text(offer))
            on:focus=select_all
        ></textarea>
        <div class="tcw-share-row">
            <button type="button" class="tcw-button" data-tc-key=key on:click=move |_| copy.run((field, focus_field))>
                {copy_label}
            </button>
            {extra}
            <p class="tcw-share-status" role="status">
                {move || status.get().filter(|(shown, _)| *shown == field).map(|(_, text)| text)}
            </p>
        </div>
    };
    // Focus goes into the panel, to the link, the first thing it offers,
    // selected. The value is set here first: it may otherwise come after
    // the selection, and a new value moves the caret to its end.
    if field == Field::Link {
        Effect::new(move |_| {
            if let Some(text) = text_field.get() {
                text.set_value(&offer.with_untracked(|offer| field.text(offer)));
                let _ = text.focus();
                text.select();
            }
        });
    }
    view
}

/// Focusing a field selects all its text, ready to copy.
fn select_all(ev: leptos::ev::FocusEvent) {
    event_target::<web_sys::HtmlTextAreaElement>(&ev).select();
}
