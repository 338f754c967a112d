//! The mention stage: candidate mentions from gazetteers, patterns and dates. Candidates
//! may overlap; the resolve stage chooses.

pub(crate) mod class;
pub mod date;
pub mod lexicon;

pub use lexicon::{Lexicon, LexiconHit};
pub mod exercise;
pub mod pattern;
pub mod trie;
