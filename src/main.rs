fn main() {
    #[cfg(debug_assertions)]
    tool_compare::browser::dev_panics::report_in_console();
    tool_compare::start_standalone_page();
}
