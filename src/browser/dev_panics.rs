//! Development builds (`scripts/serve.sh`) say why the Wasm panicked: the
//! panic's message and place go to the console before the instance aborts.
//! Release builds abort at once without formatting anything (smaller), and
//! `embed.js` reports the stop to the reader either way.

/// Sends every panic's message and location to the console.
pub fn report_in_console() {
    std::panic::set_hook(Box::new(|info| {
        leptos::logging::error!("[tool-compare] the widget's code panicked: {info}");
    }));
}
