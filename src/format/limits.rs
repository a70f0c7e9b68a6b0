//! Size limits shared by the loader's validation and by commands, so a journey that editing
//! produced always loads again. Generous for real journeys; their job is to refuse a file
//! that would freeze the browser tab, not to police writing style.

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// Names, the title and transition labels: one line of text.
pub const MAX_NAME_CHARS: usize = 500;
/// One entry of a text list: a pain point, an opportunity, a KPI, a proof point, a value.
pub const MAX_ITEM_CHARS: usize = 2_000;
/// Descriptions and notes.
pub const MAX_TEXT_CHARS: usize = 10_000;
pub const MAX_TOUCHPOINTS: usize = 20_000;
pub const MAX_TRANSITIONS: usize = 100_000;
/// Each of stages, channels, lanes, partners, departments and personas.
pub const MAX_STRUCTURE_ITEMS: usize = 1_000;
/// Entries in one text list (pain points of one touchpoint, proof points...) and personas
/// named by one touchpoint.
pub const MAX_LIST_ITEMS: usize = 1_000;

/// Canvas coordinates stay within this distance of the origin. Beyond it a position is junk,
/// and snapped positions (see [`crate::command::snap`]) only read back exactly below it.
pub const MAX_COORDINATE: f64 = 1e9;

/// `12345` as `12,345`: limits are read by people.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The length in characters when it is over `max`. Byte length bounds the character count,
/// so the common short string is never walked.
pub(crate) fn over_limit(s: &str, max: usize) -> Option<usize> {
    if s.len() <= max {
        return None;
    }
    let n = s.chars().count();
    (n > max).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(10_001), "10,001");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        // 500 two-byte characters are 1000 bytes but within a 500-character limit.
        assert_eq!(over_limit(&"é".repeat(500), 500), None);
        assert_eq!(over_limit(&"é".repeat(501), 500), Some(501));
        assert_eq!(over_limit(&"a".repeat(501), 500), Some(501));
    }
}
