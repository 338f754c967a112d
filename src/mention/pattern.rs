//! Pattern rules for names no gazetteer lists: organisations by their head noun
//! ("Naval Postgraduate School", "HQs 12 Corps", "Carrier Strike Group 9", "Ministry of
//! Ports"), and ships ("HMS Queen Elizabeth", "INS Vikrant"), which are not people even when
//! their names are.
//!
//! Pattern candidates take part in the overlap policy like gazetteer hits: a longer
//! gazetteer name wins, and a pattern covering a shorter gazetteer name wins over it.

use std::sync::LazyLock;

use crate::Span;
use crate::fxhash::WordSet;
use crate::gazetteer::EntityKind;
use crate::mention::class;
use crate::resolve::Candidate;
use crate::resolve::Origin;
use crate::text::{Analysis, Shape};

/// Last words of organisation names.
pub(crate) const ORG_HEADS: &[&str] = &[
    "university",
    "college",
    "school",
    "academy",
    "institute",
    "institution",
    "command",
    "fleet",
    "corps",
    "group",
    "division",
    "brigade",
    "regiment",
    "battalion",
    "squadron",
    "wing",
    "agency",
    "ministry",
    "department",
    "council",
    "committee",
    "commission",
    "organisation",
    "organization",
    "forces",
    "force",
    "bank",
    "fund",
    "programme",
    "program",
    "network",
    "forum",
    "dialogue",
    "initiative",
    "center",
    "centre",
    "office",
    "service",
    "services",
    "guard",
    "administration",
    "authority",
    "bureau",
    "directorate",
    "secretariat",
    "coalition",
    "federation",
    "association",
    "union",
    "party",
    "headquarters",
    "army",
    "navy",
    "police",
    "parliament",
    "assembly",
    "senate",
    "court",
    "tribunal",
    "company",
    "corporation",
];

/// Heads that end a name: what follows "and" after them is another name.
pub(crate) const TERMINAL_HEADS: &[&str] = &[
    "university",
    "college",
    "school",
    "academy",
    "institute",
    "bank",
    "fund",
    "agency",
    "ministry",
    "department",
];

/// Words that open an organisation name followed by "of": "Ministry of Ports".
pub(crate) const ORG_OPENERS: &[&str] = &[
    "ministry",
    "department",
    "office",
    "council",
    "university",
    "bureau",
    "directorate",
    "institute",
    "academy",
    "school",
    "college",
    "commission",
    "secretariat",
];

/// Ship prefixes, all in capitals (checked by a test).
const SHIP_PREFIXES: &[&str] = &[
    "HMS", "USS", "USNS", "INS", "HMAS", "HMCS", "HMNZS", "JS", "ROKS", "PNS", "RFS", "FS", "ITS",
    "TCG", "KRI", "BRP", "RSS", "SPS", "HNLMS", "HDMS", "KD", "CNS", "PLANS", "NRP",
];

/// Lower-case words allowed inside a name.
pub(crate) const JOINERS: &[&str] = &["of", "and", "for", "on", "&", "-"];

/// Capitalised words that never start an organisation name.
pub(crate) const NOT_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "his",
    "her",
    "their",
    "our",
    "its",
    "during",
    "after",
    "before",
    "in",
    "on",
    "at",
    "for",
    "with",
    "and",
    "but",
    "as",
    "by",
    "from",
    "of",
    "to",
    "readout",
    "statement",
    "remarks",
    "nominee",
    "commander",
    "director",
    "deputy",
    "chief",
    "head",
    "member",
    "members",
    "president",
    "minister",
    "secretary",
    "vice",
    "presidency",
];

/// Ship prefixes as a hashed set: they are compared with the word as written.
static SHIP_PREFIX_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(SHIP_PREFIXES));

/// Finds organisation and ship candidates. `places[i]` is true where a gazetteer place
/// (country or location) starts at token `i`: "Jaisalmer and HQs 12 Corps" is two things,
/// while "U.S. Naval Forces Korea" ends with its place.
pub fn find(text: &str, analysis: &Analysis, places: &[bool]) -> Vec<Candidate> {
    find_with_classes(
        text,
        analysis,
        places,
        &class::of_tokens(&analysis.tokenized),
    )
}

