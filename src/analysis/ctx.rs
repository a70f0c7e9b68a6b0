//! What every diagnostic needs to know about a journey: where each touchpoint sits in reading
//! order, and how to name things in a finding.

use crate::model::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Ids are already uniformly random 64-bit values, so hashing them again with SipHash buys
/// nothing; on a 10,000-touchpoint journey the lookups were a tenth of the running time.
/// A multiply spreads the bits of ids that a test writes by hand (1, 2, 3...).
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

pub(crate) struct Ctx<'a> {
    pub j: &'a Journey,
    /// Each transition's ends as touchpoint positions, `None` when an end is missing.
    /// Resolved once here so no diagnostic looks ids up per transition.
    pub ends: Vec<Option<(usize, usize)>>,
    /// Stage position of each touchpoint, `None` when its stage is missing.
    pub stage_of: Vec<Option<usize>>,
    /// Touchpoint positions in reading order: by stage, then by position in the list.
    /// Touchpoints whose stage is missing come after every stage (validation reports them).
    pub order: Vec<usize>,
    /// Each touchpoint's place in `order`: comparing places compares reading order.
    pub place: Vec<usize>,
    /// Each touchpoint's channel, deliverer and owner, copied into small arrays: the hand-off
    /// check reads them for both ends of every transition, and jumping between touchpoints
    /// scattered over megabytes missed the cache on nearly every read.
    pub channel: Vec<Option<ChannelId>>,
    pub delivered_by: Vec<DeliveredBy>,
    pub owner: Vec<Option<DepartmentId>>,
    /// Whether the customer sees the touchpoint (above the line of visibility). A touchpoint
    /// with no lane counts as seen: nobody has said it is back stage.
    pub visible: Vec<bool>,
}

impl<'a> Ctx<'a> {
    pub fn new(j: &'a Journey) -> Self {
        let stages: IdMap<StageId, usize> = j
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        let lanes: IdMap<LaneId, LaneKind> = j.lanes.iter().map(|l| (l.id, l.kind)).collect();
        // One pass over the touchpoints, which on a large journey span many megabytes.
        let n = j.touchpoints.len();
        let mut index: IdMap<TouchpointId, usize> = IdMap::default();
        index.reserve(n);
        let (mut stage_of, mut visible) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let (mut channel, mut delivered_by, mut owner) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for (i, t) in j.touchpoints.iter().enumerate() {
            index.insert(t.id, i);
            channel.push(t.channel);
            delivered_by.push(t.delivered_by);
            owner.push(t.owner);
            stage_of.push(stages.get(&t.stage).copied());
            visible.push(
                t.lane
                    .and_then(|l| lanes.get(&l))
                    .is_none_or(|k| k.visible_to_customer()),
            );
        }
        let ends = j
            .transitions
            .iter()
            .map(|tr| Some((*index.get(&tr.from)?, *index.get(&tr.to)?)))
            .collect();
        let mut order: Vec<usize> = (0..j.touchpoints.len()).collect();
        let n_stages = j.stages.len();
        order.sort_by_key(|&i| (stage_of[i].unwrap_or(n_stages), i));
        let mut place = vec![0; order.len()];
        for (p, &i) in order.iter().enumerate() {
            place[i] = p;
        }
        Ctx {
            j,
            ends,
            stage_of,
            order,
            place,
            channel,
            delivered_by,
            owner,
            visible,
        }
    }

    pub fn tp(&self, i: usize) -> &'a Touchpoint {
        &self.j.touchpoints[i]
    }

    pub fn id(&self, i: usize) -> TouchpointId {
        self.j.touchpoints[i].id
    }

    /// Touchpoint positions, in reading order, that satisfy `keep`.
    pub fn select(&self, mut keep: impl FnMut(usize, &Touchpoint) -> bool) -> Vec<usize> {
        self.order
            .iter()
            .copied()
            .filter(|&i| keep(i, &self.j.touchpoints[i]))
            .collect()
    }

    /// Where a finding about these touchpoints sits in reading order: its earliest one.
    pub fn first_place(&self, positions: &[usize]) -> usize {
        positions
            .iter()
            .map(|&i| self.place[i])
            .min()
            .unwrap_or(usize::MAX)
    }

    pub fn ids(&self, positions: &[usize]) -> Vec<TouchpointId> {
        positions.iter().map(|&i| self.id(i)).collect()
    }

    /// A touchpoint's name as a reader sees it; an unnamed card still needs a handle.
    /// Trimmed when asked for, not up front: reading every name's text costs a cache miss per
    /// touchpoint on a large journey, and most names never appear in a finding.
    pub fn name(&self, i: usize) -> &'a str {
        match self.j.touchpoints[i].name.trim() {
            "" => "(unnamed touchpoint)",
            name => name,
        }
    }

    pub fn stage_name(&self, stage: usize) -> &'a str {
        &self.j.stages[stage].name
    }

    /// Quoted names for a finding's detail. Long lists are cut so a finding about thousands
    /// of touchpoints stays readable; the finding's touchpoint list still holds them all.
    pub fn names(&self, positions: &[usize]) -> String {
        list_text(positions.iter().map(|&i| format!("\"{}\"", self.name(i))))
    }

    pub fn channel_name(&self, i: usize) -> Option<&'a str> {
        self.channel[i]
            .and_then(|c| self.j.channel(c))
            .map(|c| c.name.as_str())
    }

    pub fn department_name(&self, i: usize) -> Option<&'a str> {
        self.owner[i]
            .and_then(|d| self.j.department(d))
            .map(|d| d.name.as_str())
    }
}

/// How many names a finding's text spells out before saying "and N more".
const NAMES_SHOWN: usize = 8;

/// Joins items with "; ", naming at most [`NAMES_SHOWN`] of them.
pub(crate) fn list_text(items: impl ExactSizeIterator<Item = String>) -> String {
    let total = items.len();
    let mut text: Vec<String> = items.take(NAMES_SHOWN).collect();
    if total > NAMES_SHOWN {
        text.push(format!("and {} more", total - NAMES_SHOWN));
    }
    text.join("; ")
}

/// "1 touchpoint", "3 touchpoints".
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
