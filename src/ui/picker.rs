//! A tool picker: an editable combobox (WAI-ARIA 1.2 pattern) that filters
//! by name or category as the reader types and never offers the tool on the
//! other side. Only the first matches are drawn, so a 10,000-tool catalog
//! costs no more per keystroke than a scan of its names.

use compare_domain::shards::MatchCount;
use compare_domain::ToolRef;
use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;

use crate::ui::picker_keys::{KeyOutcome, PickerKeys};
use crate::ui::prerender_mode::waiting_field;
use crate::ui::search::Search;
use crate::ui::state::{ComparisonState, Side};

/// Options drawn at once; the reader narrows the rest by typing.
const OPTIONS_SHOWN: usize = 50;

#[component]
pub fn Picker(label: String, side: Side) -> impl IntoView {
    let state = expect_context::<ComparisonState>();
    let input_id = state.id(&format!("picker-{}", side.slug()));
    let listbox_id = state.id(&format!("options-{}", side.slug()));
    let option_id = {
        let listbox_id = listbox_id.clone();
        move |i: usize| format!("{listbox_id}-{i}")
    };

    // `None` while the reader is not typing: the field shows the chosen tool.
    let query = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);
    let active = RwSignal::new(0_usize);
    let list_ref = NodeRef::<html::Ul>::new();

    let chosen = Memo::new(move |_| side.of(state.pair.get()));
    let excluded = Memo::new(move |_| side.other().of(state.pair.get()));
    // Only a sharded catalog's widget has one: its tools are found in the
    // name index's shards rather than in the catalog.
    #[cfg(shards)]
    let names = use_context::<crate::ui::name_index::NameIndex>();
    let matches = Memo::new(move |_| {
        if !open.get() {
            return Search::Found(Vec::new(), MatchCount::Exact(0));
        }
        let query = query.get().unwrap_or_default();
        #[cfg(shards)]
        if let Some(names) = names {
            return names.search(state, &query, excluded.get(), OPTIONS_SHOWN);
        }
        state.catalog.with_value(|c| {
            let (found, total) = c.filter_tools(&query, Some(excluded.get()), OPTIONS_SHOWN);
            Search::Found(found, MatchCount::Exact(total as u64))
        })
    });
    let found = move || matches.with(|m| shown(m).to_vec());

    let close = move || {
        open.set(false);
        query.set(None);
    };
    let choose = move |tool: ToolRef| {
        close();
        state.choose_tool(side, tool);
    };
    let on_keydown = move |ev: KeyboardEvent| {
        let keys = PickerKeys {
            open: open.get_untracked(),
            typing: query.with_untracked(Option::is_some),
            active: active.get_untracked(),
            count: matches.with_untracked(|m| shown(m).len()),
        };
        let Some(outcome) = keys.outcome(&ev.key()) else { return };
        ev.prevent_default();
        match outcome {
            KeyOutcome::Open => {
                active.set(0);
                open.set(true);
            }
            KeyOutcome::Highlight(option) => {
                active.set(option);
                if let Some(item) = list_ref.get_untracked().and_then(|list| list.children().item(option as u32)) {
                    item.scroll_into_view_with_bool(false);
                }
            }
            KeyOutcome::Choose(option) => {
                if let Some(tool) = matches.with_untracked(|m| shown(m).get(option).copied()) {
                    choose(tool);
                }
            }
            KeyOutcome::Close => close(),
            KeyOutcome::Nothing => {}
        }
    };

    let shown_value = move || match query.get() {
        Some(text) => text,
        None => state.tool_name(chosen.get()),
    };
    let active_descendant = {
        let option_id = option_id.clone();
        move || {
            let has_active = open.get() && matches.with(|m| active.get() < shown(m).len());
            has_active.then(|| option_id(active.get()))
        }
    };
    let status = move || {
        if !open.get() {
            return String::new();
        }
        match matches.get() {
            // Only a sharded catalog's pickers wait for their matches.
            #[cfg(shards)]
            Search::Waiting => state.label(|l| l.searching()),
            #[cfg(shards)]
            Search::Failed => state.label(|l| l.search_failed()),
            #[cfg(shards)]
            Search::Found(found, MatchCount::AtLeast(count)) => state
                .fill(|l| l.at_least_matches(), &[("shown", &found.len().to_string()), ("count", &count.to_string())]),
            #[cfg(not(shards))]
            Search::Waiting | Search::Failed | Search::Found(_, MatchCount::AtLeast(_)) => String::new(),
            Search::Found(found, MatchCount::Exact(total)) if total > found.len() as u64 => {
                state.fill(|l| l.more_matches(), &[("shown", &found.len().to_string()), ("total", &total.to_string())])
            }
            Search::Found(_, MatchCount::Exact(total)) => state.catalog.with_value(|c| {
                let l = &c.catalog().labels;
                l.count_text(Some(l.no_match()), l.one_match(), l.matches(), total)
            }),
        }
    };

    // A sharded catalog's picker asks for its prefix table as it gets
    // focus, so that the first keystroke waits for one name shard only.
    let select_all = move |ev: leptos::ev::FocusEvent| {
        #[cfg(shards)]
        if let Some(names) = names {
            names.prepare(state);
        }
        let input: web_sys::HtmlInputElement = event_target(&ev);
        input.select();
    };
    // Focus selects the shown name, so typing replaces it; mousedown on the
    // list is cancelled so the field keeps focus while an option is clicked.
    view! {
        <div class="tcw-picker">
            <label class="tcw-picker-label" for=input_id.clone()>
                {label.clone()}
            </label>
            <input
                id=input_id
                class="tcw-input"
                data-tc-key=format!("picker-{}", side.slug())
                {..waiting_field(state, state.tool_name(chosen.get_untracked()))}
                type="text"
                role="combobox"
                autocomplete="off"
                spellcheck="false"
                aria-autocomplete="list"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                aria-controls=listbox_id.clone()
                aria-activedescendant=active_descendant
                prop:value=shown_value
                on:input=move |ev| {
                    #[cfg(shards)]
                    if let Some(names) = names {
                        names.retry_failed();
                    }
                    query.set(Some(event_target_value(&ev)));
                    active.set(0);
                    open.set(true);
                }
                on:focus=select_all
                on:keydown=on_keydown
                on:blur=move |_| close()
            />
            <ul
                id=listbox_id
                class="tcw-options"
                role="listbox"
                aria-label=label
                node_ref=list_ref
                hidden=move || !open.get()
                on:mousedown=|ev| ev.prevent_default()
            >
                {move || {
                    found()
                        .into_iter()
                        .enumerate()
                        .map(|(i, tool)| {
                            let (name, category) = state
                                .catalog
                                .with_value(|c| (c.tool(tool).name.clone(), c.tool(tool).category.clone()));
                            view! {
                                <li
                                    id=option_id(i)
                                    role="option"
                                    class="tcw-option"
                                    aria-selected=move || if active.get() == i { "true" } else { "false" }
                                    on:click=move |_| choose(tool)
                                >
                                    <span class="tcw-option-name">{name}</span>
                                    {(!category.is_empty())
                                        .then(|| view! { <span class="tcw-option-category">{category}</span> })}
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <p class="tcw-picker-status" aria-live="polite">
                {status}
            </p>
        </div>
    }
}

/// The tools a search shows (none while it waits or failed).
fn shown(search: &Search) -> &[ToolRef] {
    match search {
        Search::Found(found, _) => found,
        Search::Waiting | Search::Failed => &[],
    }
}
