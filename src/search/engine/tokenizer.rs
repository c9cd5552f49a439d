//! The index's tokenizer: broadsheet's own tokens (see `search::tokens`), handed to tantivy.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::search::tokens::Cursor;

/// The name the tokenizer is registered under.
pub const NAME: &str = "broadsheet";

/// Cuts text as `search::tokens` does.
#[derive(Clone, Copy, Debug, Default)]
pub struct Words;

/// The tokens of one text.
pub struct WordStream<'a> {
    cursor: Cursor<'a>,
    token: Token,
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        WordStream {
            cursor: Cursor::new(text),
            token: Token::default(),
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(range) = self.cursor.next_into(&mut self.token.text) else {
            return false;
        };
        self.token.offset_from = range.start;
        self.token.offset_to = range.end;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_cuts_text_as_queries_and_highlighting_do() {
        for text in [
            "Plain ASCII, with punctuation!",
            "Mixed: Café & 東京 \u{2014} naïve don\u{2019}t",
        ] {
            let mut words = Words;
            let mut stream = words.token_stream(text);
            let mut indexed = Vec::new();
            while stream.advance() {
                let t = stream.token();
                indexed.push((t.offset_from..t.offset_to, t.text.clone(), t.position));
            }
            let mut expected = Vec::new();
            crate::search::tokens::each(text, |r, t| {
                let position = expected.len();
                expected.push((r, t.to_owned(), position));
            });
            assert_eq!(indexed, expected, "{text}");
        }
    }
}