/// [`find`] with each token's class byte at hand ([`class`]; the lexicon's
/// [`crate::mention::Lexicon::token_classes`]).
pub(crate) fn find_with_classes(
    text: &str,
    analysis: &Analysis,
    places: &[bool],
    classes: &[u8],
) -> Vec<Candidate> {
    let has = |i: usize, bit: u8| classes.get(i).is_some_and(|c| c & bit != 0);
    let is_place = |i: usize| places.get(i).copied().unwrap_or(false);
    let tokens = analysis.tokens();
    let key = |i: usize| {
        if i < tokens.len() {
            analysis.tokenized.key(i)
        } else {
            ""
        }
    };
    let word = |i: usize| tokens.get(i).map(|t| &text[t.span.range()]).unwrap_or("");
    let capital = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            t.shape.contains(Shape::CAPITALIZED)
                || t.shape.contains(Shape::DIGIT) && !t.shape.contains(Shape::PUNCT)
        })
    };
    let same_sentence =
        |a: usize, b: usize| analysis.sentence_of.get(a) == analysis.sentence_of.get(b);
    let mut out = Vec::new();
    // Every rule starts at a capitalised word or a number: the rules visit only those
    // tokens, listed by the analysis without a branch on their flags (an unpredictable
    // branch a token cost more than the rest of a loop over every token).
    // (An analysis put together by hand may list tokens it does not have: those end it.)
    let starts = || {
        let listed = analysis.capitalized_or_numeric.iter().map(|&i| i as usize);
        listed.take_while(|&i| i < tokens.len())
    };
    let mut i = 0;
    for start in starts() {
        if start < i {
            continue;
        }
        i = start;
        // Ships: prefix + capitalised words.
        // Every prefix is written in capitals: the shape rules out most tokens unhashed.
        let all_caps = tokens[i].shape.contains(Shape::ALL_CAPS);
        if all_caps
            && capital(i + 1)
            && SHIP_PREFIX_SET.contains(word(i))
            && same_sentence(i, i + 1)
        {
            let mut end = i + 1;
            while end < tokens.len()
                && capital(end)
                && same_sentence(i, end)
                && !has(end, class::NOT_OPENER)
            {
                end += 1;
            }
            out.push(candidate(analysis, i, end, "ship_name"));
            i = end;
            continue;
        }
        if !capital(i) || has(i, class::NOT_OPENER) || tokens[i].shape.contains(Shape::DIGIT) {
            continue;
        }
        // A run of capitalised words with joiners ("U.S." counts as one word). "at" and "in"
        // join only inside "University of X at Y".
        let start = i;
        let university = key(start) == "university";
        let mut end = i;
        let mut last_head = None;
        while end < tokens.len() && same_sentence(start, end) {
            let k = key(end);
            if capital(end) {
                if has(end, class::ORG_HEAD) {
                    last_head = Some(end + 1);
                }
                end += 1;
            } else {
                // "X University and Y University" are two names; "Air Command and Staff
                // College" one.
                let ends_a_name = k == "and"
                    && end > start
                    && (has(end - 1, class::TERMINAL_HEAD) || is_place(end - 1) || is_place(start));
                let joiner = !ends_a_name
                    && (has(end, class::JOINER) || university && matches!(k, "at" | "in"));
                let dotted_acronym = k == "."
                    && end > start
                    && word(end - 1).contains('.')
                    && !tokens[end].space_before;
                let joins = joiner
                    && end > start
                    && (capital(end + 1) || key(end + 1) == "the" && capital(end + 2))
                    && !(k == "-" && tokens[end].space_before);
                let article =
                    k == "the" && end > start && has(end - 1, class::JOINER) && capital(end + 1);
                if !(dotted_acronym || joins || article) {
                    break;
                }
                end += 1;
            }
        }
        let opener_of = has(start, class::ORG_OPENER) && key(start + 1) == "of" && end > start + 2;
        if opener_of {
            out.push(candidate(analysis, start, end, "organization_of"));
        } else if let Some(head_end) = last_head {
            let mut stop = head_end;
            // A place that ends the name: "U.S. Naval Forces Korea".
            if stop < end && is_place(stop) && stop + 1 == end {
                stop += 1;
            }
            // A unit number after the head: "Carrier Strike Group 9".
            if tokens
                .get(stop)
                .is_some_and(|t| t.shape.contains(Shape::DIGIT) && t.span.len() <= 3)
                && same_sentence(start, stop)
            {
                stop += 1;
            }
            let words = (start..stop).filter(|&j| capital(j)).count();
            if words >= 2 {
                out.push(candidate(analysis, start, stop, "organization_head_noun"));
            }
        }
        i = end.max(start + 1);
    }
    // "HQs 12 Corps", "12 Corps", "3rd Infantry Division", "5th Fleet".
    let numbers = starts().filter(|&i| {
        let t = &tokens[i];
        t.shape.contains(Shape::DIGIT) && t.span.len() <= 4
    });
    for i in numbers {
        let mut end = i + 1;
        while end < tokens.len()
            && capital(end)
            && !has(end, class::ORG_HEAD)
            && end < i + 3
            && same_sentence(i, end)
        {
            end += 1;
        }
        if end < tokens.len() && has(end, class::ORG_HEAD) && capital(end) && same_sentence(i, end)
        {
            let mut start = i;
            if i > 0 && matches!(key(i - 1), "hqs" | "hq" | "headquarters") {
                start = i - 1;
            }
            if start > 0 && key(start - 1) == "." && start >= 2 && word(start - 2).contains('.') {
                start -= 2; // "U.S. 5th Fleet"
            }
            out.push(candidate(analysis, start, end + 1, "unit_number"));
        }
    }
    out.sort_by_key(|c| (c.first, c.end));
    out.dedup_by_key(|c| (c.first, c.end));
    // Drop candidates inside another. In this order a candidate lies inside another exactly
    // when one before it reaches as far (it starts no later), or the next one starts where
    // it does (and so ends later): one pass, not a comparison of every pair.
    let mut keep: Vec<bool> = Vec::with_capacity(out.len());
    let mut furthest_end = 0;
    for (n, c) in out.iter().enumerate() {
        let covered = n > 0 && furthest_end >= c.end;
        let longer_at_same_start = out.get(n + 1).is_some_and(|next| next.first == c.first);
        keep.push(!covered && !longer_at_same_start);
        furthest_end = furthest_end.max(c.end);
    }
    // Names are written for the kept only: most candidates lie inside another.
    out.into_iter()
        .zip(keep)
        .filter_map(|(c, k)| k.then_some(c))
        .map(|c| Candidate {
            name: Some(crate::text::collapse_whitespace(&text[c.span.range()])),
            ..c
        })
        .collect()
}

