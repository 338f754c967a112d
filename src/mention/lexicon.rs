//! Gazetteer matching: every name of every entry in one [`TokenTrie`] over normalised
//! token keys.
//!
//! A name is the sequence of its tokens' keys (`["lieutenant", "general"]`), matched
//! against the text's token keys, so a hit starts and ends on token boundaries by
//! construction: "oman" can never be found inside "romania". Hits are token ranges, and so
//! byte spans of the original text, however folding changed lengths.

use super::trie::TokenTrie;
use crate::error::{Error, Result};
use crate::fxhash::FxHashMap;

use crate::gazetteer::Gazetteer;
use crate::text::{Analysis, Shape, Tokenized, tokenize_with_keys_into};

/// How one token of a name must be capitalised in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum TokenCase {
    /// Written in lower case or without letters: any case matches.
    Any,
    /// Written capitalised: capitalised or all capitals.
    Capital,
    /// Written in capitals, 2 or 3 letters: all capitals only.
    CapsShort,
    /// Written in capitals, 4 letters or more: all capitals or capitalised.
    CapsLong,
    /// `case=exact`: the same shape as written.
    Exact(Shape),
}

impl TokenCase {
    fn of(written: &str, exact: bool) -> TokenCase {
        let shape = Shape::of(written);
        if exact {
            return TokenCase::Exact(shape);
        }
        if !shape.contains(Shape::ALPHA) {
            return TokenCase::Any;
        }
        if shape.contains(Shape::ALL_CAPS) {
            let letters = written.chars().filter(|c| c.is_alphabetic()).count();
            return if letters <= 3 {
                TokenCase::CapsShort
            } else {
                TokenCase::CapsLong
            };
        }
        if shape.contains(Shape::CAPITALIZED) {
            TokenCase::Capital
        } else {
            TokenCase::Any
        }
    }

    fn accepts(self, found: Shape) -> bool {
        match self {
            TokenCase::Any => true,
            TokenCase::Capital => {
                found.contains(Shape::CAPITALIZED) || !found.contains(Shape::ALPHA)
            }
            TokenCase::CapsShort => found.contains(Shape::ALL_CAPS),
            TokenCase::CapsLong => {
                found.contains(Shape::ALL_CAPS) || found.contains(Shape::CAPITALIZED)
            }
            TokenCase::Exact(shape) => {
                let relevant = |s: Shape| {
                    (
                        s.contains(Shape::CAPITALIZED),
                        s.contains(Shape::ALL_CAPS),
                        s.contains(Shape::LOWER),
                    )
                };
                relevant(shape) == relevant(found)
            }
        }
    }
}

/// One name of one entry, as the matcher sees it. Its per-token case policy lies in
/// [`Lexicon::cases`], shared with every name of the same policy (most names are a few
/// capitalised words), which keeps a million names to a few allocations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct NameRef {
    entry: u32,
    name: u16,
    common: bool,
    cases_len: u8,
    cases_start: u32,
}

/// A gazetteer hit: a name of an entry found on tokens `first..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LexiconHit {
    /// Index of the entry in the gazetteer.
    pub entry: usize,
    /// Index of the name within the entry (0 is the canonical name).
    pub name: usize,
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
}

/// The most tokens a gazetteer name or trigger phrase may have. Matching walks the trie
/// from each token for at most this many tokens, which keeps it linear in the text; the
/// longest real names have about fifteen ("United Nations Multidimensional Integrated
/// Stabilization Mission in the Central African Republic" has twelve).
pub const MAX_NAME_TOKENS: usize = 32;

/// The compiled gazetteer: built once, shared by every extraction.
#[derive(Clone, Debug)]
pub struct Lexicon {
    trie: TokenTrie,
    /// The names, grouped by trie pattern: those of pattern `p` are
    /// `names[name_starts[p]..name_starts[p + 1]]`.
    names: Vec<NameRef>,
    name_starts: Vec<u32>,
    /// Case policies of names, one token each (see [`NameRef`]).
    cases: Vec<TokenCase>,
    /// Per word id, the word lists of the rules that hold the word, as class bits
    /// ([`crate::mention::class`]); ids past the end have none.
    word_classes: Vec<u8>,
}

