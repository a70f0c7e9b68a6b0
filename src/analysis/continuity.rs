//! Continuity: does the brand remember the customer when they move between channels,
//! between the brand and its partners, and between departments?

use super::ctx::{list_text, Ctx};
use super::{Finding, FindingKind, Out, Severity};
use crate::model::*;

/// Every hand-off in the journey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Continuity {
    /// Transitions that change channel, deliverer or owning department, in transition order.
    pub hand_offs: Vec<HandOff>,
}

/// A transition on which the customer changes hands. Self-loops are never hand-offs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandOff {
    pub transition: TransitionId,
    pub from: TouchpointId,
    pub to: TouchpointId,
    /// Both ends have a channel and they differ. A touchpoint with no channel (a back-stage
    /// task, something the customer does alone) starts or ends no channel hand-off.
    pub channel: bool,
    /// One end is delivered by the brand and the other by a partner, or by two different
    /// partners.
    pub delivery: bool,
    /// Both ends have an owning department and they differ.
    pub department: bool,
    /// Whether what the customer already told or did travels with them.
    pub carries_context: bool,
}

impl Continuity {
    pub fn channel_hand_offs(&self) -> impl Iterator<Item = &HandOff> {
        self.hand_offs.iter().filter(|h| h.channel)
    }
    pub fn partner_hand_offs(&self) -> impl Iterator<Item = &HandOff> {
        self.hand_offs.iter().filter(|h| h.delivery)
    }
    pub fn department_hand_offs(&self) -> impl Iterator<Item = &HandOff> {
        self.hand_offs.iter().filter(|h| h.department)
    }
    /// Hand-offs of any kind that drop the customer's context.
    pub fn context_lost(&self) -> impl Iterator<Item = &HandOff> {
        self.hand_offs.iter().filter(|h| !h.carries_context)
    }
}

/// Both set and different: an unset end says nothing about a change.
fn differ<T: PartialEq>(x: Option<T>, y: Option<T>) -> bool {
    matches!((x, y), (Some(x), Some(y)) if x != y)
}

pub(super) fn analyze(cx: &Ctx, out: &mut Out) -> Continuity {
    let j = cx.j;
    // (transition, from position, to position, the hand-off)
    let mut found: Vec<(usize, usize, usize, HandOff)> = Vec::new();
    for (k, tr) in j.transitions.iter().enumerate() {
        let Some((a, b)) = cx.ends[k] else {
            continue;
        };
        if a == b {
            continue;
        }
        let h = HandOff {
            transition: tr.id,
            from: tr.from,
            to: tr.to,
            channel: differ(cx.channel[a], cx.channel[b]),
            delivery: cx.delivered_by[a] != cx.delivered_by[b],
            department: differ(cx.owner[a], cx.owner[b]),
            carries_context: tr.carries_context,
        };
        if h.channel || h.delivery || h.department {
            found.push((k, a, b, h));
        }
    }

    // A large journey has thousands of these, so the text is assembled by appending rather
    // than through `format!`, which was a quarter of the whole analysis.
    for (_, a, b, h) in found.iter().filter(|f| !f.3.carries_context) {
        let (a, b) = (*a, *b);
        let (from, to) = (cx.name(a), cx.name(b));
        let moves = [
            h.channel.then(|| {
                [
                    cx.channel_name(a).unwrap_or_default(),
                    cx.channel_name(b).unwrap_or_default(),
                ]
            }),
            h.delivery.then(|| [deliverer(cx, a), deliverer(cx, b)]),
            h.department.then(|| {
                [
                    cx.department_name(a).unwrap_or_default(),
                    cx.department_name(b).unwrap_or_default(),
                ]
            }),
        ];
        let title = concat(&["Hand-off loses the customer's context: ", from, " → ", to]);
        // At most 5 + 3 x 4 + 1 pieces; a fixed array saves an allocation per finding.
        let mut parts = [""; 18];
        parts[..5].copy_from_slice(&["Between \"", from, "\" and \"", to, "\" the customer moves"]);
        let mut len = 5;
        for (n, [x, y]) in moves.iter().flatten().enumerate() {
            let joint = if n == 0 { " from " } else { " and from " };
            parts[len..len + 4].copy_from_slice(&[joint, x, " to ", y]);
            len += 4;
        }
        parts[len] = ", and what they already told or did does not travel with them. Expect them \
                      to repeat themselves.";
        let detail = concat(&parts[..=len]);
        let place = cx.first_place(&[a, b]);
        out.push((
            Finding {
                kind: FindingKind::ContextLost,
                severity: Severity::Problem,
                title,
                detail,
                touchpoints: vec![h.from, h.to],
                transitions: vec![h.transition],
            },
            place,
        ));
    }

    let summary = |kind, which: &dyn Fn(&HandOff) -> bool, what: [&str; 2], why: &str| {
        let hits: Vec<&(usize, usize, usize, HandOff)> =
            found.iter().filter(|f| which(&f.3)).collect();
        if hits.is_empty() {
            return None;
        }
        let lost = hits.iter().filter(|f| !f.3.carries_context).count();
        let mut involved = vec![false; cx.order.len()];
        for f in &hits {
            involved[f.1] = true;
            involved[f.2] = true;
        }
        let positions = cx.select(|i, _| involved[i]);
        let place = cx.first_place(&positions);
        Some((
            Finding {
                kind,
                severity: Severity::Info,
                title: format!(
                    "{} {}, {} without the customer's context",
                    hits.len(),
                    what[usize::from(hits.len() != 1)],
                    lost
                ),
                detail: format!(
                    "{why} {}.",
                    list_text(
                        hits.iter()
                            .map(|f| format!("{} → {}", cx.name(f.1), cx.name(f.2)))
                    )
                ),
                touchpoints: cx.ids(&positions),
                transitions: hits.iter().map(|f| f.3.transition).collect(),
            },
            place,
        ))
    };
    out.extend(summary(
        FindingKind::ChannelHandOffs,
        &|h| h.channel,
        ["channel hand-off", "channel hand-offs"],
        "The customer changes channel here and expects the brand to know what they just did:",
    ));
    out.extend(summary(
        FindingKind::PartnerHandOffs,
        &|h| h.delivery,
        [
            "hand-off between the brand and a partner",
            "hand-offs between the brand and partners",
        ],
        "The brand can contract out the task, never the responsibility:",
    ));
    out.extend(summary(
        FindingKind::DepartmentHandOffs,
        &|h| h.department,
        [
            "hand-off between departments",
            "hand-offs between departments",
        ],
        "The customer sees one company while the work changes owner:",
    ));

    Continuity {
        hand_offs: found.into_iter().map(|f| f.3).collect(),
    }
}

fn deliverer<'a>(cx: &Ctx<'a>, i: usize) -> &'a str {
    match cx.delivered_by[i] {
        DeliveredBy::Brand => "the brand",
        DeliveredBy::Partner(p) => {
            cx.j.partner(p)
                .map_or("an unknown partner", |p| p.name.as_str())
        }
    }
}

fn concat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}
