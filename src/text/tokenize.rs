//! Tokens with byte spans, shape flags and normalised keys.

use unicode_segmentation::UnicodeSegmentation;

use super::normalize::normalize_into;
use crate::Span;

/// What a token looks like, as bit flags.
///
/// ```
/// use newsfacts::text::{tokenize, Shape};
/// let tokens = tokenize("NATO met 12 Kazakh");
/// assert!(tokens[0].shape.contains(Shape::ALL_CAPS));
/// assert!(tokens[2].shape.contains(Shape::DIGIT));
/// assert!(tokens[3].shape.contains(Shape::CAPITALIZED));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct Shape(u8);

impl Shape {
    /// Contains at least one letter.
    pub const ALPHA: Shape = Shape(1);
    /// The first letter is upper case.
    pub const CAPITALIZED: Shape = Shape(1 << 1);
    /// Every letter is upper case, and there are at least two letters.
    pub const ALL_CAPS: Shape = Shape(1 << 2);
    /// Contains at least one digit.
    pub const DIGIT: Shape = Shape(1 << 3);
    /// Punctuation or a symbol: no letter and no digit.
    pub const PUNCT: Shape = Shape(1 << 4);
    /// Every letter is lower case.
    pub const LOWER: Shape = Shape(1 << 5);

    /// True when every flag of `other` is set.
    pub const fn contains(self, other: Shape) -> bool {
        self.0 & other.0 == other.0
    }

    const fn with(self, other: Shape) -> Shape {
        Shape(self.0 | other.0)
    }

    /// The shape of `text`.
    pub fn of(text: &str) -> Shape {
        let mut shape = Shape::default();
        let mut letters = 0usize;
        let mut upper = 0usize;
        let mut first_letter_upper = None;
        for c in text.chars() {
            if c.is_alphabetic() {
                letters += 1;
                let is_upper = c.is_uppercase();
                if is_upper {
                    upper += 1;
                }
                first_letter_upper.get_or_insert(is_upper);
            } else if c.is_numeric() {
                shape = shape.with(Shape::DIGIT);
            }
        }
        if letters > 0 {
            shape = shape.with(Shape::ALPHA);
            if first_letter_upper == Some(true) {
                shape = shape.with(Shape::CAPITALIZED);
            }
            if upper == letters && letters >= 2 {
                shape = shape.with(Shape::ALL_CAPS);
            }
            // Letters with no case (CJK, Arabic) count as lower: they carry no capital.
            if upper == 0 {
                shape = shape.with(Shape::LOWER);
            }
        } else if !shape.contains(Shape::DIGIT) {
            shape = shape.with(Shape::PUNCT);
        }
        shape
    }
}

/// One token: a word, a number, or a punctuation mark; white space is not a token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where the token is in the text.
    pub span: Span,
    /// What it looks like.
    pub shape: Shape,
    /// Line breaks in the white space before the token: 0, 1, or 2 for a paragraph break
    /// (two or more).
    pub newlines_before: u8,
    /// True when white space separates this token from the previous one.
    pub space_before: bool,
    /// Where the token's normalised key lies in [`Tokenized::keys`].
    pub key: Span,
}

/// A text cut into tokens, with every token's normalised key in one buffer.
///
/// The buffer holds the keys separated by single spaces, with a space before the first and
/// after the last, so that a sequence of keys `" a b "` can be searched for and always
/// lands on token boundaries.
#[derive(Clone, Debug, Default)]
pub struct Tokenized {
    /// The tokens, in text order.
    pub tokens: Vec<Token>,
    /// The keys: `" key0 key1 ... keyN "`.
    pub keys: String,
}

impl Tokenized {
    /// The normalised key of token `i`.
    pub fn key(&self, i: usize) -> &str {
        &self.keys[self.tokens[i].key.range()]
    }

    /// The index of the token whose key starts at byte `at` of [`Tokenized::keys`].
    pub fn token_at_key(&self, at: usize) -> Option<usize> {
        self.tokens.binary_search_by_key(&at, |t| t.key.start).ok()
    }

    /// The index of the token whose key ends at byte `at` of [`Tokenized::keys`].
    pub fn token_ending_at_key(&self, at: usize) -> Option<usize> {
        self.tokens.binary_search_by_key(&at, |t| t.key.end).ok()
    }
}

/// Tokens of `text`, following Unicode word boundaries (UAX #29) with two changes for news:
/// a possessive `'s` (any apostrophe) is a token of its own, and white space is dropped.
///
/// ```
/// let tokens = newsfacts::text::tokenize("Kazakhstan’s U.S. ties");
/// let words: Vec<&str> = tokens.iter().map(|t| &"Kazakhstan’s U.S. ties"[t.span.range()]).collect();
/// assert_eq!(words, ["Kazakhstan", "’s", "U.S", ".", "ties"]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_with_keys(text).tokens
}

