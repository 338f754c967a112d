//! Sentence splitting over tokens.
//!
//! News breaks sentences at `.`, `!`, `?` followed by a capital, at paragraph breaks, at
//! bullet points and after headlines (lines without final punctuation). The traps are
//! abbreviations before names ("Lt. Gen. Singh", "Dr. Kumar", "Joseph R. Biden, Jr.
//! welcomed"), dotted acronyms ("U.S. forces") and month abbreviations ("Apr. 9").

use std::borrow::Cow;

use super::tokenize::{Shape, Token, Tokenized};
use crate::Span;

/// A sentence: a run of tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// From the first token's start to the last token's end.
    pub span: Span,
    /// Index of the first token.
    pub first: usize,
    /// One past the index of the last token.
    pub end: usize,
}

impl Sentence {
    /// The token indices of the sentence.
    pub fn tokens(&self) -> std::ops::Range<usize> {
        self.first..self.end
    }
}

/// Abbreviations that never end a sentence when a capitalised word follows: titles and
/// ranks written before a name.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cdr", "cmdr", "adm",
    "brig", "sgt", "cpl", "pvt", "gov", "sen", "rep", "rev", "hon", "st", "mt", "ft", "jr", "sr",
    "wg", "sqn", "gp", "flt", "cdre", "retd", "vadm", "radm", "supt", "insp", "amb", "pres", "sec",
    "messrs", "mme", "mlle", "sh", "smt", "shri", "hav", "nb", "sub", "cpt", "lcdr", "ltc",
    "brig.gen", "lt.gen", "maj.gen", "lt.col",
];

/// Abbreviations that do not end a sentence when a number follows ("Apr. 9", "No. 5").
const NUMBER_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "vol", "art", "fig", "p", "pp", "para", "sec", "ch",
];

/// Words that start a sentence after a dotted acronym ("... in the U.S. The talks").
const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "in",
    "on",
    "at",
    "but",
    "and",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "there",
    "after",
    "during",
    "earlier",
    "later",
    "meanwhile",
    "however",
    "both",
    "as",
    "according",
];

/// The longest sentence, in tokens: a longer run without a sentence break is cut (after a
/// comma, semicolon or colon when its second half has one). News sentences rarely pass 100
/// tokens; runs of thousands are lists, tables, OCR or scraped pages without full stops.
/// Later stages look at a trigger's whole sentence, so the cap is what keeps them linear
/// on such text.
const MAX_SENTENCE_TOKENS: usize = 512;

/// Splits tokens into sentences. `text` is the text the tokens came from.
///
/// ```
/// use newsfacts::text::{split_sentences, tokenize};
/// let text = "Lt. Gen. Nurlan Yermekbayev met Dr. Ajay Kumar. They spoke.";
/// let tokens = tokenize(text);
/// let sentences = split_sentences(text, &tokens);
/// assert_eq!(sentences.len(), 2);
/// assert_eq!(&text[sentences[1].span.range()], "They spoke.");
/// ```
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    split_with_keys(text, tokens, Vec::new(), &|i| {
        Cow::Owned(crate::text::normalize(&text[tokens[i].span.range()]))
    })
}

/// [`split_sentences`] over tokens whose normalised keys are at hand (see
/// [`Tokenized`]): the abbreviation tests read the keys instead of normalising words.
/// The list returned is `spare`, cleared and refilled: its room is reused.
pub(crate) fn split_tokenized_reusing(
    text: &str,
    tokenized: &Tokenized,
    spare: Vec<Sentence>,
) -> Vec<Sentence> {
    split_with_keys(text, &tokenized.tokens, spare, &|i| {
        Cow::Borrowed(tokenized.key(i))
    })
}

/// `key(i)`: the normalised key of token `i`. The sentences go into `sentences`, cleared
/// first (taken by value, so that the loop keeps the list's fields in registers).
fn split_with_keys<'k>(
    text: &str,
    tokens: &[Token],
    mut sentences: Vec<Sentence>,
    key: &dyn Fn(usize) -> Cow<'k, str>,
) -> Vec<Sentence> {
    // About one sentence in 150 bytes of news: most texts never grow the list.
    sentences.clear();
    sentences.reserve(text.len() / 150 + 1);
    let mut first = 0;
    let mut i = 1;
    while i < tokens.len() {
        // Most tokens follow a word, or punctuation with no space between, on the same line:
        // no sentence starts there, which two flags say without the rules. The sentence cap
        // stops the skip.
        let cap = tokens.len().min(first + MAX_SENTENCE_TOKENS);
        while i < cap && quietly_continues(tokens, i) {
            i += 1;
        }
        if i >= tokens.len() {
            break;
        }
        if breaks_before(text, tokens, i, key) {
            push(&mut sentences, tokens, first, i);
            first = i;
        } else if i - first >= MAX_SENTENCE_TOKENS {
            let cut = cut_long(text, tokens, first, i);
            push(&mut sentences, tokens, first, cut);
            first = cut;
        }
        i += 1;
    }
    push(&mut sentences, tokens, first, tokens.len());
    sentences
}