impl Lexicon {
    /// Compiles every name of every entry of `gazetteer`.
    ///
    /// # Errors
    /// A gazetteer error at the entry's file and line for a name of more than
    /// [`MAX_NAME_TOKENS`] tokens.
    pub fn build(gazetteer: &Gazetteer) -> Result<Lexicon> {
        let mut trie = TokenTrie::default();
        let name_count: usize = gazetteer.entries().iter().map(|e| e.names.len()).sum();
        trie.reserve(name_count);
        // (pattern, name) in gazetteer order; grouped by pattern at the end.
        let mut found: Vec<(u32, NameRef)> = Vec::with_capacity(name_count);
        let mut cases: Vec<TokenCase> = Vec::new();
        let mut case_runs: FxHashMap<Box<[TokenCase]>, u32> = FxHashMap::default();
        let mut this_entry: Vec<(usize, NameRef)> = Vec::new();
        let mut tokenized = Tokenized::default();
        let mut run: Vec<TokenCase> = Vec::new();
        for (entry_index, entry) in gazetteer.entries().iter().enumerate() {
            let any_case = entry.attributes.get("case") == Some("any");
            let exact = entry.attributes.get("case") == Some("exact");
            let common = entry.attributes.flag("common");
            this_entry.clear();
            for (name_index, name) in entry.names.iter().enumerate() {
                tokenize_with_keys_into(&name.text, &mut tokenized);
                if tokenized.tokens.is_empty() {
                    continue;
                }
                if tokenized.tokens.len() > MAX_NAME_TOKENS {
                    return Err(Error::gazetteer(
                        &entry.origin.file,
                        entry.origin.line,
                        format!(
                            "the name {:?} has {} tokens; at most {MAX_NAME_TOKENS} are allowed",
                            crate::text::collapse_whitespace(&name.text)
                                .chars()
                                .take(60)
                                .collect::<String>(),
                            tokenized.tokens.len()
                        ),
                    ));
                }
                run.clear();
                run.extend(tokenized.tokens.iter().map(|t| {
                    if any_case {
                        TokenCase::Any
                    } else {
                        TokenCase::of(&name.text[t.span.range()], exact)
                    }
                }));
                let keys = (0..tokenized.tokens.len()).map(|i| tokenized.key(i));
                let Some(slot) = trie.insert(keys) else {
                    continue;
                };
                let cases_start = match case_runs.get(run.as_slice()) {
                    Some(&start) => start,
                    None => {
                        let start = u32::try_from(cases.len()).unwrap_or(u32::MAX);
                        cases.extend_from_slice(&run);
                        case_runs.insert(run.clone().into_boxed_slice(), start);
                        start
                    }
                };
                let name_ref = NameRef {
                    entry: entry_index as u32,
                    name: name_index.min(u16::MAX as usize) as u16,
                    common: common || name.attributes.flag("common"),
                    cases_len: run.len() as u8,
                    cases_start,
                };
                // A name an entry already has in the same form would only repeat its hits
                // (the first one wins the overlap anyway): ten thousand copies of one alias
                // would make every occurrence ten thousand candidates.
                let same_form = |n: &NameRef| {
                    n.cases_start == name_ref.cases_start
                        && n.cases_len == name_ref.cases_len
                        && n.common == name_ref.common
                };
                if !this_entry.iter().any(|(s, n)| *s == slot && same_form(n)) {
                    this_entry.push((slot, name_ref));
                    found.push((slot as u32, name_ref));
                }
            }
        }
        // Stable: the names of one pattern stay in gazetteer order.
        found.sort_by_key(|&(pattern, _)| pattern);
        let mut name_starts = Vec::with_capacity(trie.pattern_count() + 1);
        let mut names = Vec::with_capacity(found.len());
        for (pattern, name) in found {
            while name_starts.len() <= pattern as usize {
                name_starts.push(names.len() as u32);
            }
            names.push(name);
        }
        while name_starts.len() <= trie.pattern_count() {
            name_starts.push(names.len() as u32);
        }
        // The rules' word lists become word ids, so that one look-up a token serves the
        // names and every list.
        let mut word_classes = Vec::new();
        for (word, bit) in crate::mention::class::listed_words() {
            if let Some(id) = trie.add_word(word) {
                let id = id as usize;
                if word_classes.len() <= id {
                    word_classes.resize(id + 1, 0);
                }
                word_classes[id] |= bit;
            }
        }
        // Plural role words ("ministers"), for the fact stage's group phrases.
        for key in crate::fact::plural_role_keys(gazetteer) {
            if let Some(id) = trie.add_word(&key) {
                let id = id as usize;
                if word_classes.len() <= id {
                    word_classes.resize(id + 1, 0);
                }
                word_classes[id] |= crate::mention::class::PLURAL_ROLE;
            }
        }
        // A last 0 stands for every word past the listed ones, and for no word at all (see
        // `token_classes`).
        word_classes.push(0);
        Ok(Lexicon {
            trie,
            names,
            name_starts,
            cases,
            word_classes,
        })
    }

    /// Each token's class bits ([`crate::mention::class`]) from its word id
    /// ([`TokenTrie::word_ids`]).
    pub(crate) fn token_classes(&self, words: &[u32]) -> Vec<u8> {
        // The table ends with a 0 for every other word (see `build`).
        crate::mention::trie::map_word_ids(&self.word_classes, words)
            .unwrap_or_else(|| vec![0; words.len()])
    }

    /// The names of trie pattern `pattern`.
    fn names_of(&self, pattern: usize) -> &[NameRef] {
        let start = self.name_starts.get(pattern).copied().unwrap_or(0) as usize;
        let end = self.name_starts.get(pattern + 1).copied().unwrap_or(0) as usize;
        self.names.get(start..end).unwrap_or(&[])
    }

    /// Number of distinct normalised names.
    pub fn pattern_count(&self) -> usize {
        self.trie.pattern_count()
    }

