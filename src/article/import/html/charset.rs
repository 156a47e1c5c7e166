//! Character sets of HTML pages. Old and regional news sites still serve windows-1252,
//! ISO-8859-x, Shift_JIS or GBK, declared in a `<meta charset>`; read as UTF-8 their
//! accented letters are lost. [`decode_html`] reads such bytes the way a browser would.

use encoding_rs::{Encoding, UTF_8};

/// How far into the page a charset declaration is looked for (browsers look at 1024
/// bytes; pages with long heads put it later, so a little more).
const SNIFF_BYTES: usize = 4096;

/// The encoding a page's `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` declares in its first bytes.
pub fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let head = &head[..head.len().min(SNIFF_BYTES)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        from = j;
        while lower.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
            j += 1;
        }
        if lower.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while lower
            .get(j)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            j += 1;
        }
        let end = lower[j..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |n| j + n);
        if let Some(enc) = Encoding::for_label(&lower[j..end]) {
            return Some(enc);
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes an HTML page's bytes: a BOM wins, then valid UTF-8 is taken as it is, then the
/// declared charset, then windows-1252 (what browsers assume for undeclared legacy pages).
/// Returns the text and the encoding's name.
pub fn decode_html(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), enc.name());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), UTF_8.name());
    }
    // A declared UTF-16 is a lie once the bytes reached us as an ASCII-compatible page.
    let enc = declared(bytes)
        .filter(|e| e.is_ascii_compatible())
        .unwrap_or(encoding_rs::WINDOWS_1252);
    let (text, _, _) = enc.decode(bytes);
    (text.into_owned(), enc.name())
}

/// The warning for a page that declares a legacy charset but reached the importer as
/// lossily decoded UTF-8 (so its accented letters are already `�`).
pub fn lossy_warning(text: &str) -> Option<String> {
    if !text.contains('\u{fffd}') {
        return None;
    }
    let enc = declared(text.as_bytes())?;
    (enc != UTF_8).then(|| {
        format!(
            "the page declares charset {} but was read as UTF-8; some characters were lost",
            enc.name()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_found() {
        assert_eq!(
            declared(b"<html><head><meta charset=\"windows-1252\">"),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(
            declared(b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>"),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(declared(b"<meta charset=utf-8>"), Some(UTF_8));
        assert_eq!(declared(b"<p>charset is a word</p>"), None);
    }

    #[test]
    fn legacy_bytes_are_decoded() {
        let page = b"<meta charset=iso-8859-1><p>Caf\xe9 cr\xe8me</p>";
        let (text, name) = decode_html(page);
        assert!(text.contains("Café crème"), "{text}");
        assert_eq!(name, "windows-1252");
        let (text, _) = decode_html("<p>Café</p>".as_bytes());
        assert_eq!(text, "<p>Café</p>");
        let lossy = String::from_utf8_lossy(page);
        assert!(lossy_warning(&lossy).is_some());
        assert!(lossy_warning("<meta charset=utf-8><p>ok</p>").is_none());
    }
}
