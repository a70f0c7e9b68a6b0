//! Overlay measures: how the map tints each card by one measure, on a five-step scale from
//! worst (0) to best (4), with the value spelled out so colour is never the only carrier.

use crate::model::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// importance x (5 - performance): a large gap is bad.
    Gap,
    Emotion,
    Quadrant,
    Consistent,
    Intentional,
    Differentiated,
    Valuable,
}

impl Measure {
    pub const ALL: [Measure; 7] = [
        Measure::Gap,
        Measure::Emotion,
        Measure::Quadrant,
        Measure::Consistent,
        Measure::Intentional,
        Measure::Differentiated,
        Measure::Valuable,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Measure::Gap => "Expectation gap",
            Measure::Emotion => "Emotion",
            Measure::Quadrant => "Loose/tight quadrant",
            Measure::Consistent => "Consistent",
            Measure::Intentional => "Intentional",
            Measure::Differentiated => "Differentiated",
            Measure::Valuable => "Valuable",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Measure::Gap => "gap",
            Measure::Emotion => "emotion",
            Measure::Quadrant => "quadrant",
            Measure::Consistent => "consistent",
            Measure::Intentional => "intentional",
            Measure::Differentiated => "differentiated",
            Measure::Valuable => "valuable",
        }
    }

    pub fn from_key(key: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// A card's place on the overlay scale and the words shown for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tint {
    /// 0 (worst) to 4 (best).
    pub level: u8,
    pub text: String,
}

/// The tint of one touchpoint, or `None` when the measure is unrated there.
pub fn tint(t: &Touchpoint, m: Measure) -> Option<Tint> {
    let rating = |r: Option<Rating>, name: &str| {
        r.map(|r| Tint {
            level: r.get() - 1,
            text: format!("{name} {r}/5"),
        })
    };
    match m {
        Measure::Gap => {
            let (i, p) = (t.importance?.get(), t.performance?.get());
            let gap = i * (5 - p);
            // 0..=20, cut where workshop teams usually draw the line: 0 met, up to 4 minor,
            // up to 8 worth fixing, up to 12 serious, above that urgent.
            let level = match gap {
                0 => 4,
                1..=4 => 3,
                5..=8 => 2,
                9..=12 => 1,
                _ => 0,
            };
            Some(Tint {
                level,
                text: format!("gap {gap}"),
            })
        }
        Measure::Emotion => t.emotion.map(|e| Tint {
            level: (e.get() + 2) as u8,
            text: format!("emotion {e}"),
        }),
        Measure::Quadrant => t.quadrant().map(|q| Tint {
            level: match q {
                Quadrant::BrandedFreedom => 4,
                Quadrant::Scripted => 3,
                Quadrant::Improvised => 1,
                Quadrant::Reversed => 0,
            },
            text: q.label().to_string(),
        }),
        Measure::Consistent => rating(t.criteria.consistent, "consistent"),
        Measure::Intentional => rating(t.criteria.intentional, "intentional"),
        Measure::Differentiated => rating(t.criteria.differentiated, "differentiated"),
        Measure::Valuable => rating(t.criteria.valuable, "valuable"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tp() -> Touchpoint {
        Touchpoint::new(TouchpointId(1), "I call", StageId(1))
    }

    #[test]
    fn unrated_is_not_tinted() {
        for m in Measure::ALL {
            assert_eq!(tint(&tp(), m), None, "{m:?}");
        }
    }

    #[test]
    fn gap_levels_run_from_urgent_to_met() {
        let mut t = tp();
        t.importance = Some(Rating::new(5).unwrap());
        t.performance = Some(Rating::new(1).unwrap());
        assert_eq!(
            tint(&t, Measure::Gap),
            Some(Tint {
                level: 0,
                text: "gap 20".into()
            })
        );
        t.performance = Some(Rating::new(5).unwrap());
        assert_eq!(tint(&t, Measure::Gap).unwrap().level, 4);
        t.importance = Some(Rating::new(2).unwrap());
        t.performance = Some(Rating::new(3).unwrap());
        assert_eq!(
            tint(&t, Measure::Gap),
            Some(Tint {
                level: 3,
                text: "gap 4".into()
            })
        );
    }

    #[test]
    fn emotion_and_quadrant_and_ratings_map_onto_five_steps() {
        let mut t = tp();
        t.emotion = Some(Emotion::new(-2).unwrap());
        assert_eq!(tint(&t, Measure::Emotion).unwrap().level, 0);
        t.experience = Some(Tightness::Loose);
        t.behaviour = Some(Tightness::Tight);
        assert_eq!(
            tint(&t, Measure::Quadrant),
            Some(Tint {
                level: 0,
                text: "Reversed".into()
            })
        );
        t.criteria.valuable = Some(Rating::new(5).unwrap());
        assert_eq!(
            tint(&t, Measure::Valuable),
            Some(Tint {
                level: 4,
                text: "valuable 5/5".into()
            })
        );
    }

    #[test]
    fn keys_round_trip() {
        for m in Measure::ALL {
            assert_eq!(Measure::from_key(m.key()), Some(m));
        }
    }
}
