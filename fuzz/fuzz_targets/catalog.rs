//! Any bytes through everything the widget does with catalog and storage
//! text: parse, validate, index, derive figures, resolve pairs, filter,
//! and decode stored votes. Nothing may panic or hang.
#![no_main]

use compare_domain::date::CalendarDate;
use compare_domain::stats::{reviewer_split, scorecard, verdict_line, ShipShare};
use compare_domain::tally::Tally;
use compare_domain::text::teaser;
use compare_domain::votes::VoteBook;
use compare_domain::{load_catalog, Pair, ToolRef};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = VoteBook::decode(text);
    let _ = CalendarDate::parse(text);
    let _ = teaser(text, data.len() % 200);
    let Ok(catalog) = load_catalog(text) else { return };
    let count = catalog.tool_count();
    let query = text.get(..text.len().min(3)).unwrap_or("");
    let _ = catalog.filter_tools(query, Some(ToolRef(0)), 50);
    let resolved = catalog.resolve_pair(Some(query), None);
    let mut pairs = vec![catalog.default_pair(), resolved.pair];
    pairs.extend(catalog.curated_pairs());
    pairs.push(Pair { a: ToolRef(count - 1), b: ToolRef(0) });
    for pair in pairs.into_iter().filter(|p| p.a != p.b) {
        let (a, b) = (catalog.tool(pair.a), catalog.tool(pair.b));
        let rows = scorecard(&catalog.catalog().reviewers, a, b);
        let _ = reviewer_split(&rows);
        let _ = verdict_line(&catalog.catalog().labels, a, b);
        let _ = ShipShare::of(a).percent();
        let _ = Tally::published(&catalog, pair).with_local_vote(Some(1)).percents();
        let mut book = VoteBook::default();
        book.press(&a.id, &b.id, &b.id);
        let _ = VoteBook::decode(&book.encode()).expect("own encoding decodes");
        for review in &a.reviews {
            let _ = teaser(&review.quote, 150);
        }
        // A split catalog's tool file: any text in place of the tool's file.
        let _ = catalog.load_tool_details(pair.a, text);
        let _ = catalog.tool_details_url(pair.b);
    }
});
