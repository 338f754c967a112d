//! The text stage: tokens, normalised keys and sentences.

mod normalize;
mod sentence;
mod tokenize;

pub use normalize::{normalize, normalize_into};
pub use sentence::{Sentence, split_sentences};
pub use tokenize::{Shape, Token, Tokenized, tokenize, tokenize_with_keys};

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
        let tokenized = tokenize_with_keys(text);
        let sentences = split_sentences(text, &tokenized.tokens);
        let mut sentence_of = vec![0u32; tokenized.tokens.len()];
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
