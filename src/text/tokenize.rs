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
    /// Nothing but ASCII letters and digits: no joining mark ("U.S", "9,000", "don't"),
    /// underscore or other character inside. Scanners that look for words inside tokens
    /// (the date finder) can take such a token whole.
    pub const ASCII_WORD: Shape = Shape(1 << 6);

    /// The shape from counts of letters, upper-case letters and digits, and the token's
    /// length in bytes.
    fn from_counts(
        letters: usize,
        upper: usize,
        digits: usize,
        first_letter_upper: bool,
        len: usize,
    ) -> Shape {
        let mut shape = Shape::default();
        if letters + digits > 0 && letters + digits == len {
            shape = shape.with(Shape::ASCII_WORD);
        }
        if digits > 0 {
            shape = shape.with(Shape::DIGIT);
        }
        if letters > 0 {
            shape = shape.with(Shape::ALPHA);
            if first_letter_upper {
                shape = shape.with(Shape::CAPITALIZED);
            }
            if upper == letters && letters >= 2 {
                shape = shape.with(Shape::ALL_CAPS);
            }
            // Letters with no case (CJK, Arabic) count as lower: they carry no capital.
            if upper == 0 {
                shape = shape.with(Shape::LOWER);
            }
        } else if digits == 0 {
            shape = shape.with(Shape::PUNCT);
        }
        shape
    }

    /// True when every flag of `other` is set.
    pub const fn contains(self, other: Shape) -> bool {
        self.0 & other.0 == other.0
    }

    const fn with(self, other: Shape) -> Shape {
        Shape(self.0 | other.0)
    }

    /// The shape of `text`.
    pub fn of(text: &str) -> Shape {
        let (mut letters, mut upper, mut digits) = (0, 0, 0);
        let mut first_letter_upper = None;
        for c in text.chars() {
            if c.is_alphabetic() {
                letters += 1;
                let is_upper = c.is_uppercase();
                upper += usize::from(is_upper);
                first_letter_upper.get_or_insert(is_upper);
            } else if c.is_numeric() {
                digits += 1;
            }
        }
        // Letters and digits number as many as the bytes only when every character is an
        // ASCII letter or digit.
        Shape::from_counts(
            letters,
            upper,
            digits,
            first_letter_upper == Some(true),
            text.len(),
        )
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
    let mut out = Tokenized {
        tokens: Vec::with_capacity(text.len() / 5 + 1),
        keys: String::with_capacity(text.len() + 2),
    };
    tokenize_with_keys_into(text, &mut out);
    out
}

/// [`tokenize_with_keys`] into `out`, reusing its buffers: for callers that tokenize many
/// short texts, such as a gazetteer's million names.
///
/// ```
/// let mut out = newsfacts::text::Tokenized::default();
/// newsfacts::text::tokenize_with_keys_into("Lt. Gen. Singh", &mut out);
/// newsfacts::text::tokenize_with_keys_into("Kazakhstan", &mut out);
/// assert_eq!(out.keys, " kazakhstan ");
/// assert_eq!(out.tokens.len(), 1);
/// ```
pub fn tokenize_with_keys_into(text: &str, out: &mut Tokenized) {
    let mut tokens = std::mem::take(&mut out.tokens);
    tokens.clear();
    let mut keys = std::mem::take(&mut out.keys).into_bytes();
    keys.clear();
    let mut builder = Builder {
        tokens,
        keys,
        newlines: 0,
        space: false,
        scratch: String::new(),
    };
    builder.keys.push(b' ');
    // Word bounds never cross ASCII white space, so the text is taken a chunk between white
    // space at a time. The byte path reads plain ASCII (most of English news), following the
    // same UAX #29 rules and writing shapes and keys as it goes; at the first other byte, what
    // it wrote for that byte's chunk is undone and the whole chunk goes through
    // unicode-segmentation.
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let stop = builder.ascii_run(bytes, i);
        if stop >= bytes.len() {
            break;
        }
        let is_space = |b: &u8| b.is_ascii_whitespace();
        let start = bytes[..stop]
            .iter()
            .rposition(is_space)
            .map_or(0, |at| at + 1);
        i = bytes[stop..]
            .iter()
            .position(is_space)
            .map_or(bytes.len(), |at| stop + at);
        builder.undo_since(start);
        let chunk = &text[start..i];
        for (offset, piece) in chunk.split_word_bound_indices() {
            if piece.chars().all(char::is_whitespace) {
                builder.white_space(piece);
            } else {
                builder.piece(start + offset, piece);
            }
        }
    }
    // Every byte pushed came from ASCII or from a `&str`, so this cannot fail; the lossy
    // branch only keeps the function total.
    out.keys = String::from_utf8(builder.keys)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    out.tokens = builder.tokens;
}

