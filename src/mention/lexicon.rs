//! Gazetteer matching: every name of every entry in one aho-corasick automaton over
//! normalised token keys.
//!
//! The automaton runs over [`Tokenized::keys`](crate::text::Tokenized), where keys are
//! separated by single spaces, and every pattern is a name's keys with a space on each
//! side (`" lieutenant general "`). A hit therefore starts and ends on token boundaries by
//! construction: "oman" can never be found inside "romania". Hits map back to tokens and so
//! to byte spans of the original text, however folding changed lengths.

use crate::fxhash::FxHashMap as HashMap;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::gazetteer::Gazetteer;
use crate::text::{Analysis, Shape, tokenize_with_keys};

/// How one token of a name must be capitalised in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

/// One name of one entry, as the automaton sees it.
#[derive(Clone, Debug)]
struct NameRef {
    entry: u32,
    name: u16,
    cases: Box<[TokenCase]>,
    common: bool,
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

/// The compiled gazetteer: built once, shared by every extraction.
#[derive(Clone, Debug)]
pub struct Lexicon {
    automaton: AhoCorasick,
    /// For each automaton pattern, the names that normalise to it.
    names: Vec<Vec<NameRef>>,
}

impl Lexicon {
    /// Compiles every name of every entry of `gazetteer`.
    pub fn build(gazetteer: &Gazetteer) -> Lexicon {
        let mut patterns: Vec<String> = Vec::new();
        let mut names: Vec<Vec<NameRef>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::default();
        for (entry_index, entry) in gazetteer.entries().iter().enumerate() {
            let any_case = entry.attributes.get("case") == Some("any");
            let exact = entry.attributes.get("case") == Some("exact");
            let common = entry.attributes.flag("common");
            for (name_index, name) in entry.names.iter().enumerate() {
                let tokenized = tokenize_with_keys(&name.text);
                if tokenized.tokens.is_empty() {
                    continue;
                }
                let key = tokenized.keys;
                let cases = tokenized
                    .tokens
                    .iter()
                    .map(|t| {
                        if any_case {
                            TokenCase::Any
                        } else {
                            TokenCase::of(&name.text[t.span.range()], exact)
                        }
                    })
                    .collect();
                let slot = match index.get(&key) {
                    Some(&slot) => slot,
                    None => {
                        index.insert(key.clone(), names.len());
                        patterns.push(key);
                        names.push(Vec::new());
                        names.len() - 1
                    }
                };
                let name_ref = NameRef {
                    entry: entry_index as u32,
                    name: name_index.min(u16::MAX as usize) as u16,
                    cases,
                    common: common || name.attributes.flag("common"),
                };
                // A name an entry already has in the same form would only repeat its hits
                // (the first one wins the overlap anyway): ten thousand copies of one alias
                // would make every occurrence ten thousand candidates.
                let repeated = names[slot]
                    .iter()
                    .rev()
                    .take_while(|n| n.entry == name_ref.entry)
                    .any(|n| n.cases == name_ref.cases && n.common == name_ref.common);
                if !repeated {
                    names[slot].push(name_ref);
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .expect("gazetteer names are short enough for the automaton");
        Lexicon { automaton, names }
    }

    /// Number of distinct normalised names.
    pub fn pattern_count(&self) -> usize {
        self.names.len()
    }

    /// The automaton, for benchmarks that compare against a bare scan.
    pub fn automaton(&self) -> &AhoCorasick {
        &self.automaton
    }

    /// Every hit in the analysed text whose capitalisation fits the name's case policy.
    /// Hits may overlap; the resolve stage chooses among them.
    pub fn find(&self, text: &str, analysis: &Analysis) -> Vec<LexiconHit> {
        let tokenized = &analysis.tokenized;
        let tokens = &tokenized.tokens;
        let mut hits = Vec::new();
        for m in self
            .automaton
            .find_overlapping_iter(tokenized.keys.as_str())
        {
            // Patterns are " key ... key ": the first key starts one byte in.
            let (Some(first), Some(last)) = (
                tokenized.token_at_key(m.start() + 1),
                tokenized.token_ending_at_key(m.end() - 1),
            ) else {
                continue;
            };
            for name in &self.names[m.pattern().as_usize()] {
                let shapes_fit = name
                    .cases
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
        let lexicon = Lexicon::build(&g);
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
