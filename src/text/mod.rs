//! The text stage: tokens, normalised keys and sentences.

mod normalize;
mod sentence;
mod tokenize;

pub(crate) use normalize::fold_ascii;
pub use normalize::{collapse_whitespace, normalize, normalize_into};
pub use sentence::{Sentence, split_sentences};
pub use tokenize::{
    Shape, Token, Tokenized, tokenize, tokenize_with_keys, tokenize_with_keys_into,
};

/// A text cut into tokens and sentences: what every later stage reads.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// Tokens and their keys.
    pub tokenized: Tokenized,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// For each token, the index of its sentence.
    pub sentence_of: Vec<u32>,
}

impl Analysis {
    /// Tokenizes `text` and splits it into sentences.
    pub fn new(text: &str) -> Analysis {
        Analysis::new_reusing(text, Analysis::default())
    }

    /// [`Analysis::new`], reusing the buffers of an analysis that is no longer needed: a
    /// caller that analyses many texts one after another allocates (and zeroes) its largest
    /// buffers once, not once a text.
    ///
    /// ```
    /// use newsfacts::text::Analysis;
    /// let first = Analysis::new("Lt. Gen. Singh arrived. He met the minister.");
    /// let second = Analysis::new_reusing("Talks began.", first);
    /// assert_eq!(second.tokens().len(), 3);
    /// assert_eq!(second.sentences.len(), 1);
    /// assert_eq!(second.sentence_of, [0, 0, 0]);
    /// ```
    pub fn new_reusing(text: &str, spare: Analysis) -> Analysis {
        let Analysis {
            mut tokenized,
            sentences,
            mut sentence_of,
        } = spare;
        // Cleared first: `reserve` counts from the length, and growing a full buffer would
        // copy the last document's tokens.
        tokenized.tokens.clear();
        tokenized.keys.clear();
        tokenized.tokens.reserve(text.len() / 5 + 1);
        tokenized.keys.reserve(text.len() + 2);
        tokenize_with_keys_into(text, &mut tokenized);
        let sentences = sentence::split_tokenized_reusing(text, &tokenized, sentences);
        sentence_of.clear();
        sentence_of.resize(tokenized.tokens.len(), 0);
        for (n, sentence) in sentences.iter().enumerate() {
            for slot in &mut sentence_of[sentence.tokens()] {
                *slot = n as u32;
            }
        }
        Analysis {
            tokenized,
            sentences,
            sentence_of,
        }
    }

    /// The tokens.
    pub fn tokens(&self) -> &[Token] {
        &self.tokenized.tokens
    }

    /// True when sentence `n` is a Title Case line (a headline): it does not end with
    /// sentence punctuation and nearly every word of four letters or more is capitalised.
    pub fn is_title_case(&self, text: &str, n: usize) -> bool {
        let Some(sentence) = self.sentences.get(n) else {
            return false;
        };
        let last = &self.tokenized.tokens[sentence.end - 1];
        if matches!(&text[last.span.range()], "." | "!" | "?" | "”" | "\"" | "…") {
            return false;
        }
        let mut words = 0;
        let mut capitalised = 0;
        // Four characters or more: a word of ASCII letters and digits has a byte each.
        let long = |t: &Token| {
            t.span.len() >= 4
                && (t.shape.contains(Shape::ASCII_WORD)
                    || text
                        .get(t.span.range())
                        .is_some_and(|w| w.chars().count() >= 4))
        };
        for t in &self.tokenized.tokens[sentence.tokens()] {
            if t.shape.contains(Shape::ALPHA) && long(t) {
                words += 1;
                if t.shape.contains(Shape::CAPITALIZED) {
                    capitalised += 1;
                }
            }
        }
        words >= 3 && capitalised * 10 >= words * 8
    }

    /// True when token `i` is the first of its sentence (bullets and opening quotes
    /// before it do not count).
    pub fn starts_sentence(&self, text: &str, i: usize) -> bool {
        let Some(&n) = self.sentence_of.get(i) else {
            return false;
        };
        let first = self.sentences[n as usize].first;
        (first..i).all(|j| {
            let t = &self.tokenized.tokens[j];
            t.shape.contains(Shape::PUNCT) && !matches!(&text[t.span.range()], "," | ";" | ":")
        })
    }
}