struct Builder {
    tokens: Vec<Token>,
    keys: Vec<u8>,
    newlines: u8,
    space: bool,
    scratch: String,
}

impl Builder {
    fn white_space(&mut self, piece: &str) {
        let breaks = piece.bytes().filter(|&b| b == b'\n').count()
            + piece.matches(['\u{2028}', '\u{2029}']).count();
        self.newlines = self.newlines.saturating_add(breaks.min(2) as u8).min(2);
        self.space = true;
    }

    /// The ASCII from `bytes[start]` on, white space included, in one pass: UAX #29 word
    /// bounds (letters, digits and `_` join; `.`, `'` and `:` join letters, as in "U.S" and
    /// "don't"; `.`, `,`, `;` and `'` join digits, as in "9,000" and "1.5"; any other byte is
    /// a piece of its own), the possessive `'s` split off, and each token's key and shape
    /// written as its bytes are read. Returns where it stopped: the end, or a byte it does
    /// not read (the caller undoes that byte's chunk).
    fn ascii_run(&mut self, bytes: &[u8], start: usize) -> usize {
        let class = |b: u8| ASCII_CLASS[b as usize];
        let end = bytes.len();
        let mut i = start;
        while i < end {
            let b = bytes[i];
            if class(b) & WORD == 0 {
                if class(b) & SPACE != 0 {
                    if b == b'\n' {
                        self.newlines = (self.newlines + 1).min(2);
                    }
                    self.space = true;
                    i += 1;
                    continue;
                }
                let (len, key) = if b.is_ascii() {
                    (1, if b == b'`' { b'\'' } else { b })
                } else {
                    // Typographic quotes and dashes, as common in news as in this corpus,
                    // stay on the byte path; any other character goes to the general one.
                    match typographic(&bytes[i..end]) {
                        Some((_, key)) => (3, key),
                        None => return i,
                    }
                };
                let key_start = self.keys.len();
                if key == 0 {
                    // "…" is its own key.
                    self.keys.extend_from_slice(&bytes[i..i + len]);
                } else {
                    self.keys.push(key);
                }
                self.push(i, i + len, Shape::PUNCT, key_start);
                i = self.space_after(bytes, i + len);
                continue;
            }
            let piece_start = i;
            let key_start = self.keys.len();
            let (mut letters, mut upper, mut digits) = (0, 0, 0);
            // Whether an apostrophe joined two parts, and whether one was curly.
            let (mut joined_apostrophe, mut curly) = (false, false);
            loop {
                // The word bytes up to a joining character or the end of the word, eight at a
                // time, counted and keyed in lower case.
                loop {
                    let chunk = WordChunk::read(bytes, i);
                    letters += chunk.letters;
                    upper += chunk.capitals;
                    digits += chunk.digits;
                    let key_end = self.keys.len() + chunk.len;
                    self.keys.extend_from_slice(&chunk.lowered);
                    self.keys.truncate(key_end);
                    i += chunk.len;
                    if chunk.len < 8 {
                        break;
                    }
                }
                // A joining character between two word characters; a curly apostrophe
                // (three bytes) joins as the straight one does, and is keyed as it.
                let width = match bytes.get(i) {
                    Some(b'.' | b'\'' | b':' | b',' | b';') => 1,
                    Some(0xE2) if matches!(typographic(&bytes[i..end]), Some((true, _))) => 3,
                    _ => 0,
                };
                if width > 0 && i + width < end && class(bytes[i + width]) & WORD != 0 {
                    let (before, middle, after) =
                        (class(bytes[i - 1]), bytes[i], class(bytes[i + width]));
                    let letters_around = before & after & ALPHA != 0;
                    let digits_around = before & after & DIGIT != 0;
                    if letters_around && matches!(middle, b'.' | b'\'' | b':' | 0xE2)
                        || digits_around && matches!(middle, b'.' | b',' | b';' | b'\'' | 0xE2)
                    {
                        curly |= width == 3;
                        joined_apostrophe |= width == 3 || middle == b'\'';
                        self.keys.push(if width == 3 { b'\'' } else { middle });
                        i += width;
                        continue;
                    }
                }
                break;
            }
            // Most words start with their first letter: no search then.
            let first_upper = if class(bytes[piece_start]) & ALPHA != 0 {
                Some(class(bytes[piece_start]) & UPPER != 0)
            } else {
                bytes[piece_start..i]
                    .iter()
                    .find(|&&b| class(b) & ALPHA != 0)
                    .map(|&b| class(b) & UPPER != 0)
            };
            let piece = &bytes[piece_start..i];
            // "'s" or "’s" (not "‘s") at the end, after at least one more character.
            // Only a joined apostrophe can be inside a word: most words are not looked at.
            let apostrophe = match piece {
                _ if !joined_apostrophe => 0,
                [.., _, b'\'', b's' | b'S'] => 1,
                [.., _, 0xE2, 0x80, 0x99, b's' | b'S'] if curly => 3,
                _ => 0,
            };
            if apostrophe > 0 {
                // "Kazakhstan's" is "Kazakhstan" + "'s": the head loses the "s" it counted.
                let capital_s = usize::from(bytes[i - 1] == b'S');
                let tail_start = i - 1 - apostrophe;
                self.keys.truncate(self.keys.len() - 2);
                let head_first_upper = first_upper.filter(|_| letters > 1) == Some(true);
                let head = Shape::from_counts(
                    letters - 1,
                    upper - capital_s,
                    digits,
                    head_first_upper,
                    tail_start - piece_start,
                );
                self.push(piece_start, tail_start, head, key_start);
                let tail_key = self.keys.len();
                self.keys.extend_from_slice(b"'s");
                let tail = Shape::from_counts(1, capital_s, 0, capital_s == 1, i - tail_start);
                self.push(tail_start, i, tail, tail_key);
            } else {
                let shape = Shape::from_counts(
                    letters,
                    upper,
                    digits,
                    first_upper == Some(true),
                    i - piece_start,
                );
                self.push(piece_start, i, shape, key_start);
            }
            i = self.space_after(bytes, i);
        }
        end
    }