    /// The trie of names.
    pub fn trie(&self) -> &TokenTrie {
        &self.trie
    }

    /// Every distinct name as a pattern over [`Tokenized::keys`](crate::text::Tokenized)
    /// (`" lieutenant general "`), by pattern id: what an aho-corasick automaton doing the
    /// same search would be built from. The benchmarks' reference scan uses it.
    pub fn patterns(&self) -> Vec<String> {
        self.trie.patterns()
    }

    /// Gives every word of `other` an id in this lexicon's trie, so that `other` can search
    /// through the word ids this lexicon looks up ([`TokenTrie::translate_words`]).
    pub fn include_words_of(&mut self, other: &TokenTrie) {
        self.trie.add_words_of(other);
    }

    /// Every hit in the analysed text whose capitalisation fits the name's case policy.
    /// Hits may overlap; the resolve stage chooses among them.
    pub fn find(&self, text: &str, analysis: &Analysis) -> Vec<LexiconHit> {
        let words = self.trie.word_ids(&analysis.tokenized);
        self.find_with_words(text, analysis, &words)
    }

    /// [`Lexicon::find`] with the tokens' word ids already looked up
    /// ([`TokenTrie::word_ids`] of [`Lexicon::trie`]).
    pub fn find_with_words(
        &self,
        text: &str,
        analysis: &Analysis,
        words: &[u32],
    ) -> Vec<LexiconHit> {
        let tokens = &analysis.tokenized.tokens;
        let found = self.trie.find_ids(words);
        // Most names have one entry and pass the case test.
        let mut hits = Vec::with_capacity(found.len());
        for (pattern, first, end) in found {
            let last = end - 1;
            for name in self.names_of(pattern) {
                let start = name.cases_start as usize;
                let cases = &self.cases[start..start + name.cases_len as usize];
                let shapes_fit = cases
                    .iter()
                    .zip(&tokens[first..=last])
                    .all(|(case, token)| case.accepts(token.shape));
                if !shapes_fit {
                    continue;
                }
                if name.common && analysis.starts_sentence(text, first) {
                    continue;
                }
                hits.push(LexiconHit {
                    entry: name.entry as usize,
                    name: name.name as usize,
                    first,
                    end: last + 1,
                });
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GAZETTEER: &str = "country\tOman\tOMN\n\
country\tRomania\tROU\n\
country\tKazakhstan\tKAZ\t\tdemonyms=Kazakh\n\
country\tTürkiye\tTUR\tTurkey\n\
country\tUnited States\tUSA\tUS|U.S.|America\n\
rank\tGeneral\tOF-9\tGen.\n\
rank\tLieutenant General\tOF-8\tLt Gen|Lt. Gen.\n\
person\tNarendra Modi\n\
organization\tNATO\n\
location\tNice\t\t\tcommon=yes\n\
location\tWhite House\t\tthe White House\n";

    fn found(text: &str) -> Vec<(String, &str)> {
        let g = Gazetteer::parse("test.tsv", GAZETTEER).unwrap();
        let lexicon = Lexicon::build(&g).unwrap();
        let analysis = Analysis::new(text);
        let tokens = analysis.tokens();
        let mut out: Vec<(String, &str)> = lexicon
            .find(text, &analysis)
            .into_iter()
            .map(|h| {
                let span = tokens[h.first].span.cover(tokens[h.end - 1].span);
                (g.entries()[h.entry].canonical.clone(), &text[span.range()])
            })
            .collect();
        out.sort();
        out
    }

    fn names(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn matcher_table() {
        let cases: &[(&str, &[&str])] = &[
            ("Oman and Romania", &["Oman", "Romania"]),
            ("Romanian", &[]),
            ("Kazakhstan’s minister", &["Kazakhstan"]),
            ("KAZAKHSTAN TALKS", &["Kazakhstan"]),
            ("Kazakh troops", &["Kazakhstan"]),
            (
                "Türkiye and Turkiye and Turkey",
                &["Türkiye", "Türkiye", "Türkiye"],
            ),
            ("turkey dinner", &[]),
            ("the US and us", &["United States"]),
            ("U.S. forces", &["United States"]),
            ("General Rawat", &["General"]),
            ("the general view", &[]),
            ("Lt. Gen. Yermekbayev", &["General", "Lieutenant General"]),
            ("Narendra\u{00A0}Modi spoke", &["Narendra Modi"]),
            ("NATO and Nato", &["NATO", "NATO"]),
            ("nato", &[]),
            ("Nice is a city. They met in Nice.", &["Nice"]),
            ("at the White House", &["White House", "White House"]),
        ];
        for (text, expected) in cases {
            assert_eq!(names(text), *expected, "text {text:?}");
        }
    }

    #[test]
    fn spans_are_original_bytes() {
        let hits = found("Prime Minister NARENDRA MODI and Kazakhstan’s");
        assert!(hits.contains(&("Narendra Modi".to_string(), "NARENDRA MODI")));
        assert!(hits.contains(&("Kazakhstan".to_string(), "Kazakhstan")));
    }
}
