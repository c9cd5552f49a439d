//! Turning a file's bytes into text: byte-order marks, UTF-16, invalid UTF-8 and binary files.

use std::borrow::Cow;

use super::LoadError;

/// Text decoded from a file, with a note when the decoding had to guess.
pub struct Decoded<'a> {
    /// The text, with any byte-order mark removed.
    pub text: Cow<'a, str>,
    /// Why the text may not be exactly what the file meant, when it may not.
    pub warning: Option<String>,
}

/// Decodes `bytes` as UTF-8 (the common case, borrowed), UTF-16 with a byte-order mark, or, for bytes that
/// are not UTF-8, as UTF-8 with replacement characters or Windows-1252, whichever loses less.
///
/// # Errors
/// [`LoadError::Empty`] for files with no visible text, [`LoadError::Binary`] for files holding NUL bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, LoadError> {
    if let Some(utf16) = decode_utf16(bytes) {
        return finish(Cow::Owned(utf16), None);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(LoadError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(Cow::Borrowed(text), None);
    }
    // Not UTF-8: the encoding the file declares (an HTML meta charset, an XML declaration), when it
    // names one and the bytes decode cleanly in it.
    if let Some(encoding) = declared(bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, _, had_errors) = encoding.decode(bytes);
        if !had_errors {
            return finish(Cow::Owned(text.into_owned()), None);
        }
        let warning = format!(
            "not valid {}, as it declares: read with replacement characters",
            encoding.name()
        );
        return finish(Cow::Owned(text.into_owned()), Some(warning));
    }
    let lossy = String::from_utf8_lossy(bytes);
    let replaced = lossy.matches('\u{fffd}').count();
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    // A few bad bytes in a UTF-8 file (a cut multi-byte character) are best replaced; a file whose
    // non-ASCII bytes are mostly invalid is a legacy single-byte encoding.
    if replaced * 4 < non_ascii {
        let warning = format!("not valid UTF-8: {replaced} bad byte sequence(s) replaced");
        finish(Cow::Owned(lossy.into_owned()), Some(warning))
    } else {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        let warning = "not valid UTF-8: read as Windows-1252".to_owned();
        finish(Cow::Owned(text.into_owned()), Some(warning))
    }
}

/// The encoding a document declares in its first kilobyte: `<meta charset="…">`, `content="…; charset=…"`
/// or `<?xml … encoding="…"?>`.
fn declared(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let at = head
        .find("charset=")
        .map(|i| i + "charset=".len())
        .or_else(|| {
            let xml = head.find("<?xml")?;
            head[xml..]
                .find("encoding=")
                .map(|i| xml + i + "encoding=".len())
        })?;
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

fn finish(text: Cow<'_, str>, warning: Option<String>) -> Result<Decoded<'_>, LoadError> {
    let text = crate::text::clean::clean(text, crate::text::clean::Breaks::Keep);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    Ok(Decoded { text, warning })
}

/// Decodes UTF-16 text that starts with a byte-order mark; `None` for anything else. Two bytes that look
/// like a mark are not enough: UTF-16 text has an even length, and news text, mostly Latin letters, digits,
/// spaces and line breaks, has many zero bytes.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let encoding = match bytes {
        [0xff, 0xfe, ..] => encoding_rs::UTF_16LE,
        [0xfe, 0xff, ..] => encoding_rs::UTF_16BE,
        _ => return None,
    };
    let zeros = memchr::memchr_iter(0, bytes).count();
    if !bytes.len().is_multiple_of(2) || zeros * 8 < bytes.len() {
        return None;
    }
    let (text, _, _) = encoding.decode(bytes);
    Some(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_borrowed_and_bom_dropped() {
        let d = decode(b"\xef\xbb\xbfHello").unwrap();
        assert_eq!(d.text, "Hello");
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert!(d.warning.is_none());
    }

    #[test]
    fn latin1_reads_as_windows_1252_with_a_warning() {
        let d = decode(b"Caf\xe9 cr\xe8me").unwrap();
        assert_eq!(d.text, "Caf\u{e9} cr\u{e8}me");
        assert!(d.warning.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn a_declared_legacy_encoding_is_used() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
            "<html><head><meta charset=\"windows-1251\"></head><body>Новости дня</body></html>",
        );
        let d = decode(&bytes).unwrap();
        assert!(d.text.contains("Новости дня"));
        assert!(d.warning.is_none());
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><rss><title>今日のニュース</title></rss>");
        assert!(decode(&bytes).unwrap().text.contains("今日のニュース"));
    }

    #[test]
    fn a_cut_utf8_character_is_replaced() {
        let d = decode(
            "na\u{ef}ve caf\u{e9} d\u{e9}j\u{e0} \u{fc}ber"
                .as_bytes()
                .iter()
                .copied()
                .chain([0xc3])
                .collect::<Vec<_>>()
                .as_slice(),
        )
        .map(|d| d.text.into_owned());
        assert!(d.unwrap().ends_with('\u{fffd}'));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let bytes: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Hi \u{e9}".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&bytes).unwrap().text, "Hi \u{e9}");
    }

    #[test]
    fn a_byte_order_mark_alone_does_not_make_utf16() {
        let d = decode(b"\xff\xfeCaf\xe9 au lait, le matin").unwrap();
        assert!(d.text.ends_with("au lait, le matin"));
        assert!(d.warning.is_some());
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert!(matches!(decode(b" \n\r\n "), Err(LoadError::Empty)));
        assert!(matches!(decode(b"abc\0def"), Err(LoadError::Binary)));
    }
}
