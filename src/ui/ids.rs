//! Element ids unique on the page, so that several widgets (and their
//! `aria-controls`/`aria-labelledby` references) never collide.

use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A fresh prefix such as `tc3`, one per widget instance.
pub fn instance_prefix() -> String {
    format!("tc{}", NEXT.fetch_add(1, Ordering::Relaxed))
}
