//! Escaping shared by the XML-based exports (SVG, HTML).

/// Appends `s` as text for XML or HTML element content and quoted attribute values.
///
/// Control characters that XML 1.0 cannot carry at all (not even as references) become
/// U+FFFD, so a stray byte pasted into a note cannot make the whole SVG unreadable.
pub fn push_xml(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
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
    }
}
