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
    decode(bytes).text
}

/// A file's text, and where decoding first had to put U+FFFD for bytes that were not UTF-8
/// (or a broken UTF-16 unit): a byte offset into `text`, `None` when every byte decoded.
/// Only the bytes can tell a U+FFFD that stands for a bad byte from one the file really holds
/// (a journey with pasted U+FFFD, exported to CSV); a reader of text alone cannot.
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub not_utf8_at: Option<usize>,
}

/// [`from_bytes`], with the place of the first replaced byte.
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    let utf8 = |bytes| Decoded {
        text: String::from_utf8_lossy(bytes),
        // The valid prefix decodes to the same bytes, so its length is the offset in the text.
        not_utf8_at: std::str::from_utf8(bytes).err().map(|e| e.valid_up_to()),
    };
    match bytes {
        [0xef, 0xbb, 0xbf, rest @ ..] => utf8(rest),
        [0xff, 0xfe, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xfe, 0xff, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => utf8(bytes),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Decoded<'static> {
    let pairs = bytes.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let mut out = String::with_capacity(bytes.len());
    let mut first_bad = None;
    for c in char::decode_utf16(pairs.map(|p| unit([p[0], p[1]]))) {
        if c.is_err() {
            first_bad.get_or_insert(out.len());
        }
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    if odd {
        first_bad.get_or_insert(out.len());
        out.push(char::REPLACEMENT_CHARACTER);
    }
    Decoded {
        text: Cow::Owned(out),
        not_utf8_at: first_bad,
    }
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
/// then `not_utf8_at`: where the file had bytes that were not UTF-8 ([`Decoded`]), or for a
/// text whose bytes are gone, its first U+FFFD (which a browser puts there for such bytes).
/// The journey file format passes `None`: a journey can hold U+FFFD (pasted text) and the app
/// writes its files as UTF-8; a spreadsheet or a diagram saved in a legacy encoding would
/// otherwise lose its accented letters without a word.
pub fn check(text: &str, not_utf8_at: Option<usize>) -> Result<(), Fault> {
    check_size(text)?;
    // A zero anywhere says binary (or UTF-16) more surely than a bad byte before it.
    let Some(at) = text.find('\0').or(not_utf8_at) else {
        return Ok(());
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
        assert_eq!(check(&le, None), Err(Fault::Utf16 { big_endian: false }));
        let be = String::from_utf8(b"\0j\0o\0u\0r".to_vec()).unwrap();
        assert_eq!(check(&be, None), Err(Fault::Utf16 { big_endian: true }));
        assert_eq!(
            check("ab\ncd\0ef", None),
            Err(Fault::Binary { line: 2, column: 3 })
        );
    }

    #[test]
    fn a_replacement_character_is_refused_where_a_byte_was_not_utf8() {
        // Text alone: its first U+FFFD is the place, if the caller says so.
        let text = "x\n é\u{fffd}";
        assert_eq!(check(text, None), Ok(()));
        assert_eq!(
            check(text, text.find('\u{fffd}')),
            Err(Fault::NotUtf8 { line: 2, column: 3 })
        );
        // Bytes: a U+FFFD the file holds (written as UTF-8) is text like any other...
        let real = "caf\u{fffd}\ncafé\n".as_bytes();
        let d = decode(real);
        assert_eq!(d.not_utf8_at, None);
        assert_eq!(check(&d.text, d.not_utf8_at), Ok(()));
        // ...and a Latin-1 byte after it is found where it is, not at the real one.
        let latin1 = b"caf\xef\xbf\xbd\ncaf\xe9\n";
        let d = decode(latin1);
        assert_eq!(d.text, "caf\u{fffd}\ncaf\u{fffd}\n");
        assert_eq!(
            check(&d.text, d.not_utf8_at),
            Err(Fault::NotUtf8 { line: 2, column: 4 })
        );
        // After a byte-order mark the offset is into the text without it; UTF-16 too.
        assert_eq!(decode(b"\xef\xbb\xbfab\xff").not_utf8_at, Some(2));
        assert_eq!(decode(b"\xff\xfea\x00\x00\xd8").not_utf8_at, Some(1));
        assert_eq!(decode(b"\xff\xfea\x00b").not_utf8_at, Some(1));
        assert_eq!(decode(b"\xff\xfea\x00").not_utf8_at, None);
    }
}