    /// Past a space at `bytes[at]`, if there is one: the commonest white space, one space
    /// after a token, read without another turn of the byte path's loop.
    fn space_after(&mut self, bytes: &[u8], at: usize) -> usize {
        if bytes.get(at) == Some(&b' ') {
            self.space = true;
            return at + 1;
        }
        at
    }

    /// Drops the tokens from byte `start` on, with their keys, and the white space state
    /// they began with: the first of them recorded it.
    fn undo_since(&mut self, start: usize) {
        let kept = self
            .tokens
            .iter()
            .rposition(|t| t.span.start < start)
            .map_or(0, |at| at + 1);
        if let Some(first) = self.tokens.get(kept) {
            (self.newlines, self.space) = (first.newlines_before, first.space_before);
            self.keys.truncate(first.key.start);
            self.tokens.truncate(kept);
        }
    }

    fn piece(&mut self, start: usize, piece: &str) {
        for (offset, part) in split_possessive(piece) {
            let key_start = self.keys.len();
            self.scratch.clear();
            normalize_into(part, &mut self.scratch);
            // A key never contains the separator, so folding cannot fake a token boundary.
            for b in self.scratch.bytes() {
                self.keys.push(if b == b' ' { b'_' } else { b });
            }
            let span_start = start + offset;
            self.push(
                span_start,
                span_start + part.len(),
                Shape::of(part),
                key_start,
            );
        }
    }

    fn push(&mut self, start: usize, end: usize, shape: Shape, key_start: usize) {
        let key_end = self.keys.len();
        self.keys.push(b' ');
        self.tokens.push(Token {
            span: Span::new(start, end),
            shape,
            newlines_before: self.newlines,
            space_before: self.space,
            key: Span::new(key_start, key_end),
        });
        self.newlines = 0;
        self.space = false;
    }
}

