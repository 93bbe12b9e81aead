fn main() {
    tool_compare::start_standalone_page();
}
