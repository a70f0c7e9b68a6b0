//! Copy and paste of touchpoints, within a journey and between journeys.
//!
//! A copied touchpoint travels with the names of what it refers to (stage, channel, lane,
//! owner, partner, personas), because ids differ between journeys: pasting into another
//! journey finds each by id first, then by name, and leaves out what it cannot find.

use crate::model::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Copied {
    pub touchpoint: Touchpoint,
    pub stage: String,
    #[serde(default)]
    pub channel: Option<String>,
    #[serde(default)]
    pub lane: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub partner: Option<String>,
    #[serde(default)]
    pub personas: Vec<String>,
}

/// The touchpoints of `ids`, in journey order, ready to paste anywhere.
pub fn copy(j: &Journey, ids: &[TouchpointId]) -> Vec<Copied> {
    j.touchpoints
        .iter()
        .filter(|t| ids.contains(&t.id))
        .map(|t| Copied {
            touchpoint: t.clone(),
            stage: j.stage(t.stage).map(|s| s.name.clone()).unwrap_or_default(),
            channel: t.channel.and_then(|c| j.channel(c)).map(|c| c.name.clone()),
            lane: t.lane.and_then(|l| j.lane(l)).map(|l| l.name.clone()),
            owner: t
                .owner
                .and_then(|d| j.department(d))
                .map(|d| d.name.clone()),
            partner: match t.delivered_by {
                DeliveredBy::Partner(p) => j.partner(p).map(|p| p.name.clone()),
                DeliveredBy::Brand => None,
            },
            personas: t
                .personas
                .iter()
                .filter_map(|p| j.persona(*p))
                .map(|p| p.name.clone())
                .collect(),
        })
        .collect()
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Finds an entity of `items` by id, then by name.
fn find<T, I: Copy + PartialEq>(
    items: &[T],
    id: Option<I>,
    name: Option<&str>,
    id_of: impl Fn(&T) -> I,
    name_of: impl Fn(&T) -> &str,
) -> Option<I> {
    id.and_then(|id| items.iter().find(|x| id_of(x) == id).map(&id_of))
        .or_else(|| {
            let name = name?;
            items
                .iter()
                .find(|x| same_name(name_of(x), name))
                .map(&id_of)
        })
}

/// What pasting left out, in words, so the user can be told.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Dropped(pub Vec<String>);

/// The copied touchpoint as it would be in `j`, under a fresh id: references found by id or
/// name, the stage falling back to the first one. `None` when `j` has no stage at all.
pub fn rehome(
    j: &Journey,
    c: &Copied,
    id: TouchpointId,
    dropped: &mut Dropped,
) -> Option<Touchpoint> {
    let first = j.stages.first()?.id;
    let src = &c.touchpoint;
    let mut t = src.clone();
    t.id = id;
    t.stage = find(
        &j.stages,
        Some(src.stage),
        Some(&c.stage),
        |s| s.id,
        |s| &s.name,
    )
    .unwrap_or_else(|| {
        dropped.0.push(format!("stage \"{}\"", c.stage));
        first
    });
    let mut keep = |what: &str, name: &Option<String>, found: bool| {
        if !found {
            if let Some(n) = name {
                dropped.0.push(format!("{what} \"{n}\""));
            }
        }
    };
    t.channel = find(
        &j.channels,
        src.channel,
        c.channel.as_deref(),
        |x| x.id,
        |x| &x.name,
    );
    keep(
        "channel",
        &c.channel,
        t.channel.is_some() || src.channel.is_none(),
    );
    t.lane = find(&j.lanes, src.lane, c.lane.as_deref(), |x| x.id, |x| &x.name);
    keep("lane", &c.lane, t.lane.is_some() || src.lane.is_none());
    t.owner = find(
        &j.departments,
        src.owner,
        c.owner.as_deref(),
        |x| x.id,
        |x| &x.name,
    );
    keep("owner", &c.owner, t.owner.is_some() || src.owner.is_none());
    t.delivered_by = match src.delivered_by {
        DeliveredBy::Brand => DeliveredBy::Brand,
        DeliveredBy::Partner(p) => {
            match find(
                &j.partners,
                Some(p),
                c.partner.as_deref(),
                |x| x.id,
                |x| &x.name,
            ) {
                Some(p) => DeliveredBy::Partner(p),
                None => {
                    keep("partner", &c.partner, false);
                    DeliveredBy::Brand
                }
            }
        }
    };
    t.personas = src
        .personas
        .iter()
        .zip(c.personas.iter().map(Some).chain(std::iter::repeat(None)))
        .filter_map(|(p, name)| {
            let found = find(
                &j.personas,
                Some(*p),
                name.map(String::as_str),
                |x| x.id,
                |x| &x.name,
            );
            if found.is_none() {
                if let Some(n) = name {
                    dropped.0.push(format!("persona \"{n}\""));
                }
            }
            found
        })
        .collect();
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;
    use crate::templates;

    fn named<'a>(j: &'a Journey, name: &str) -> &'a Touchpoint {
        j.touchpoints.iter().find(|t| t.name == name).unwrap()
    }

    #[test]
    fn within_a_journey_everything_is_kept_by_id() {
        let j = sample::broadband();
        let t = named(&j, "The installer sets me up at home");
        let c = copy(&j, &[t.id]);
        let mut dropped = Dropped::default();
        let pasted = rehome(&j, &c[0], TouchpointId(1), &mut dropped).unwrap();
        assert_eq!(pasted.id, TouchpointId(1));
        assert_eq!(
            (pasted.stage, pasted.channel, pasted.lane, pasted.owner),
            (t.stage, t.channel, t.lane, t.owner)
        );
        assert_eq!(pasted.delivered_by, t.delivered_by);
        assert_eq!(dropped, Dropped::default());
    }

    #[test]
    fn into_another_journey_references_are_found_by_name_and_the_rest_reported() {
        let from = sample::broadband();
        let to = templates::blank(5);
        let t = named(&from, "I order and pick my install date");
        let c = copy(&from, &[t.id]);
        let mut dropped = Dropped::default();
        let pasted = rehome(&to, &c[0], TouchpointId(9), &mut dropped).unwrap();
        let stage = to.stage(pasted.stage).unwrap();
        assert_eq!(
            stage.name, "Buy",
            "the blank journey's own Buy stage, found by name"
        );
        assert_eq!(to.channel(pasted.channel.unwrap()).unwrap().name, "Website");
        assert_eq!(to.lane(pasted.lane.unwrap()).unwrap().name, "Front stage");
        assert_eq!(to.department(pasted.owner.unwrap()).unwrap().name, "Sales");
        assert!(dropped.0.is_empty(), "{:?}", dropped.0);

        // A partner the other journey does not have is dropped, and said.
        let install = named(&from, "The installer sets me up at home");
        let c = copy(&from, &[install.id]);
        let mut dropped = Dropped::default();
        let pasted = rehome(&to, &c[0], TouchpointId(10), &mut dropped).unwrap();
        assert_eq!(pasted.delivered_by, DeliveredBy::Brand);
        assert!(
            dropped
                .0
                .contains(&"partner \"FibreFit Installations\"".to_string()),
            "{:?}",
            dropped.0
        );
        assert!(crate::format::validate(&{
            let mut j = to.clone();
            j.touchpoints.push(pasted);
            j
        })
        .is_empty());
    }

    #[test]
    fn nothing_can_be_pasted_where_there_is_no_stage() {
        let from = sample::broadband();
        let c = copy(&from, &[from.touchpoints[0].id]);
        assert!(rehome(
            &Journey::default(),
            &c[0],
            TouchpointId(1),
            &mut Dropped::default()
        )
        .is_none());
    }
}