/// The typographic punctuation the byte path reads itself, at the start of `bytes`:
/// whether it joins words as an apostrophe does (UAX #29 MidNumLet: ‘ ’), and its key byte
/// (0 for "…", whose key is itself). Quotes “ ” and dashes – — stand alone, keyed as
/// `normalize` keys them.
fn typographic(bytes: &[u8]) -> Option<(bool, u8)> {
    match bytes {
        [0xE2, 0x80, 0x98 | 0x99, ..] => Some((true, b'\'')),
        [0xE2, 0x80, 0x9C | 0x9D, ..] => Some((false, b'"')),
        [0xE2, 0x80, 0x93 | 0x94, ..] => Some((false, b'-')),
        [0xE2, 0x80, 0xA6, ..] => Some((false, 0)),
        _ => None,
    }
}

/// Byte classes of ASCII for the tokenizer's byte path.
const WORD: u8 = 1;
const ALPHA: u8 = 2;
const UPPER: u8 = 4;
const DIGIT: u8 = 8;
const SPACE: u8 = 16;

/// Up to eight bytes of a word, read at once: one load and a few sums where a byte at a
/// time costs a load, a test and an add per byte.
struct WordChunk {
    /// How many bytes, from the first, are word bytes (ASCII letters, digits, `_`): 8 when
    /// all are.
    len: usize,
    /// Letters, capitals and digits among those `len` bytes.
    letters: usize,
    capitals: usize,
    digits: usize,
    /// The eight bytes with ASCII capitals in lower case: right for the first `len`, the
    /// rest to be cut off.
    lowered: [u8; 8],
}

impl WordChunk {
    /// The chunk at `bytes[at..]`; past the end of `bytes`, zeros (which end a word).
    fn read(bytes: &[u8], at: usize) -> WordChunk {
        let word = match bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
            Some(chunk) => u64::from_le_bytes(*chunk),
            None => {
                let rest = bytes.get(at..).unwrap_or_default();
                let mut chunk = [0u8; 8];
                chunk[..rest.len()].copy_from_slice(rest);
                u64::from_le_bytes(chunk)
            }
        };
        // Every flag below is right up to the first byte that is not ASCII, which is never
        // flagged (see `in_range`) and so ends the word: flags past it are cut off.
        let capitals = in_range(word, b'A', b'Z');
        let letters = capitals | in_range(word, b'a', b'z');
        let digits = in_range(word, b'0', b'9');
        let word_bytes = letters | digits | in_range(word, b'_', b'_');
        let ends = !word_bytes & HIGH_BITS;
        // All bits below the first byte that ends the word; all bits when none does.
        let inside = (ends & ends.wrapping_neg()).wrapping_sub(1);
        WordChunk {
            len: (ends.trailing_zeros() / 8) as usize,
            letters: count_flags(letters & inside),
            capitals: count_flags(capitals & inside),
            digits: count_flags(digits & inside),
            lowered: lower_ascii(word).to_le_bytes(),
        }
    }
}

/// One in every byte of a `u64`.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte, where the functions below flag a byte.
const HIGH_BITS: u64 = 0x80 * ONES;

/// Per byte of `word`, the high bit set when the byte is in `low..=high` (ASCII bounds).
/// Bytes after the first that is not ASCII may come out wrong (the sums carry out of it
/// into the bytes above); callers cut those off.
fn in_range(word: u64, low: u8, high: u8) -> u64 {
    // The high bit is set by adding 0x80 - low when the byte is `low` or more, and by
    // adding 0x80 - high - 1 when it is more than `high`. A byte that is not ASCII is never
    // flagged: either the first sum wraps (clearing its high bit), or neither does and both
    // keep it.
    let at_least_low = word.wrapping_add((0x80 - u64::from(low)) * ONES);
    let above_high = word.wrapping_add((0x80 - u64::from(high) - 1) * ONES);
    at_least_low & !above_high & HIGH_BITS
}

/// How many bytes `in_range` flagged.
fn count_flags(flags: u64) -> usize {
    // Each flag moved to the byte's low bit; multiplying by `ONES` sums the bytes into the
    // top one (at most 8, so no byte carries).
    ((flags >> 7).wrapping_mul(ONES) >> 56) as usize
}

/// `word` with its ASCII capitals in lower case, eight bytes at once. Bytes after the
/// first that is not ASCII may come out wrong; callers cut those off.
fn lower_ascii(word: u64) -> u64 {
    // 0x80 >> 2 is the 0x20 that lower-cases an ASCII letter.
    word | in_range(word, b'A', b'Z') >> 2
}

