//! Bytes to text, and the checks every reader makes on text before parsing it.
//!
//! [`from_bytes`] decodes a file the way a browser's `FileReader.readAsText` does, so a
//! native test or the command line sees exactly the text the app sees: a byte-order mark
//! picks the encoding (UTF-8, UTF-16 LE, UTF-16 BE) and is dropped; without one the bytes are
//! UTF-8, and bytes that are not UTF-8 become U+FFFD.
//!
//! So UTF-16 with a byte-order mark (what Notepad and Excel call "Unicode") is decoded and
//! reads like any other file. UTF-16 without one cannot be told from binary data for sure;
//! [`check`] recognises its zero bytes and says "UTF-16" so the user knows to save the file
//! as UTF-8.

use super::limits::MAX_FILE_BYTES;
use std::borrow::Cow;
use std::fmt;

/// The text of a file's bytes, decoded as a browser decodes an opened file.
pub fn from_bytes(bytes: &[u8]) -> Cow<'_, str> {
    match bytes {
        [0xef, 0xbb, 0xbf, rest @ ..] => String::from_utf8_lossy(rest),
        [0xff, 0xfe, rest @ ..] => Cow::Owned(utf16(rest, u16::from_le_bytes)),
        [0xfe, 0xff, rest @ ..] => Cow::Owned(utf16(rest, u16::from_be_bytes)),
        _ => String::from_utf8_lossy(bytes),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let pairs = bytes.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let mut out: String = char::decode_utf16(pairs.map(|p| unit([p[0], p[1]])))
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if odd {
        out.push(char::REPLACEMENT_CHARACTER);
    }
    out
}

/// Why a text cannot be read at all, before any parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge { bytes: usize },
    /// Zero characters next to text: UTF-16 read as UTF-8 (it had no byte-order mark).
    Utf16 { big_endian: bool },
    /// A zero character elsewhere: not a text file. 1-based.
    Binary { line: usize, column: usize },
    /// A character that was not UTF-8 in the file (U+FFFD after decoding). 1-based.
    NotUtf8 { line: usize, column: usize },
}

impl Fault {
    /// Line and column, when the fault has a place.
    pub fn place(&self) -> Option<(usize, usize)> {
        match *self {
            Fault::Binary { line, column } | Fault::NotUtf8 { line, column } => {
                Some((line, column))
            }
            Fault::TooLarge { .. } | Fault::Utf16 { .. } => None,
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Fault::TooLarge { bytes } => write!(
                f,
                "the file is {:.1} MB; the limit is {} MB",
                bytes as f64 / (1024.0 * 1024.0),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            Fault::Utf16 { big_endian } => write!(
                f,
                "this looks like UTF-16{} text without a byte-order mark; save it as UTF-8 \
                 (or as UTF-16 with a byte-order mark)",
                if big_endian { " BE" } else { " LE" }
            ),
            Fault::Binary { .. } => {
                write!(f, "a zero byte: this is binary data, not a text file")
            }
            Fault::NotUtf8 { .. } => write!(
                f,
                "a character that is not UTF-8 (shown as \u{fffd}); save the file as UTF-8"
            ),
        }
    }
}

/// The size check, which needs no look at the text: made first, so a huge file is refused
/// at once.
pub fn check_size(text: &str) -> Result<(), Fault> {
    if text.len() > MAX_FILE_BYTES {
        Err(Fault::TooLarge { bytes: text.len() })
    } else {
        Ok(())
    }
}

/// The size check, then zero characters (binary data or UTF-16 without a byte-order mark),
/// then, when `strict_utf8`, U+FFFD, which a browser puts where a file had bytes that are not
/// UTF-8. The journey file format accepts U+FFFD, because a journey can hold it (pasted text)
/// and the app writes its files as UTF-8; a spreadsheet or a diagram saved in a legacy
/// encoding would otherwise lose its accented letters without a word.
pub fn check(text: &str, strict_utf8: bool) -> Result<(), Fault> {
    check_size(text)?;
    // A zero anywhere says binary (or UTF-16) more surely than a stray U+FFFD before it.
    let at = match text.find('\0') {
        Some(at) => at,
        None if strict_utf8 => match text.find(char::REPLACEMENT_CHARACTER) {
            Some(at) => at,
            None => return Ok(()),
        },
        None => return Ok(()),
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |n| n + 1)..]
        .chars()
        .count()
        + 1;
    if text[at..].starts_with('\0') {
        // UTF-16 of mostly ASCII text read as UTF-8: every other character is a zero.
        let head: Vec<char> = text.chars().take(64).collect();
        let zeros_at = |parity: usize| {
            head.iter()
                .enumerate()
                .filter(|(i, _)| i % 2 == parity)
                .all(|(_, &c)| c == '\0')
        };
        let others_are_text = |parity: usize| {
            head.iter()
                .enumerate()
                .filter(|(i, _)| i % 2 != parity)
                .all(|(_, &c)| c != '\0' && c != char::REPLACEMENT_CHARACTER)
        };
        if head.len() >= 2 {
            if zeros_at(1) && others_are_text(1) {
                return Err(Fault::Utf16 { big_endian: false });
            }
            if zeros_at(0) && others_are_text(0) {
                return Err(Fault::Utf16 { big_endian: true });
            }
        }
        return Err(Fault::Binary { line, column });
    }
    Err(Fault::NotUtf8 { line, column })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_pick_the_encoding_and_go() {
        assert_eq!(from_bytes(b"\xef\xbb\xbfab"), "ab");
        assert_eq!(from_bytes(b"\xff\xfea\x00\xe9\x00"), "aé");
        assert_eq!(from_bytes(b"\xfe\xff\x00a\x00\xe9"), "aé");
        // A lone surrogate and an odd last byte are replaced, as a browser replaces them.
        assert_eq!(from_bytes(b"\xff\xfe\x00\xd8a"), "\u{fffd}\u{fffd}");
        assert_eq!(from_bytes(b"a\xffb"), "a\u{fffd}b");
    }

    #[test]
    fn zero_characters_are_utf16_or_binary() {
        let le = String::from_utf8(b"{\0\"\0a\0\"\0".to_vec()).unwrap();
        assert_eq!(check(&le, false), Err(Fault::Utf16 { big_endian: false }));
        let be = String::from_utf8(b"\0j\0o\0u\0r".to_vec()).unwrap();
        assert_eq!(check(&be, false), Err(Fault::Utf16 { big_endian: true }));
        assert_eq!(
            check("ab\ncd\0ef", false),
            Err(Fault::Binary { line: 2, column: 3 })
        );
    }

    #[test]
    fn replacement_characters_are_refused_only_when_strict() {
        assert_eq!(check("x\n é\u{fffd}", false), Ok(()));
        assert_eq!(
            check("x\n é\u{fffd}", true),
            Err(Fault::NotUtf8 { line: 2, column: 3 })
        );
    }
}
