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
    /// The indices of the tokens that are capitalised or hold a digit, in order: the only
    /// tokens where the pattern rules and people's names can start, listed once for all of
    /// them. [`Analysis::new`] keeps it in step with the tokens; an analysis changed by
    /// hand must keep it so too (indices past the tokens are ignored).
    pub capitalized_or_numeric: Vec<u32>,
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
            capitalized_or_numeric,
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
        let capitalized_or_numeric =
            list_capitalized_or_numeric(&tokenized.tokens, capitalized_or_numeric);
        Analysis {
            tokenized,
            sentences,
            sentence_of,
            capitalized_or_numeric,
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

/// The indices of the tokens that are capitalised or hold a digit, written into `list`
/// (cleared first). Every index is stored and the count advanced by the test, with no
/// branch on it: whether a token is capitalised is data a branch predicts badly, and each
/// rule that tested every token paid for it.
fn list_capitalized_or_numeric(tokens: &[Token], mut list: Vec<u32>) -> Vec<u32> {
    list.clear();
    list.resize(tokens.len(), 0);
    let mut listed = 0;
    for (i, token) in tokens.iter().enumerate() {
        list[listed] = i as u32;
        listed += usize::from(
            token.shape.contains(Shape::CAPITALIZED) || token.shape.contains(Shape::DIGIT),
        );
    }
    list.truncate(listed);
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list holds exactly the capitalised and numeric tokens, in order, when made anew
    /// and when made in a spare analysis's buffer (longer or shorter than the text's).
    #[test]
    fn capitalized_or_numeric_tokens_are_listed() {
        let texts = [
            "Lt. Gen. Singh met 12 Corps on 9 April 2021; talks went well.",
            "",
            "no capitals here, and no digits",
            "NATO U.S. Kazakhstan’s 3rd Türkiye é 東京 x9 _",
        ];
        let mut spare = Analysis::new(&texts[0].repeat(3));
        for text in texts {
            let expected: Vec<u32> = tokenize(text)
                .iter()
                .enumerate()
                .filter(|(_, t)| {
                    t.shape.contains(Shape::CAPITALIZED) || t.shape.contains(Shape::DIGIT)
                })
                .map(|(i, _)| i as u32)
                .collect();
            assert_eq!(
                Analysis::new(text).capitalized_or_numeric,
                expected,
                "{text:?}"
            );
            spare = Analysis::new_reusing(text, spare);
            assert_eq!(spare.capitalized_or_numeric, expected, "{text:?}");
        }
    }
}
