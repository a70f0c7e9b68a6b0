//! Escaping shared by the XML-based exports (SVG, HTML).

/// Appends `s` as text for XML or HTML element content and quoted attribute values.
///
/// Control characters that XML 1.0 cannot carry at all (not even as references) become
/// U+FFFD, so a stray byte pasted into a note cannot make the whole SVG unreadable.
pub fn push_xml(out: &mut String, s: &str) {
    // Copies the runs between characters that change in one go: the exports write every
    // text field through here, and pushing a character at a time was a quarter of the
    // framework export's time (docs/performance-export.md). Every character that changes is
    // ASCII or U+FFFE/U+FFFF (EF BF BE/BF in UTF-8), so each cut falls on a character boundary.
    let bytes = s.as_bytes();
    let (mut i, mut clean) = (0, 0);
    while i < bytes.len() {
        let (with, len) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..=0x1f => ("\u{fffd}", 1),
            0xef if bytes.get(i + 1) == Some(&0xbf)
                && matches!(bytes.get(i + 2), Some(0xbe | 0xbf)) =>
            {
                ("\u{fffd}", 3)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[clean..i]);
        out.push_str(with);
        i += len;
        clean = i;
    }
    out.push_str(&s[clean..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml(s: &str) -> String {
        let mut out = String::new();
        push_xml(&mut out, s);
        out
    }

    #[test]
    fn markup_characters_become_references() {
        assert_eq!(
            xml("<a href='x'>\"&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;"
        );
    }

    #[test]
    fn characters_xml_cannot_carry_are_replaced() {
        assert_eq!(xml("a\u{1}b\u{ffff}"), "a\u{fffd}b\u{fffd}");
        assert_eq!(xml("tab\tok"), "tab\tok");
        assert_eq!(
            xml("\u{fffe}é\u{1f}\u{7f}\u{fffd}"),
            "\u{fffd}é\u{fffd}\u{7f}\u{fffd}"
        );
        // Neighbours of U+FFFE/U+FFFF in UTF-8 stay as they are.
        assert_eq!(
            xml("\u{fffc}\u{ffbf}\u{10000}"),
            "\u{fffc}\u{ffbf}\u{10000}"
        );
    }

    #[test]
    fn every_character_is_escaped_as_one_at_a_time_would() {
        // The rule, a character at a time, against the run-copying version, over every
        // character class that matters and some that do not.
        let one = |s: &str| {
            let mut o = String::new();
            for c in s.chars() {
                match c {
                    '&' => o.push_str("&amp;"),
                    '<' => o.push_str("&lt;"),
                    '>' => o.push_str("&gt;"),
                    '"' => o.push_str("&quot;"),
                    '\'' => o.push_str("&#39;"),
                    '\t' | '\n' | '\r' => o.push(c),
                    c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                        o.push('\u{fffd}')
                    }
                    c => o.push(c),
                }
            }
            o
        };
        let alphabet: Vec<char> = "a&<>\"'\t\n\r\u{0}\u{1f} é€\u{fffd}\u{fffe}\u{ffff}\u{fffc}😀"
            .chars()
            .collect();
        // Every string of up to three characters from the alphabet.
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        texts.sort();
        texts.dedup();
        for t in &texts {
            assert_eq!(xml(t), one(t), "{t:?}");
        }
    }
}
