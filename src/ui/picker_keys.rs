//! What a key does in a tool picker (the WAI-ARIA combobox's keyboard
//! rules), as a plain type: the component only applies the outcome.

/// Options a PageUp or PageDown moves over.
const PAGE: usize = 10;

/// The picker as a key finds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PickerKeys {
    /// The list of options is showing.
    pub open: bool,
    /// The reader has typed a filter (the field does not show the chosen tool).
    pub typing: bool,
    /// The highlighted option.
    pub active: usize,
    /// Options in the list.
    pub count: usize,
}

/// What the picker does with a key it takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KeyOutcome {
    /// Show the list, the first option highlighted.
    Open,
    /// Highlight this option (and scroll it into view).
    Highlight(usize),
    /// Choose this option.
    Choose(usize),
    /// Hide the list and show the chosen tool's name again.
    Close,
    /// The key is the picker's, but there is nothing to do (an empty list).
    Nothing,
}

impl PickerKeys {
    /// `None` for a key the picker leaves to the browser and the page (Tab,
    /// typing, Enter or Escape while the list is closed).
    pub fn outcome(self, key: &str) -> Option<KeyOutcome> {
        match key {
            "ArrowDown" if !self.open => Some(KeyOutcome::Open),
            "ArrowDown" => Some(self.step(1)),
            "ArrowUp" => Some(self.step(-1)),
            "PageDown" if self.open => Some(self.step(PAGE as isize)),
            "PageUp" if self.open => Some(self.step(-(PAGE as isize))),
            "Enter" if self.open => {
                Some(if self.active < self.count { KeyOutcome::Choose(self.active) } else { KeyOutcome::Nothing })
            }
            "Escape" if self.open || self.typing => Some(KeyOutcome::Close),
            _ => None,
        }
    }

    /// The highlight moved by `by`, held within the list.
    fn step(self, by: isize) -> KeyOutcome {
        if self.count == 0 {
            return KeyOutcome::Nothing;
        }
        let last = self.count - 1;
        KeyOutcome::Highlight(self.active.saturating_add_signed(by).min(last))
    }
}

#[cfg(test)]
mod tests {
    use super::{KeyOutcome::*, PickerKeys};

    fn open(active: usize, count: usize) -> PickerKeys {
        PickerKeys { open: true, typing: false, active, count }
    }

    const CLOSED: PickerKeys = PickerKeys { open: false, typing: false, active: 0, count: 0 };

    #[test]
    fn arrow_down_opens_a_closed_list_then_walks_it_and_stops_at_its_end() {
        assert_eq!(CLOSED.outcome("ArrowDown"), Some(Open));
        assert_eq!(open(0, 3).outcome("ArrowDown"), Some(Highlight(1)));
        assert_eq!(open(2, 3).outcome("ArrowDown"), Some(Highlight(2)));
    }

    #[test]
    fn arrow_up_stops_at_the_first_option() {
        assert_eq!(open(1, 3).outcome("ArrowUp"), Some(Highlight(0)));
        assert_eq!(open(0, 3).outcome("ArrowUp"), Some(Highlight(0)));
    }

    #[test]
    fn page_keys_move_ten_options_held_within_the_list_and_only_while_it_shows() {
        assert_eq!(open(3, 50).outcome("PageDown"), Some(Highlight(13)));
        assert_eq!(open(45, 50).outcome("PageDown"), Some(Highlight(49)));
        assert_eq!(open(4, 50).outcome("PageUp"), Some(Highlight(0)));
        assert_eq!(CLOSED.outcome("PageDown"), None, "a closed picker leaves the page to scroll");
    }

    #[test]
    fn enter_chooses_the_highlighted_option_and_nothing_from_an_empty_list() {
        assert_eq!(open(2, 3).outcome("Enter"), Some(Choose(2)));
        assert_eq!(open(0, 0).outcome("Enter"), Some(Nothing));
        assert_eq!(open(0, 0).outcome("ArrowDown"), Some(Nothing));
        assert_eq!(CLOSED.outcome("Enter"), None);
    }

    #[test]
    fn escape_closes_an_open_list_or_drops_a_typed_filter_and_is_otherwise_the_pages() {
        assert_eq!(open(0, 3).outcome("Escape"), Some(Close));
        assert_eq!(PickerKeys { typing: true, ..CLOSED }.outcome("Escape"), Some(Close));
        assert_eq!(CLOSED.outcome("Escape"), None);
        assert_eq!(open(0, 3).outcome("Tab"), None);
        assert_eq!(open(0, 3).outcome("a"), None);
    }
}