/// Where a sentence from `first` that reached the cap at `i` is cut: after the last comma,
/// semicolon or colon of its second half, else at `i`.
fn cut_long(text: &str, tokens: &[Token], first: usize, i: usize) -> usize {
    (first + MAX_SENTENCE_TOKENS / 2..i)
        .rev()
        .find(|&j| matches!(&text[tokens[j].span.range()], "," | ";" | ":"))
        .map_or(i, |j| j + 1)
}

/// True when token `i` (not the first) is on its predecessor's line and follows a word, or
/// punctuation with no space between: [`breaks_before`] is false for it, whatever the rules.
fn quietly_continues(tokens: &[Token], i: usize) -> bool {
    let token = &tokens[i];
    token.newlines_before == 0
        && !(token.space_before && tokens[i - 1].shape.contains(Shape::PUNCT))
}

fn push(sentences: &mut Vec<Sentence>, tokens: &[Token], first: usize, end: usize) {
    if first < end {
        sentences.push(Sentence {
            span: Span::new(tokens[first].span.start, tokens[end - 1].span.end),
            first,
            end,
        });
    }
}

fn is_bullet(text: &str, token: &Token) -> bool {
    matches!(
        &text[token.span.range()],
        "•" | "◦" | "▪" | "●" | "‣" | "∙" | "·" | "*" | "–" | "—" | "-" | "■" | "►"
    )
}

fn is_terminal(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "…" | "。" | "！" | "？")
}

fn is_closing(s: &str) -> bool {
    matches!(s, "\"" | "'" | "”" | "’" | ")" | "]" | "»")
}

