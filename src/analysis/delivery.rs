//! Delivery: who owns each touchpoint, who delivers it, and what back-stage support it has.

use super::ctx::{count, list_text, Ctx, IdMap};
use super::{Finding, FindingKind, Out, Severity};
use crate::model::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// One entry per department, in the journey's order, including departments that own
    /// nothing.
    pub owners: Vec<OwnerLoad>,
    /// Touchpoints with no owner, or an owner that no longer exists.
    pub unowned: Vec<TouchpointId>,
    /// Touchpoints the brand delivers with its own people.
    pub brand_delivered: Vec<TouchpointId>,
    /// One entry per partner, in the journey's order, including partners that deliver nothing.
    pub partners: Vec<PartnerLoad>,
    /// Touchpoints with no support note from any of the four enablers (culture, people,
    /// process, technology).
    pub without_support: Vec<TouchpointId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerLoad {
    pub department: DepartmentId,
    pub touchpoints: Vec<TouchpointId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerLoad {
    pub partner: PartnerId,
    pub touchpoints: Vec<TouchpointId>,
}

pub(super) fn analyze(cx: &Ctx, out: &mut Out) -> Delivery {
    let j = cx.j;
    // One pass sorts every touchpoint into its department's and deliverer's lists.
    let dept_pos: IdMap<DepartmentId, usize> = j
        .departments
        .iter()
        .enumerate()
        .map(|(k, d)| (d.id, k))
        .collect();
    let partner_pos: IdMap<PartnerId, usize> = j
        .partners
        .iter()
        .enumerate()
        .map(|(k, p)| (p.id, k))
        .collect();
    let mut owned = vec![Vec::new(); j.departments.len()];
    let mut delivered = vec![Vec::new(); j.partners.len()];
    let (mut unowned, mut brand, mut all_owned) = (Vec::new(), Vec::new(), Vec::new());
    let mut without_support = Vec::new();
    for &i in &cx.order {
        let t = cx.tp(i);
        match t.owner.and_then(|d| dept_pos.get(&d)) {
            Some(&k) => {
                owned[k].push(i);
                all_owned.push(i);
            }
            None => unowned.push(i),
        }
        if t.support.is_empty() {
            without_support.push(i);
        }
        match t.delivered_by {
            DeliveredBy::Brand => brand.push(i),
            DeliveredBy::Partner(p) => {
                if let Some(&k) = partner_pos.get(&p) {
                    delivered[k].push(i);
                }
            }
        }
    }

    let list = |kind, severity, title: String, detail: String, tps: &[usize]| {
        let f = Finding {
            kind,
            severity,
            title,
            detail,
            touchpoints: cx.ids(tps),
            transitions: Vec::new(),
        };
        (f, cx.first_place(tps))
    };
    if !unowned.is_empty() {
        out.push(list(
            FindingKind::Unowned,
            Severity::Warning,
            format!("No owner: {}", count(unowned.len(), "touchpoint")),
            format!(
                "Every touchpoint needs a department that answers for it: {}.",
                cx.names(&unowned)
            ),
            &unowned,
        ));
    }
    if !j.departments.is_empty() {
        let loads = j
            .departments
            .iter()
            .zip(&owned)
            .map(|(d, tps)| format!("{} {}", d.name, tps.len()));
        out.push(list(
            FindingKind::Owners,
            Severity::Info,
            "Who owns the touchpoints".to_string(),
            format!(
                "Touchpoints per department: {}; no owner {}.",
                list_text(loads).replace("; ", ", "),
                unowned.len()
            ),
            &all_owned,
        ));
    }
    for (p, tps) in j.partners.iter().zip(&delivered) {
        if tps.is_empty() {
            continue;
        }
        out.push(list(
            FindingKind::PartnerDelivered,
            Severity::Info,
            format!("{} delivers {}", p.name, count(tps.len(), "touchpoint")),
            format!(
                "The brand can contract out the task, never the responsibility: {}.",
                cx.names(tps)
            ),
            tps,
        ));
    }
    if !without_support.is_empty() {
        out.push(list(
            FindingKind::NoSupportNote,
            Severity::Warning,
            format!(
                "No back-stage support noted: {}",
                count(without_support.len(), "touchpoint")
            ),
            format!(
                "Nothing says what culture, people, process or technology these need to deliver \
                 the experience: {}.",
                cx.names(&without_support)
            ),
            &without_support,
        ));
    }

    Delivery {
        owners: j
            .departments
            .iter()
            .zip(&owned)
            .map(|(d, tps)| OwnerLoad {
                department: d.id,
                touchpoints: cx.ids(tps),
            })
            .collect(),
        unowned: cx.ids(&unowned),
        brand_delivered: cx.ids(&brand),
        partners: j
            .partners
            .iter()
            .zip(&delivered)
            .map(|(p, tps)| PartnerLoad {
                partner: p.id,
                touchpoints: cx.ids(tps),
            })
            .collect(),
        without_support: cx.ids(&without_support),
    }
}
