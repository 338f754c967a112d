//! Any bytes, decoded lossily, as a gazetteer file: `Gazetteer::parse`, `add_str` onto an
//! existing gazetteer, and `ExtractorBuilder::gazetteer_str(..).no_default_gazetteers()`.
//! No panic; an error names the file and a line within the input; a failed load changes
//! nothing; a good load gives an extractor whose output passes the extraction checks.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/check.rs"]
mod check;

/// Text the fuzzed gazetteer's names may be found in.
const SAMPLE: &str = "Lt. Gen. Aruzhan Abenov, Kazakhstan's Defence Minister, met \
                      General Lars Brandt in Astana on May 3, 2024. KAZIND-24 begins.";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check::check_gazetteer(&text, SAMPLE);
});
