//! Where in a JSON text a parse stopped, written as a path (`journey.touchpoints[3].emotion`).
//!
//! serde_json says where an error is as a line and column. Walking the text up to that point,
//! keeping a stack of the objects and arrays that are open, gives the path of the value being
//! read. This replaces a path-tracking deserializer wrapper: the wrapper instantiated every
//! model type's `Deserialize` a second time and cost 43 KB of the gzipped app
//! (docs/performance.md), while this walk costs a few hundred bytes and runs only on error.

/// One open container.
enum Frame {
    /// `key`: the member whose value is being read, from the end of its name until the `,`
    /// or `}` after its value.
    Object { key: Option<String>, want_key: bool },
    /// `started`: an element has begun at `index` (an error right after `[` or `,` is about
    /// the array itself, not an element).
    Array { index: usize, started: bool },
}

/// The byte offset of a serde_json position: `column` counts the bytes read on `line`
/// (1-based). Out-of-range positions are clamped to the text.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    (start + column).min(text.len())
}

/// The path of the value being read when the parser had read up to `line`/`column`; empty
/// for the top level.
///
/// `last_member`: serde_json places an error raised after a value was read (a rating out of
/// range, from `try_from`) after the `}` that follows when the value was its object's last,
/// so such an error belongs to that object's last member. A missing member is placed after
/// the `}` too, but belongs to the object: its caller passes `false`.
pub(super) fn path_at(text: &str, line: usize, column: usize, last_member: bool) -> String {
    let end = offset_of(text, line, column);
    let bytes = &text.as_bytes()[..end];
    let mut stack: Vec<Frame> = Vec::new();
    // The object closed by the last significant byte read, if it was a `}`.
    let mut closed: Option<Frame> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !b.is_ascii_whitespace() {
            closed = None;
        }
        match b {
            b'"' => {
                // A string: find its end (or the end of what was read), honouring escapes.
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let closed = j < bytes.len();
                match stack.last_mut() {
                    Some(Frame::Object { key, want_key }) if *want_key => {
                        if closed {
                            let raw = &text[start..j];
                            *key = Some(unescape(raw));
                            *want_key = false;
                        }
                    }
                    _ => start_value(&mut stack),
                }
                i = j + 1;
                continue;
            }
            b'{' => {
                start_value(&mut stack);
                stack.push(Frame::Object {
                    key: None,
                    want_key: true,
                });
            }
            b'[' => {
                start_value(&mut stack);
                stack.push(Frame::Array {
                    index: 0,
                    started: false,
                });
            }
            b'}' => closed = stack.pop(),
            b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, want_key }) => {
                    *key = None;
                    *want_key = true;
                }
                Some(Frame::Array { index, started }) => {
                    *index += 1;
                    *started = false;
                }
                None => {}
            },
            b':' | b' ' | b'\t' | b'\r' | b'\n' => {}
            // The first byte of a number, true, false or null.
            _ => start_value(&mut stack),
        }
        i += 1;
    }
    if last_member {
        if let Some(frame @ Frame::Object { key: Some(_), .. }) = closed {
            stack.push(frame);
        }
    }
    // A hostile file nests arrays a hundred levels down: past a few levels the path is cut,
    // with the depth said in words.
    const SHOWN_LEVELS: usize = 8;
    let mut path = String::new();
    let mut depth = 0;
    for frame in &stack {
        let segment = match frame {
            Frame::Object { key: Some(k), .. } => {
                if path.is_empty() {
                    k.clone()
                } else {
                    format!(".{k}")
                }
            }
            Frame::Array {
                index,
                started: true,
            } => format!("[{index}]"),
            _ => continue,
        };
        depth += 1;
        if depth <= SHOWN_LEVELS {
            path.push_str(&segment);
        }
    }
    if depth > SHOWN_LEVELS {
        path.push_str(&format!("... ({depth} levels deep)"));
    }
    path
}

fn start_value(stack: &mut [Frame]) {
    if let Some(Frame::Array { started, .. }) = stack.last_mut() {
        *started = true;
    }
}

/// A member name as written, with the common escapes undone (names in journey files are
/// plain words; this only has to be right enough to name the place).
fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_string();
    }
    serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string())
}

#[cfg(test)]
mod tests {
    use super::path_at;

    /// The path at the position serde_json reports for a typed parse of `text` (the
    /// positions below were read off serde_json for these exact errors).
    fn at(text: &str, column: usize) -> String {
        path_at(text, 1, column, true)
    }

    #[test]
    fn names_the_member_of_a_wrong_value() {
        let t =
            r#"{"title": "x", "touchpoints": [{"name": "a"}, {"name": "b", "emotion": "high"}]}"#;
        assert_eq!(at(t, 77), "touchpoints[1].emotion");
        let t = r#"{"title": 5, "touchpoints": []}"#;
        assert_eq!(at(t, 11), "title");
    }

    #[test]
    fn a_missing_member_is_reported_on_its_object() {
        let t = r#"{"title": "x", "touchpoints": [{"name": "a"}, {"emotion": 1}]}"#;
        assert_eq!(path_at(t, 1, 60, false), "touchpoints[1]");
        assert_eq!(path_at(r#"{"touchpoints": []}"#, 1, 19, false), "");
    }

    #[test]
    fn a_value_refused_after_reading_is_its_members_even_when_last() {
        // A try_from error is placed after the `}` that follows the last member...
        let t = r#"[{"name": "a", "p": 7}]"#;
        assert_eq!(at(t, 22), "[0].p");
        // ...and before the `,` otherwise.
        let t = r#"[{"name": "a", "p": 7 , "q": 1}]"#;
        assert_eq!(at(t, 22), "[0].p");
    }

    #[test]
    fn an_unknown_member_is_named() {
        let t = r#"{"title": "x", "touchpoints": [{"name": "a"}, {"name": "b", "bogus": 1}]}"#;
        assert_eq!(at(t, 67), "touchpoints[1].bogus");
    }

    #[test]
    fn array_elements_and_containers_of_the_wrong_kind() {
        let t = r#"{"title": "x", "touchpoints": [{"name": "a", "tags": [1, 2, "x"]}]}"#;
        assert_eq!(at(t, 63), "touchpoints[0].tags[2]");
        let t = r#"{"title": "x", "touchpoints": {}}"#;
        assert_eq!(at(t, 30), "touchpoints");
    }

    #[test]
    fn strings_with_escapes_and_several_lines() {
        let t = "{\"title\": \"a \\\"quoted\\\" [x], {y}\",\n \"touchpoints\": [\n  {\"na\\u006de\": 7}\n]}";
        assert_eq!(path_at(t, 3, 16, true), "touchpoints[0].name");
    }

    #[test]
    fn deep_nesting_is_cut_after_eight_levels() {
        let t = format!("{{\"a\": {}", "[".repeat(100));
        assert_eq!(
            path_at(&t, 1, t.len(), true),
            "a[0][0][0][0][0][0][0]... (100 levels deep)"
        );
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        assert_eq!(path_at(r#"{"a": [1, {"b": "#, 9, 99, true), "a[1].b");
        assert_eq!(path_at("", 1, 5, true), "");
    }
}
