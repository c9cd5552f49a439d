//! Stop words of the languages pages come in: the share of them in a line tells running text from a list
//! of names, tags or languages, which has almost none.

use std::collections::HashSet;
use std::sync::LazyLock;

/// The most frequent function words of English, German, French, Spanish, Italian, Portuguese, Dutch,
/// Czech, Polish and Russian: articles, pronouns, prepositions, conjunctions and auxiliaries. Short lists
/// on purpose: a word that is also a common noun in another language would blur the measure.
const WORDS: &[&str] = &[
    // English
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from",
    "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "that",
    "this", "which", "who", "he", "she", "they", "we", "you", "i", "his", "her", "their", "not",
    "will", "would", "there", "than", "about", "into", "after", "if", "so", "when",
    // German
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "und", "oder", "ist", "sind",
    "war", "nicht", "mit", "von", "zu", "auf", "für", "sich", "auch", "es", "wie", "dass", "bei",
    "nach", "aus", "wird", "hat", "noch", // French
    "le", "la", "les", "un", "une", "des", "du", "et", "est", "sont", "dans", "pour", "que", "qui",
    "sur", "par", "pas", "au", "aux", "il", "elle", "ils", "ce", "cette", "avec", "mais", "ont",
    // Spanish
    "el", "los", "las", "y", "es", "en", "por", "con", "para", "una", "del", "se", "lo", "su",
    "como", "más", "pero", "fue", "ha", "sus", // Italian
    "il", "di", "che", "è", "per", "gli", "della", "non", "sono", "nel", "alla", "anche",
    // Portuguese
    "o", "os", "as", "um", "uma", "do", "da", "dos", "das", "em", "no", "na", "não", "foi", "ao",
    // Dutch
    "het", "een", "van", "zijn", "niet", "met", "voor", "ook", "dat", "werd", // Czech
    "a", "je", "se", "na", "v", "ve", "že", "to", "s", "z", "jako", "by", "do", "jsou", "byl",
    "však", "pro", "které", // Polish
    "i", "w", "z", "się", "nie", "jest", "że", "na", "do", "jak", "ale", "to", "od", "po",
    // Russian
    "и", "в", "не", "на", "что", "с", "по", "как", "это", "он", "она", "они", "из", "за", "к", "но",
    "от", "для", "был", "была",
];

static SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| WORDS.iter().copied().collect());

/// The longest stop word, in bytes: longer words are not looked up.
const LONGEST: usize = 8;

/// Whether `word` (trimmed of punctuation) is a stop word.
fn is_stop(word: &str, lower: &mut String) -> bool {
    if word.len() > LONGEST {
        return false;
    }
    lower.clear();
    lower.extend(word.chars().flat_map(char::to_lowercase));
    SET.contains(lower.as_str())
}

/// The words of `s` trimmed of the punctuation around them, empty ones left out.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

/// Whether at least `percent` in a hundred of `s`'s `total` words are stop words. Stops looking once the
/// share is reached.
#[must_use]
pub fn reaches(s: &str, total: usize, percent: usize) -> bool {
    let needed = (total * percent).div_ceil(100).max(1);
    let mut lower = String::new();
    let mut stop = 0;
    for word in words(s) {
        if is_stop(word, &mut lower) {
            stop += 1;
            if stop >= needed {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::reaches;

    #[test]
    fn running_text_has_stop_words_and_lists_have_none() {
        let prose =
            "The council voted on Tuesday to rebuild the harbour wall before the winter storms";
        assert!(reaches(prose, 14, 30));
        let de = "Der Rat hat am Dienstag beschlossen, die Hafenmauer vor dem Winter neu zu bauen";
        assert!(reaches(de, 14, 30));
        let languages =
            "English Deutsch Français Español Italiano Polski Português Русский Svenska Türkçe";
        assert!(!reaches(languages, 10, 10));
        assert!(!reaches("", 0, 15));
    }
}
