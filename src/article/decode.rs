//! Decoding bytes to text.
//!
//! Articles arrive as bytes scraped from the web. We accept UTF-8 (with or without a BOM)
//! and UTF-16 with a BOM; anything else is decoded as UTF-8 lossily, with a warning, because
//! a reader that shows a few `�` is more useful than one that refuses the file. A file with
//! NUL bytes (and no UTF-16 BOM) is almost certainly not text, so it is refused.
//!
//! Newlines are normalised here (CRLF and lone CR → LF) so that every later layer, in both
//! parse modes, sees one newline convention and byte offsets agree between them.

use std::borrow::Cow;

/// Text decoded from a file, plus non-fatal problems met on the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Why bytes could not be decoded as an article. `Display` is one lowercase line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes: an image, a PDF, a database…
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary => f.write_str("binary file (contains NUL bytes), not an article"),
        }
    }
}

impl std::error::Error for DecodeError {}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes `bytes` into text with LF newlines. Takes anything byte-like (`Vec<u8>`,
/// `&[u8]`) so callers need not care; valid UTF-8 is copied once.
pub fn decode(bytes: impl AsRef<[u8]>) -> Result<Decoded, DecodeError> {
    let bytes = bytes.as_ref();
    let mut warnings = Vec::new();
    let text = if let Some(text) = decode_utf16_with_bom(bytes, &mut warnings) {
        text
    } else if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    } else {
        let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_owned(),
            Err(err) => {
                warnings.push(format!(
                    "invalid UTF-8 (first at byte {}) replaced with U+FFFD",
                    err.valid_up_to()
                ));
                String::from_utf8_lossy(bytes).into_owned()
            }
        }
    };
    let text = match normalize_newlines(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(normalized) => normalized,
    };
    Ok(Decoded { text, warnings })
}

/// UTF-16 is only recognised by its BOM: guessing it from NUL patterns would let binary
/// files through as garbage text.
fn decode_utf16_with_bom(bytes: &[u8], warnings: &mut Vec<String>) -> Option<String> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let body = &bytes[2..];
    let units = body.chunks(2).map(|pair| match (pair, little) {
        ([a, b], true) => u16::from_le_bytes([*a, *b]),
        ([a, b], false) => u16::from_be_bytes([*a, *b]),
        // An odd trailing byte cannot be a code unit; let it become U+FFFD.
        _ => 0xD800,
    });
    let mut bad = false;
    let text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                bad = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    if bad {
        warnings.push("invalid UTF-16 replaced with U+FFFD".to_string());
    }
    Some(text)
}

/// CRLF → LF, lone CR → LF. Borrowed when there is nothing to do (the common case).
pub fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(stripped) = rest.strip_prefix('\n') {
            rest = stripped;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes).expect("decodes")
    }

    #[test]
    fn plain_utf8_is_unchanged() {
        let d = ok("Grüße\nzweite Zeile\n".as_bytes());
        assert_eq!(d.text, "Grüße\nzweite Zeile\n");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn bom_is_stripped() {
        assert_eq!(ok(b"\xEF\xBB\xBFHello\n").text, "Hello\n");
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(ok(b"a\r\nb\rc\r\n\r\nd\r").text, "a\nb\nc\n\nd\n");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let d = ok(b"caf\xE9 au lait");
        assert_eq!(d.text, "caf\u{FFFD} au lait");
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("byte 3"), "{:?}", d.warnings);
    }

    #[test]
    fn nul_bytes_are_refused() {
        let err = decode(b"PK\x03\x04\x00\x00").expect_err("binary");
        assert_eq!(
            err.to_string(),
            "binary file (contains NUL bytes), not an article"
        );
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Hi\r\nthere".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = ok(&bytes);
        assert_eq!(d.text, "Hi\nthere");
        assert!(d.warnings.is_empty());
    }
}
