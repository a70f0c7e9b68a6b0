//! Stable identifiers.
//!
//! An id is a random 64-bit value written as 16 lowercase hex digits. Random rather than a
//! counter so that two copies of one journey, edited on different machines, never hand out the
//! same id (a later merge stays possible). Ids are never list positions and never petgraph
//! indices; they are never reused because a fresh one is drawn for every new entity.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Error for a string that is not 16 lowercase-or-uppercase hex digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadId(pub String);

impl fmt::Display for BadId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not an id (expected 16 hex digits)", self.0)
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:016x}", self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:016x})", stringify!($name), self.0)
            }
        }

        impl FromStr for $name {
            type Err = BadId;
            fn from_str(s: &str) -> Result<Self, BadId> {
                if s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
                    u64::from_str_radix(s, 16).map($name).map_err(|_| BadId(s.to_string()))
                } else {
                    Err(BadId(s.to_string()))
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

id_type!(
    /// A touchpoint.
    TouchpointId
);
id_type!(
    /// A transition between two touchpoints.
    TransitionId
);
id_type!(
    /// A stage (phase) of the journey.
    StageId
);
id_type!(
    /// A channel (web, phone, store...).
    ChannelId
);
id_type!(
    /// A service-blueprint lane.
    LaneId
);
id_type!(
    /// A partner that delivers touchpoints for the brand.
    PartnerId
);
id_type!(
    /// A department that owns touchpoints.
    DepartmentId
);
id_type!(
    /// A persona or segment.
    PersonaId
);

/// Draws fresh ids. SplitMix64: tiny, fast, and every seed gives a full-period sequence.
/// The shell seeds it from a real random source (the browser's crypto, or the clock natively);
/// tests seed it with a constant so results are reproducible.
#[derive(Debug, Clone)]
pub struct IdGen {
    state: u64,
}

impl IdGen {
    pub fn new(seed: u64) -> Self {
        IdGen { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A fresh id of any kind: `let id: TouchpointId = gen.id();`
    pub fn id<T: From<u64>>(&mut self) -> T {
        T::from(self.next_u64())
    }
}

macro_rules! from_u64 {
    ($($name:ident),*) => {$(
        impl From<u64> for $name {
            fn from(v: u64) -> Self { $name(v) }
        }
    )*};
}
from_u64!(
    TouchpointId,
    TransitionId,
    StageId,
    ChannelId,
    LaneId,
    PartnerId,
    DepartmentId,
    PersonaId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_round_trips_through_text() {
        let id = TouchpointId(0x00ab_cdef_0123_4567);
        assert_eq!(id.to_string(), "00abcdef01234567");
        assert_eq!("00abcdef01234567".parse::<TouchpointId>(), Ok(id));
    }

    #[test]
    fn malformed_ids_are_refused() {
        assert!("123".parse::<StageId>().is_err());
        assert!("zzzzzzzzzzzzzzzz".parse::<StageId>().is_err());
        assert!("+0000000000000001".parse::<StageId>().is_err());
    }

    #[test]
    fn generator_does_not_repeat_in_a_long_run() {
        let mut g = IdGen::new(7);
        let mut seen = std::collections::HashSet::new();
        for _ in 0..100_000 {
            assert!(seen.insert(g.next_u64()));
        }
    }
}
