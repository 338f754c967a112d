//! Any bytes, decoded lossily, through `Extractor::extract` with the default gazetteers:
//! no panic, and the invariants of `tests/support/check.rs` hold (spans in bounds and on
//! char boundaries, mention texts equal their spans, unique entity ids, facts naming only
//! existing entities), and the HTML view renders with every piece of input escaped.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use newsfacts::Extractor;

#[path = "../../tests/support/check.rs"]
mod check;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let doc = check::extract_and_check(&EXTRACTOR, &text);
    check::check_html(&text, &doc);
});
