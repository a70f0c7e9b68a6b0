//! Bounded scales. Out-of-range values cannot be built, so a journey in memory never holds
//! a rating of 7; a file that says 7 is refused at load with the path of the value.

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A whole number read from a journey file. It exists for its error message: a 1.5 where a
/// rating or an emotion belongs is "expected a whole number", where serde's own i64 would
/// say "expected i64" to someone who has never met the word.
pub(crate) struct Whole(i64);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Whole;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Whole, E> {
                Ok(Whole(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Whole, E> {
                i64::try_from(v)
                    .map(Whole)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
            }
        }
        d.deserialize_i64(V)
    }
}

/// A 1-5 rating (performance, importance, the four criteria). Unrated is `Option::None`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "Whole", into = "u8")]
pub struct Rating(u8);

impl Rating {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn new(v: i64) -> Result<Rating, String> {
        if (Self::MIN as i64..=Self::MAX as i64).contains(&v) {
            Ok(Rating(v as u8))
        } else {
            Err(format!("rating {v} is out of range 1-5"))
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<Whole> for Rating {
    type Error = String;
    fn try_from(v: Whole) -> Result<Self, String> {
        Rating::new(v.0)
    }
}

impl From<Rating> for u8 {
    fn from(r: Rating) -> u8 {
        r.0
    }
}

impl fmt::Debug for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rating({})", self.0)
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// How the customer feels at a touchpoint, -2 (very negative) to +2 (very positive).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "Whole", into = "i8")]
pub struct Emotion(i8);

impl Emotion {
    pub const MIN: i8 = -2;
    pub const MAX: i8 = 2;

    pub fn new(v: i64) -> Result<Emotion, String> {
        if (Self::MIN as i64..=Self::MAX as i64).contains(&v) {
            Ok(Emotion(v as i8))
        } else {
            Err(format!("emotion {v} is out of range -2 to +2"))
        }
    }

    pub fn get(self) -> i8 {
        self.0
    }
}

impl TryFrom<Whole> for Emotion {
    type Error = String;
    fn try_from(v: Whole) -> Result<Self, String> {
        Emotion::new(v.0)
    }
}

impl From<Emotion> for i8 {
    fn from(e: Emotion) -> i8 {
        e.0
    }
}

impl fmt::Debug for Emotion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Emotion({})", self.0)
    }
}

impl fmt::Display for Emotion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 > 0 {
            write!(f, "+{}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_outside_one_to_five_are_refused() {
        assert!(Rating::new(0).is_err());
        assert!(Rating::new(6).is_err());
        assert_eq!(Rating::new(3).unwrap().get(), 3);
        let err = serde_json::from_str::<Rating>("7").unwrap_err().to_string();
        assert!(err.contains("rating 7 is out of range 1-5"), "{err}");
    }

    #[test]
    fn emotion_is_minus_two_to_plus_two() {
        assert!(Emotion::new(-3).is_err());
        assert!(Emotion::new(3).is_err());
        assert_eq!(Emotion::new(-2).unwrap().to_string(), "-2");
        assert_eq!(Emotion::new(2).unwrap().to_string(), "+2");
    }

    #[test]
    fn a_fraction_or_a_huge_number_is_not_a_whole_number() {
        let err = |text| {
            serde_json::from_str::<Rating>(text)
                .unwrap_err()
                .to_string()
        };
        assert!(
            err("3.5").contains("expected a whole number"),
            "{}",
            err("3.5")
        );
        assert!(err("\"3\"").contains("expected a whole number"));
        assert!(err("18446744073709551615").contains("expected a whole number"));
        let e = serde_json::from_str::<Emotion>("-1.0")
            .unwrap_err()
            .to_string();
        assert!(e.contains("expected a whole number"), "{e}");
        assert_eq!(serde_json::from_str::<Emotion>("-1").unwrap().get(), -1);
    }
}