/// Decides whether a sentence starts at token `i`.
fn breaks_before<'k>(
    text: &str,
    tokens: &[Token],
    i: usize,
    key: &dyn Fn(usize) -> Cow<'k, str>,
) -> bool {
    let token = &tokens[i];
    if token.newlines_before >= 2 {
        return true;
    }
    if token.newlines_before == 1 {
        // A line break ends a sentence unless the line goes on mid-sentence: hard-wrapped
        // prose continues with a lower-case word or follows a comma or hyphen.
        let prev = &text[tokens[i - 1].span.range()];
        if is_bullet(text, token) {
            return true;
        }
        return !(token.shape.contains(Shape::LOWER) && token.shape.contains(Shape::ALPHA)
            || matches!(prev, "," | "-" | "(" | "&"));
    }
    // Terminal marks, closing quotes and brackets are punctuation: after a word (most
    // tokens), no sentence starts.
    if !token.space_before || !tokens[i - 1].shape.contains(Shape::PUNCT) {
        return false;
    }
    let word = &text[token.span.range()];
    // Find the terminal mark before any closing quotes or brackets.
    let mut j = i - 1;
    while j > 0 && is_closing(&text[tokens[j].span.range()]) {
        j -= 1;
    }
    let mark = &text[tokens[j].span.range()];
    if !is_terminal(mark) {
        return false;
    }
    let starts_like_sentence = token.shape.contains(Shape::CAPITALIZED)
        || token.shape.contains(Shape::DIGIT)
        || matches!(word, "\"" | "“" | "'" | "‘" | "(" | "[")
        || is_bullet(text, token)
        || !token.shape.contains(Shape::ALPHA) && !token.shape.contains(Shape::DIGIT);
    if !starts_like_sentence {
        return false;
    }
    if mark != "." || j == 0 || tokens[j].space_before {
        return true;
    }
    // A period glued to a word: is the word an abbreviation?
    let before = &tokens[j - 1];
    let abbreviation = key(j - 1);
    if token.shape.contains(Shape::DIGIT) {
        return !NUMBER_ABBREVIATIONS.contains(&abbreviation.as_ref());
    }
    if TITLE_ABBREVIATIONS.contains(&abbreviation.as_ref()) {
        return false;
    }
    let letters = abbreviation.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && before.shape.contains(Shape::CAPITALIZED) {
        // An initial: "Joseph R. Biden".
        return false;
    }
    if abbreviation.contains('.') {
        // A dotted acronym ("U.S.") ends a sentence only before a typical opener.
        return SENTENCE_OPENERS.contains(&key(i).as_ref());
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn split(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        split_sentences(text, &tokens)
            .iter()
            .map(|s| &text[s.span.range()])
            .collect()
    }

    #[test]
    fn sentence_table() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            (
                "Lt. Gen. Nurlan Yermekbayev arrived. He met Dr. Ajay Kumar.",
                &[
                    "Lt. Gen. Nurlan Yermekbayev arrived.",
                    "He met Dr. Ajay Kumar.",
                ],
            ),
            (
                "President Joseph R. Biden, Jr. welcomed him. Talks followed.",
                &[
                    "President Joseph R. Biden, Jr. welcomed him.",
                    "Talks followed.",
                ],
            ),
            (
                "U.S. forces and U.N. staff left.",
                &["U.S. forces and U.N. staff left."],
            ),
            (
                "He flew to the U.S. The talks began.",
                &["He flew to the U.S.", "The talks began."],
            ),
            (
                "It began on Apr. 9 in Delhi.",
                &["It began on Apr. 9 in Delhi."],
            ),
            ("Battalion No. 5 moved.", &["Battalion No. 5 moved."]),
            (
                "Headline Without Stop\nThe body starts here.",
                &["Headline Without Stop", "The body starts here."],
            ),
            (
                "First point\n•  Second point\n• Third",
                &["First point", "•  Second point", "• Third"],
            ),
            ("Para one\n\nPara two", &["Para one", "Para two"]),
            (
                "a line that wraps\nin the middle.",
                &["a line that wraps\nin the middle."],
            ),
            ("“We agree.” He left.", &["“We agree.”", "He left."]),
            ("Really? Yes!", &["Really?", "Yes!"]),
            ("Wg. Cdr. Abhinandan flew.", &["Wg. Cdr. Abhinandan flew."]),
            ("", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(split(text), *expected, "text {text:?}");
            // The keys the analysis already holds serve as well as words normalised anew.
            let analysis = crate::text::Analysis::new(text);
            let tokens = tokenize(text);
            assert_eq!(
                analysis.sentences,
                split_sentences(text, &tokens),
                "{text:?}"
            );
        }
    }

    /// Sentences as the rules alone give them: every token asked in turn, no skipping.
    fn split_one_token_at_a_time(text: &str) -> Vec<(usize, usize)> {
        let tokens = tokenize(text);
        let key = |i: usize| Cow::Owned(crate::text::normalize(&text[tokens[i].span.range()]));
        let mut out = Vec::new();
        let mut first = 0;
        for i in 1..tokens.len() {
            if breaks_before(text, &tokens, i, &key) {
                out.push((first, i));
                first = i;
            } else if i - first >= MAX_SENTENCE_TOKENS {
                let cut = cut_long(text, &tokens, first, i);
                out.push((first, cut));
                first = cut;
            }
        }
        if first < tokens.len() {
            out.push((first, tokens.len()));
        }
        out
    }

    #[test]
    fn long_runs_are_cut_and_skipping_changes_nothing() {
        // Texts of every kind of break, and runs far past the cap, from a fixed seed.
        let pieces = [
            "word", "Word", ".", ",", ";", "Dr.", "U.S.", "\n", "\n\n", "“", "”", "?", "•", "- ",
            "no.", "5", "He",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for round in 0..60 {
            let mut text = String::new();
            let words = if round % 3 == 0 { 3000 } else { 200 };
            for _ in 0..words {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Rounds that are nearly all words make runs longer than the cap.
                let piece = if round % 2 == 0 && seed % 50 != 0 {
                    "word"
                } else {
                    pieces[(seed % pieces.len() as u64) as usize]
                };
                text.push_str(piece);
                text.push(' ');
            }
            let tokens = tokenize(&text);
            let found: Vec<(usize, usize)> = split_sentences(&text, &tokens)
                .iter()
                .map(|s| (s.first, s.end))
                .collect();
            assert_eq!(found, split_one_token_at_a_time(&text), "round {round}");
            assert!(found.iter().all(|&(a, b)| b - a <= MAX_SENTENCE_TOKENS + 1));
        }
        // A run with no break is cut at the cap; with a comma in its second half, after it.
        let plain = "word ".repeat(1200);
        let tokens = tokenize(&plain);
        let cuts: Vec<usize> = split_sentences(&plain, &tokens)
            .iter()
            .map(|s| s.end)
            .collect();
        assert_eq!(cuts, [512, 1024, 1200]);
        let comma = format!("{}, {}", "word ".repeat(400), "word ".repeat(400));
        let tokens = tokenize(&comma);
        let cuts: Vec<usize> = split_sentences(&comma, &tokens)
            .iter()
            .map(|s| s.end)
            .collect();
        assert_eq!(cuts, [401, 801]);
    }
}