const ASCII_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            WORD | ALPHA | UPPER
        } else if c.is_ascii_lowercase() {
            WORD | ALPHA
        } else if c.is_ascii_digit() {
            WORD | DIGIT
        } else if c == b'_' {
            WORD
        } else if c.is_ascii_whitespace() {
            SPACE
        } else {
            0
        };
        b += 1;
    }
    table
};

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

    /// What the general path (unicode-segmentation for every piece) makes of `text`: the
    /// reference the byte path must agree with.
    fn general_path(text: &str) -> Builder {
        let mut general = Builder {
            tokens: Vec::new(),
            keys: vec![b' '],
            newlines: 0,
            space: false,
            scratch: String::new(),
        };
        for (offset, piece) in text.split_word_bound_indices() {
            if piece.chars().all(char::is_whitespace) {
                general.white_space(piece);
            } else {
                general.piece(offset, piece);
            }
        }
        general
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
    fn ascii_path_agrees_with_unicode_segmentation() {
        let samples = [
            "U.S. forces, 9,000 troops; 1.5 km at 10:30 on 2021-04-09 (don't) e.g. a:b $100 CSG21 3rd",
            "N-9/OPNAV, \"quoted\" [x] {y} #tag @user 50% 7' 1'000 a.b.c. ..a.. _x_ x_1",
            "HQs 12 Corps' Lebanon- UNIFIL; Lt.Gen. Smith-Jones&Co. ok? yes! 'single' end.",
        ];
        for text in samples {
            let fast: Vec<&str> = tokenize(text)
                .iter()
                .map(|t| &text[t.span.range()])
                .collect();
            let reference: Vec<&str> = text
                .split_word_bound_indices()
                .map(|(_, w)| w)
                .filter(|w| !w.chars().all(char::is_whitespace))
                .flat_map(|w| split_possessive(w).map(|(_, p)| p))
                .collect();
            assert_eq!(fast, reference, "{text:?}");
        }
    }

    /// The byte path must give exactly what the general path gives: spans, shapes, keys,
    /// newline counts and spacing.
    #[test]
    fn ascii_path_gives_the_same_tokens_shapes_and_keys() {
        let samples = [
            "U.S. forces, 9,000 troops; 1.5 km at 10:30 on 2021-04-09 (don't) e.g. a:b $100",
            "N-9/OPNAV, `quoted` [x] {y} #tag @user 50% 7' 1'000 a.b.c. ..a.. _x_ x_1 CSG21 3rd",
            "KAZAKHSTAN'S Kazakhstan's McDonald A 's 'S x's Gen. Lt.Gen. ZAPAD-2021 \n\n\nNew",
            // A chunk that turns out not to be ASCII part-way is undone and read again by the
            // general path.
            "Kazakhstan’s 9,000–strong U.S.’ café\u{00A0}Türkiye ab東京 x’s \n Akufo‐Addo.",
            // Typographic quotes and dashes, read by the byte path.
            "“Quoted,” he said — don’t ‘single’ 9’000 ’90s rock’n’roll a–b … end’s x’S ’s ’ ‘s",
            "KAZAKHSTAN’S O‘Brien 1‘2 a’1 1’a ’’ a’’b a’ ’a “”–—…‘’ s’s ’s’ x’s’s U.S.’s",
        ];
        for text in samples {
            let fast = tokenize_with_keys(text);
            let general = general_path(text);
            assert_eq!(fast.tokens, general.tokens, "{text:?}");
            assert_eq!(fast.keys.as_bytes(), general.keys, "{text:?}");
        }
    }

    mod agreement {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// On any text made of the characters the byte path must get right, it gives
            /// exactly what the general path gives.
            #[test]
            fn byte_path_agrees_with_the_general_path(
                pieces in proptest::collection::vec(
                    proptest::sample::select(vec![
                        "a", "B", "s", "S", "x", "7", "0", "_", ".", ",", ";", ":", "'", "`", "-",
                        " ", "\n", "’", "‘", "“", "”", "–", "—", "…", "é", "東", "\u{00A0}",
                    ]),
                    0..40,
                )
            ) {
                let text: String = pieces.concat();
                let fast = tokenize_with_keys(&text);
                let general = general_path(&text);
                prop_assert_eq!(&fast.tokens, &general.tokens, "{:?}", text);
                prop_assert_eq!(fast.keys.as_bytes(), &general.keys[..], "{:?}", text);
                // A key is the token's text normalised (the sentence splitter relies on it).
                for (i, token) in fast.tokens.iter().enumerate() {
                    prop_assert_eq!(
                        fast.key(i),
                        crate::text::normalize(&text[token.span.range()]),
                        "{:?}",
                        text
                    );
                }
            }
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
        // ASCII letters and digits alone, on both paths ("’s" and "é" send a chunk to the
        // general one).
        let words = [
            ("April 9th 2021", &[true, true, true][..]),
            ("U.S 9,000 don't a_b", &[false, false, false, false]),
            ("Kazakhstan’s Türkiye x", &[true, false, false, true]),
            (
                "Kazakhstan's ‘x’ —",
                &[true, false, false, true, false, false],
            ),
        ];
        for (text, expected) in words {
            let got: Vec<bool> = tokenize(text)
                .iter()
                .map(|t| t.shape.contains(Shape::ASCII_WORD))
                .collect();
            assert_eq!(got, expected, "{text:?}");
        }
    }

    #[test]
    fn eight_bytes_lower_as_one_at_a_time() {
        // Every ASCII byte at every place, among ASCII neighbours and before bytes that
        // are not ASCII (which may come out wrong, but must not spoil those below them).
        for b in 0u8..128 {
            for place in 0..8 {
                for filler in [b'A', b'z', b'Z', b'@', b'[', 0x7F, 0] {
                    let mut word = [filler; 8];
                    word[place] = b;
                    let mut high = word;
                    high[(place + 1).min(7)..].fill(0xE2);
                    for (bytes, good) in [(word, 8), (high, place + 1)] {
                        let lowered = lower_ascii(u64::from_le_bytes(bytes)).to_le_bytes();
                        let expected = bytes.map(|b| b.to_ascii_lowercase());
                        assert_eq!(lowered[..good], expected[..good], "{bytes:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn word_chunks_read_as_one_byte_at_a_time() {
        let is_word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
        // Every byte at every place, among fillers at the edges of the ranges, with and
        // without bytes that are not ASCII above it, read from every offset (the end of
        // the text included).
        for b in 0..=255u8 {
            for place in 0..8 {
                for filler in [b'a', b'z', b'A', b'Z', b'0', b'9', b'_', b'@', b'[', b'`'] {
                    let mut plain = [filler; 10];
                    plain[place] = b;
                    let mut high = plain;
                    high[place + 1..].fill(0xC3);
                    for bytes in [plain, high] {
                        for at in 0..=bytes.len() + 1 {
                            let rest = bytes.get(at..).unwrap_or_default();
                            let word = &rest[..rest.iter().take_while(|b| is_word(b)).count()];
                            let eight = &word[..word.len().min(8)];
                            let count = |f: fn(&u8) -> bool| eight.iter().filter(|b| f(b)).count();
                            let chunk = WordChunk::read(&bytes, at);
                            assert_eq!(chunk.len, eight.len(), "{bytes:?} at {at}");
                            assert_eq!(chunk.letters, count(u8::is_ascii_alphabetic));
                            assert_eq!(chunk.capitals, count(u8::is_ascii_uppercase));
                            assert_eq!(chunk.digits, count(u8::is_ascii_digit));
                            assert_eq!(
                                chunk.lowered[..chunk.len],
                                eight.to_ascii_lowercase()[..],
                                "{bytes:?} at {at}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn long_words_are_counted_whole() {
        let long = 1 << 21;
        for text in [
            format!("A{}7", "b".repeat(long)),
            "AB".repeat(long / 2 + 1),
            format!("{}x", "9".repeat(long)),
        ] {
            let tokens = tokenize(&text);
            assert_eq!(tokens.len(), 1);
            assert_eq!(tokens[0].shape, Shape::of(&text));
            assert!(tokens[0].shape.contains(Shape::ASCII_WORD));
        }
    }

    #[test]
    fn newlines_are_counted() {
        let t = tokenize("Title\nLine\n\n\nPara");
        assert_eq!(t[0].newlines_before, 0);
        assert_eq!(t[1].newlines_before, 1);
        assert_eq!(t[2].newlines_before, 2);
    }
}