fn candidate(analysis: &Analysis, first: usize, end: usize, rule: &'static str) -> Candidate {
    let tokens = analysis.tokens();
    let span = Span::new(tokens[first].span.start, tokens[end - 1].span.end);
    Candidate {
        first,
        end,
        span,
        kind: EntityKind::Organization,
        entry: None,
        name: None,
        value: None,
        origin: Origin::Pattern(rule),
        nested: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ship_prefixes_are_capitals() {
        for prefix in SHIP_PREFIXES {
            assert!(Shape::of(prefix).contains(Shape::ALL_CAPS), "{prefix}");
        }
    }

    fn found(text: &str) -> Vec<&str> {
        let analysis = Analysis::new(text);
        let mut v: Vec<&str> = find(text, &analysis, &[])
            .iter()
            .map(|c| &text[c.span.range()])
            .collect();
        v.sort();
        v
    }

    #[test]
    fn class_bits_from_the_lexicon_agree_with_the_lists() {
        // "ministry" and "of" already have word ids from a name; the other list words get
        // theirs from the lists.
        let gazetteer = crate::gazetteer::Gazetteer::parse(
            "test.tsv",
            "organization\tMinistry of Defence\nlocation\tBoulder\n",
        )
        .unwrap();
        let lexicon = crate::mention::Lexicon::build(&gazetteer).unwrap();
        let text = "The Ministry of Ports met the University of Colorado at Boulder, \
                    the Air Command and Staff College and HQs 12 Corps; Ministry Of Ports. \
                    They met on Monday, April 9, and meet again today. He met his \
                    counterpart.";
        let analysis = Analysis::new(text);
        let words = lexicon.trie().word_ids(&analysis.tokenized);
        let classes = lexicon.token_classes(&words);
        assert_eq!(classes.len(), analysis.tokens().len());
        for (i, &classes_here) in classes.iter().enumerate() {
            assert_eq!(
                classes_here,
                class::of_key(analysis.tokenized.key(i)),
                "token {i}"
            );
        }
        for bit in [class::ORG_HEAD, class::DATE_ANCHOR, class::COREF_WORD] {
            assert!(classes.iter().any(|&c| c & bit != 0), "{bit}");
        }
        assert_eq!(
            find_with_classes(text, &analysis, &[], &classes),
            find(text, &analysis, &[])
        );
        let names: Vec<&str> = find(text, &analysis, &[])
            .iter()
            .map(|c| &text[c.span.range()])
            .collect();
        assert_eq!(
            names,
            [
                "Ministry of Ports",
                "University of Colorado at Boulder",
                "Air Command and Staff College",
                "HQs 12 Corps",
                "Ministry Of Ports"
            ]
        );
    }

    #[test]
    fn pattern_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "He studied at the Naval Postgraduate School in 1990.",
                &["Naval Postgraduate School"],
            ),
            (
                "a graduate of Old Dominion University and Villanova University",
                &["Old Dominion University", "Villanova University"],
            ),
            (
                "the University of Colorado at Boulder",
                &["University of Colorado at Boulder"],
            ),
            ("He visited HQs 12 Corps at Jodhpur.", &["HQs 12 Corps"]),
            (
                "commander of Carrier Strike Group 9, then",
                &["Carrier Strike Group 9"],
            ),
            ("the U.S. 5th Fleet", &["U.S. 5th Fleet"]),
            (
                "the 3rd Infantry Division moved",
                &["3rd Infantry Division"],
            ),
            ("the Ministry of Ports said", &["Ministry of Ports"]),
            ("led by HMS Queen Elizabeth.", &["HMS Queen Elizabeth"]),
            ("the Guard of Honour at Vigyan Bhawan", &[]),
            ("The Defence Minister said", &[]),
            (
                "the Air Command and Staff College",
                &["Air Command and Staff College"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "{text:?}");
        }
    }
}