/// Tokens of `text` with their normalised keys (see [`Tokenized`]).
pub fn tokenize_with_keys(text: &str) -> Tokenized {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut keys = String::with_capacity(text.len() + 2);
    keys.push(' ');
    let mut newlines = 0u8;
    let mut space = false;
    for (start, piece) in text.split_word_bound_indices() {
        if piece.chars().all(char::is_whitespace) {
            let breaks = piece.bytes().filter(|&b| b == b'\n').count()
                + piece.matches(['\u{2028}', '\u{2029}']).count();
            newlines = newlines.saturating_add(breaks.min(2) as u8).min(2);
            space = true;
            continue;
        }
        for (offset, part) in split_possessive(piece) {
            let key_start = keys.len();
            normalize_into(part, &mut keys);
            // A key never contains the separator, so folding cannot fake a token boundary.
            if keys[key_start..].contains(' ') {
                let cleaned = keys[key_start..].replace(' ', "_");
                keys.truncate(key_start);
                keys.push_str(&cleaned);
            }
            let key_end = keys.len();
            keys.push(' ');
            tokens.push(Token {
                span: Span::new(start + offset, start + offset + part.len()),
                shape: Shape::of(part),
                newlines_before: newlines,
                space_before: space,
                key: Span::new(key_start, key_end),
            });
            newlines = 0;
            space = false;
        }
    }
    Tokenized { tokens, keys }
}

/// Splits a trailing possessive `'s` off a word: `Kazakhstan’s` is `Kazakhstan` + `’s`.
fn split_possessive(piece: &str) -> impl Iterator<Item = (usize, &str)> {
    let cut = ["'s", "\u{2019}s", "'S", "\u{2019}S"]
        .iter()
        .find(|suffix| piece.len() > suffix.len() && piece.ends_with(*suffix))
        .map(|suffix| piece.len() - suffix.len());
    let (head, tail) = match cut {
        Some(at) => (&piece[..at], Some((at, &piece[at..]))),
        None => (piece, None),
    };
    std::iter::once((0, head)).chain(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.span.range()])
            .collect()
    }

    #[test]
    fn token_table() {
        let cases: &[(&str, &[&str])] = &[
            ("Kazakhstan’s Defence", &["Kazakhstan", "’s", "Defence"]),
            ("Kazakhstan's", &["Kazakhstan", "'s"]),
            ("Ministers’ meeting", &["Ministers", "’", "meeting"]),
            ("Lt. Gen. Singh", &["Lt", ".", "Gen", ".", "Singh"]),
            ("U.S. forces", &["U.S", ".", "forces"]),
            ("Lebanon- UNIFIL", &["Lebanon", "-", "UNIFIL"]),
            ("Akufo-Addo", &["Akufo", "-", "Addo"]),
            ("9,000 troops", &["9,000", "troops"]),
            ("April 7–10, 2021", &["April", "7", "–", "10", ",", "2021"]),
            ("Narendra\u{00A0}Modi", &["Narendra", "Modi"]),
            ("•  The", &["•", "The"]),
            ("", &[]),
            ("   ", &[]),
            ("東京で会談", &["東", "京", "で", "会", "談"]),
        ];
        for (text, expected) in cases {
            assert_eq!(words(text), *expected, "text {text:?}");
        }
    }

    #[test]
    fn keys_are_separated_and_aligned() {
        let text = "KAZAKHSTAN’s Türkiye";
        let t = tokenize_with_keys(text);
        assert_eq!(t.keys, " kazakhstan 's turkiye ");
        assert_eq!(t.key(0), "kazakhstan");
        assert_eq!(t.key(2), "turkiye");
        assert_eq!(t.token_at_key(t.tokens[2].key.start), Some(2));
        assert_eq!(t.token_ending_at_key(t.tokens[0].key.end), Some(0));
    }

    #[test]
    fn shapes() {
        let cases = [
            ("NATO", Shape::ALL_CAPS),
            ("Singh", Shape::CAPITALIZED),
            ("singh", Shape::LOWER),
            ("2021", Shape::DIGIT),
            (",", Shape::PUNCT),
            ("U.S", Shape::ALL_CAPS),
            ("CSG21", Shape::DIGIT),
        ];
        for (text, flag) in cases {
            assert!(Shape::of(text).contains(flag), "{text:?}");
        }
        assert!(!Shape::of("A").contains(Shape::ALL_CAPS));
        assert!(!Shape::of("McDonald").contains(Shape::ALL_CAPS));
    }

    #[test]
    fn newlines_are_counted() {
        let t = tokenize("Title\nLine\n\n\nPara");
        assert_eq!(t[0].newlines_before, 0);
        assert_eq!(t[1].newlines_before, 1);
        assert_eq!(t[2].newlines_before, 2);
    }
}
