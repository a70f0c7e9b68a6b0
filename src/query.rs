//! Narrowing a journey down to the touchpoints someone is looking for: free text plus the
//! structural criteria a CX designer filters by (persona, channel, owner, who delivers it,
//! stage, loose/tight quadrant). Every criterion that is set must hold; unset ones pass.

use crate::model::*;

/// Who delivers the touchpoints to keep: `Brand` for our own people, or one named partner.
pub type PartnerFilter = DeliveredBy;

/// Which loose/tight quadrant to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuadrantFilter {
    Is(Quadrant),
    /// Experience or behaviour (or both) not chosen yet: the touchpoints still to be designed.
    Unset,
}

/// What to look for. The default filter keeps every touchpoint.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Words to find, in any order and any case; each must appear somewhere.
    pub text: String,
    pub persona: Option<PersonaId>,
    pub channel: Option<ChannelId>,
    pub owner: Option<DepartmentId>,
    pub partner: Option<PartnerFilter>,
    pub stage: Option<StageId>,
    pub quadrant: Option<QuadrantFilter>,
}

impl Filter {
    /// True when the filter keeps every touchpoint. Text of only spaces counts as no text,
    /// since it holds no word to look for.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.persona.is_none()
            && self.channel.is_none()
            && self.owner.is_none()
            && self.partner.is_none()
            && self.stage.is_none()
            && self.quadrant.is_none()
    }

    /// Whether `t`, a touchpoint of `j`, passes every criterion that is set.
    pub fn matches(&self, j: &Journey, t: &Touchpoint) -> bool {
        self.matches_words(j, t, &words(&self.text))
    }

    /// The cheap structural tests run first so the text of most touchpoints is never
    /// lowercased when a criterion already rules them out.
    fn matches_words(&self, j: &Journey, t: &Touchpoint, words: &[String]) -> bool {
        let persona_ok = self
            .persona
            .is_none_or(|p| t.personas.is_empty() || t.personas.contains(&p));
        let quadrant_ok = match self.quadrant {
            None => true,
            Some(QuadrantFilter::Is(q)) => t.quadrant() == Some(q),
            Some(QuadrantFilter::Unset) => t.quadrant().is_none(),
        };
        persona_ok
            && quadrant_ok
            && self.stage.is_none_or(|s| t.stage == s)
            && self.channel.is_none_or(|c| t.channel == Some(c))
            && self.owner.is_none_or(|d| t.owner == Some(d))
            && self.partner.is_none_or(|p| t.delivered_by == p)
            && (words.is_empty() || {
                let hay = haystack(j, t);
                words.iter().all(|w| hay.contains(w.as_str()))
            })
    }
}

/// The ids of the touchpoints of `j` that `f` keeps, in journey order.
pub fn matching(j: &Journey, f: &Filter) -> Vec<TouchpointId> {
    let words = words(&f.text);
    j.touchpoints
        .iter()
        .filter(|t| f.matches_words(j, t, &words))
        .map(|t| t.id)
        .collect()
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// Everything a word may be found in, lowercased, one field per line. The line breaks keep a
/// word from matching across the end of one field and the start of the next, because a
/// search word never contains whitespace.
fn haystack(j: &Journey, t: &Touchpoint) -> String {
    let mut hay = String::new();
    let mut add = |s: &str| {
        if !s.is_empty() {
            hay.push_str(&s.to_lowercase());
            hay.push('\n');
        }
    };
    for s in [
        &t.name,
        &t.description,
        &t.customer_action,
        &t.expectation,
        &t.promise_note,
        &t.proof_point,
        &t.differentiation_note,
        &t.latitude_note,
        &t.standard_note,
        &t.support.culture,
        &t.support.people,
        &t.support.process,
        &t.support.technology,
    ] {
        add(s);
    }
    for s in t.pain_points.iter().chain(&t.opportunities).chain(&t.kpis) {
        add(s);
    }
    if let Some(s) = j.stage(t.stage) {
        add(&s.name);
    }
    if let Some(c) = t.channel.and_then(|c| j.channel(c)) {
        add(&c.name);
    }
    if let Some(d) = t.owner.and_then(|d| j.department(d)) {
        add(&d.name);
    }
    if let DeliveredBy::Partner(p) = t.delivered_by {
        if let Some(p) = j.partner(p) {
            add(&p.name);
        }
    }
    // An empty persona list means the touchpoint is for everyone, so searching a persona's
    // name finds it, as the persona filter would.
    if t.personas.is_empty() {
        for p in &j.personas {
            add(&p.name);
        }
    } else {
        for p in t.personas.iter().filter_map(|&p| j.persona(p)) {
            add(&p.name);
        }
    }
    hay
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::broadband;

    fn id_of(j: &Journey, name: &str) -> TouchpointId {
        j.touchpoints
            .iter()
            .find(|t| t.name == name)
            .unwrap_or_else(|| panic!("no touchpoint named {name:?}"))
            .id
    }

    fn names(j: &Journey, f: &Filter) -> Vec<String> {
        matching(j, f)
            .into_iter()
            .map(|id| j.touchpoint(id).unwrap().name.clone())
            .collect()
    }

    fn text(s: &str) -> Filter {
        Filter {
            text: s.into(),
            ..Filter::default()
        }
    }

    /// Two stages, two channels, two departments, a partner, two personas and no
    /// touchpoints: small enough that every expected result can be listed by hand.
    struct Small {
        j: Journey,
        stages: [StageId; 2],
        channels: [ChannelId; 2],
        owners: [DepartmentId; 2],
        partner: PartnerId,
        personas: [PersonaId; 2],
        ids: IdGen,
    }

    impl Small {
        fn new() -> Small {
            let mut ids = IdGen::new(42);
            let stages = [ids.id(), ids.id()];
            let channels = [ids.id(), ids.id()];
            let owners = [ids.id(), ids.id()];
            let partner = ids.id();
            let personas = [ids.id(), ids.id()];
            let j = Journey {
                stages: vec![
                    Stage {
                        id: stages[0],
                        name: "Arrive".into(),
                        goal: String::new(),
                    },
                    Stage {
                        id: stages[1],
                        name: "Leave".into(),
                        goal: String::new(),
                    },
                ],
                channels: vec![
                    Channel {
                        id: channels[0],
                        name: "Front desk".into(),
                        kind: ChannelKind::Store,
                    },
                    Channel {
                        id: channels[1],
                        name: "Text message".into(),
                        kind: ChannelKind::Email,
                    },
                ],
                departments: vec![
                    Department {
                        id: owners[0],
                        name: "Reception".into(),
                        kind: DepartmentKind::Service,
                    },
                    Department {
                        id: owners[1],
                        name: "Housekeeping".into(),
                        kind: DepartmentKind::Operations,
                    },
                ],
                partners: vec![Partner {
                    id: partner,
                    name: "Valet Co".into(),
                    role: PartnerRole::OutsourcedSupport,
                }],
                personas: vec![
                    Persona {
                        id: personas[0],
                        name: "Business traveller".into(),
                        expectations: String::new(),
                        notes: String::new(),
                    },
                    Persona {
                        id: personas[1],
                        name: "Family on holiday".into(),
                        expectations: String::new(),
                        notes: String::new(),
                    },
                ],
                ..Journey::default()
            };
            Small {
                j,
                stages,
                channels,
                owners,
                partner,
                personas,
                ids,
            }
        }

        fn add(&mut self, name: &str, stage: usize, edit: impl FnOnce(&mut Touchpoint)) {
            let mut t = Touchpoint::new(self.ids.id(), name, self.stages[stage]);
            edit(&mut t);
            self.j.touchpoints.push(t);
        }

        fn names(&self, f: &Filter) -> Vec<String> {
            names(&self.j, f)
        }
    }

    #[test]
    fn an_empty_filter_keeps_every_touchpoint_in_order() {
        let j = broadband();
        let f = Filter::default();
        assert!(f.is_empty());
        let all: Vec<_> = j.touchpoints.iter().map(|t| t.id).collect();
        assert_eq!(matching(&j, &f), all);
        assert!(text("  \t ").is_empty(), "spaces hold no word");
        assert_eq!(matching(&j, &text("   ")), all);
    }

    #[test]
    fn any_criterion_makes_the_filter_non_empty() {
        let j = broadband();
        let set: [Filter; 7] = [
            text("x"),
            Filter {
                persona: Some(j.personas[0].id),
                ..Filter::default()
            },
            Filter {
                channel: Some(j.channels[0].id),
                ..Filter::default()
            },
            Filter {
                owner: Some(j.departments[0].id),
                ..Filter::default()
            },
            Filter {
                partner: Some(PartnerFilter::Brand),
                ..Filter::default()
            },
            Filter {
                stage: Some(j.stages[0].id),
                ..Filter::default()
            },
            Filter {
                quadrant: Some(QuadrantFilter::Unset),
                ..Filter::default()
            },
        ];
        for f in set {
            assert!(!f.is_empty(), "{f:?}");
        }
    }

    #[test]
    fn text_is_found_in_any_case_and_any_word_order() {
        let j = broadband();
        let expected = vec!["I order and pick my install date".to_string()];
        assert_eq!(names(&j, &text("PICK install")), expected);
        assert_eq!(names(&j, &text("install   pick")), expected);
        assert_eq!(names(&j, &text("Date Pick Order")), expected);
    }

    #[test]
    fn every_word_must_appear() {
        let j = broadband();
        assert!(!names(&j, &text("install")).is_empty());
        assert!(names(&j, &text("install zeppelin")).is_empty());
    }

    #[test]
    fn text_is_found_in_notes_lists_and_support() {
        type Edit = fn(&mut Touchpoint);
        let mut s = Small::new();
        let fields: [(&str, Edit); 16] = [
            ("description", |t| t.description = "Lobby quartz".into()),
            ("action", |t| {
                t.customer_action = "Rings the quartz bell".into()
            }),
            ("expectation", |t| t.expectation = "Quartz floor".into()),
            ("promise", |t| t.promise_note = "quartz".into()),
            ("proof", |t| t.proof_point = "quartz".into()),
            ("differentiation", |t| {
                t.differentiation_note = "quartz".into()
            }),
            ("latitude", |t| t.latitude_note = "quartz".into()),
            ("standard", |t| t.standard_note = "quartz".into()),
            ("pain", |t| {
                t.pain_points = vec!["a".into(), "quartz".into()]
            }),
            ("opportunity", |t| t.opportunities = vec!["quartz".into()]),
            ("kpi", |t| t.kpis = vec!["Quartz score".into()]),
            ("culture", |t| t.support.culture = "quartz".into()),
            ("people", |t| t.support.people = "quartz".into()),
            ("process", |t| t.support.process = "quartz".into()),
            ("technology", |t| t.support.technology = "quartz".into()),
            ("name quartz", |_| {}),
        ];
        for (name, edit) in fields {
            s.add(name, 0, edit);
        }
        s.add("nothing to find", 0, |t| t.description = "granite".into());
        let found = s.names(&text("QUARTZ"));
        assert_eq!(found.len(), 16, "{found:?}");
        assert!(!found.contains(&"nothing to find".to_string()));
    }

    #[test]
    fn text_is_found_in_the_names_of_what_a_touchpoint_refers_to() {
        let mut s = Small::new();
        let (ch, own, partner, persona) = (s.channels[1], s.owners[1], s.partner, s.personas[1]);
        s.add("by stage", 1, |_| {});
        s.add("by channel", 0, |t| t.channel = Some(ch));
        s.add("by owner", 0, |t| t.owner = Some(own));
        s.add("by partner", 0, |t| {
            t.delivered_by = DeliveredBy::Partner(partner)
        });
        s.add("by persona", 0, |t| t.personas = vec![persona]);
        assert_eq!(s.names(&text("leave")), ["by stage"]);
        assert_eq!(s.names(&text("text message")), ["by channel"]);
        assert_eq!(s.names(&text("housekeeping")), ["by owner"]);
        assert_eq!(s.names(&text("valet")), ["by partner"]);
        // Every touchpoint but the persona one names no persona, so is for families too.
        assert_eq!(s.names(&text("family")).len(), 5);
        assert_eq!(s.names(&text("traveller")).len(), 4);
        assert!(!s.names(&text("traveller")).contains(&"by persona".into()));
    }

    #[test]
    fn a_word_does_not_match_across_two_fields() {
        let mut s = Small::new();
        s.add("ends with pass", 0, |t| t.description = "port check".into());
        assert!(s.names(&text("passport")).is_empty());
        assert_eq!(s.names(&text("pass port")), ["ends with pass"]);
    }

    #[test]
    fn text_search_lowercases_beyond_ascii() {
        let mut s = Small::new();
        s.add("Ich zahle an der KASSE in Österreich", 0, |_| {});
        s.add("Η ΚΡΑΤΗΣΗ ΜΟΥ", 0, |t| {
            t.description = "ΟΔΟΣ".into()
        });
        s.add("Ärger", 0, |_| {});
        assert_eq!(
            s.names(&text("österreich kasse")),
            ["Ich zahle an der KASSE in Österreich"]
        );
        assert_eq!(s.names(&text("ÖSTERREICH")).len(), 1);
        // A capital sigma ending a word lowercases to the final form on both sides.
        assert_eq!(s.names(&text("κρατηση μου ΟΔΟΣ")), ["Η ΚΡΑΤΗΣΗ ΜΟΥ"]);
        assert_eq!(s.names(&text("κράτηση")).len(), 0, "accents still count");
        assert_eq!(s.names(&text("ärger")), ["Ärger"]);
        assert!(s.names(&text("arger")).is_empty());
    }

    #[test]
    fn persona_filter_keeps_that_persona_and_touchpoints_for_everyone() {
        let mut s = Small::new();
        let [traveller, family] = s.personas;
        s.add("everyone", 0, |_| {});
        s.add("traveller only", 0, |t| t.personas = vec![traveller]);
        s.add("family only", 0, |t| t.personas = vec![family]);
        s.add("both", 0, |t| t.personas = vec![family, traveller]);
        let by = |p| Filter {
            persona: Some(p),
            ..Filter::default()
        };
        assert_eq!(
            s.names(&by(traveller)),
            ["everyone", "traveller only", "both"]
        );
        assert_eq!(s.names(&by(family)), ["everyone", "family only", "both"]);
    }

    #[test]
    fn persona_filter_on_the_sample() {
        let j = broadband();
        let student = j.personas[1].id;
        let f = Filter {
            persona: Some(student),
            ..Filter::default()
        };
        let kept = names(&j, &f);
        assert!(kept.contains(&"I ask on social whether it's reliable round here".into()));
        assert!(
            kept.contains(&"I compare packages online".into()),
            "for everyone"
        );
        assert!(
            !kept.contains(&"I chat with an adviser about the speed I need".into()),
            "for the remote-working parent only"
        );
    }

    #[test]
    fn channel_owner_and_stage_filters_need_an_exact_reference() {
        let mut s = Small::new();
        let [desk, sms] = s.channels;
        let [reception, housekeeping] = s.owners;
        s.add("desk, reception", 0, |t| {
            t.channel = Some(desk);
            t.owner = Some(reception);
        });
        s.add("sms, housekeeping, leave", 1, |t| {
            t.channel = Some(sms);
            t.owner = Some(housekeeping);
        });
        s.add("no channel, no owner", 1, |_| {});
        let channel = Filter {
            channel: Some(desk),
            ..Filter::default()
        };
        let owner = Filter {
            owner: Some(housekeeping),
            ..Filter::default()
        };
        let stage = Filter {
            stage: Some(s.stages[1]),
            ..Filter::default()
        };
        assert_eq!(s.names(&channel), ["desk, reception"]);
        assert_eq!(s.names(&owner), ["sms, housekeeping, leave"]);
        assert_eq!(
            s.names(&stage),
            ["sms, housekeeping, leave", "no channel, no owner"]
        );
    }

    #[test]
    fn sample_channel_and_stage_filters() {
        let j = broadband();
        let app = j.channels.iter().find(|c| c.name == "App").unwrap().id;
        let f = Filter {
            channel: Some(app),
            ..Filter::default()
        };
        assert_eq!(
            names(&j, &f),
            [
                "I manage my account in the app",
                "I check service status in the app"
            ]
        );
        let help = j.stages.iter().find(|s| s.name == "Get help").unwrap().id;
        let f = Filter {
            stage: Some(help),
            ..Filter::default()
        };
        assert!(matching(&j, &f)
            .iter()
            .all(|&id| j.touchpoint(id).unwrap().stage == help));
        assert_eq!(matching(&j, &f).len(), j.touchpoints_in(help).count());
    }

    #[test]
    fn partner_filter_separates_brand_from_each_partner() {
        let j = broadband();
        let fibrefit = j.partners[0].id;
        let callassist = j.partners[2].id;
        let by = |p| Filter {
            partner: Some(p),
            ..Filter::default()
        };
        let fitted = matching(&j, &by(PartnerFilter::Partner(fibrefit)));
        assert_eq!(
            fitted,
            [
                id_of(&j, "Installer receives the job sheet"),
                id_of(&j, "The installer sets me up at home"),
                id_of(&j, "An engineer fixes the fault at home"),
            ]
        );
        let called = matching(&j, &by(PartnerFilter::Partner(callassist)));
        assert_eq!(called.len(), 2);
        let brand = matching(&j, &by(PartnerFilter::Brand));
        assert!(brand.contains(&id_of(&j, "I compare packages online")));
        assert!(!brand.iter().any(|id| fitted.contains(id)));
        let partnered = j
            .touchpoints
            .iter()
            .filter(|t| t.delivered_by != DeliveredBy::Brand)
            .count();
        assert_eq!(brand.len() + partnered, j.touchpoints.len());
    }

    #[test]
    fn quadrant_filter_uses_both_settings() {
        let mut s = Small::new();
        use Tightness::{Loose, Tight};
        s.add("freedom", 0, |t| {
            t.experience = Some(Tight);
            t.behaviour = Some(Loose);
        });
        s.add("reversed", 0, |t| {
            t.experience = Some(Loose);
            t.behaviour = Some(Tight);
        });
        s.add("half set", 0, |t| t.experience = Some(Tight));
        s.add("unset", 0, |_| {});
        let q = |q| Filter {
            quadrant: Some(q),
            ..Filter::default()
        };
        assert_eq!(
            s.names(&q(QuadrantFilter::Is(Quadrant::BrandedFreedom))),
            ["freedom"]
        );
        assert_eq!(
            s.names(&q(QuadrantFilter::Is(Quadrant::Reversed))),
            ["reversed"]
        );
        assert!(s
            .names(&q(QuadrantFilter::Is(Quadrant::Scripted)))
            .is_empty());
        assert_eq!(s.names(&q(QuadrantFilter::Unset)), ["half set", "unset"]);
    }

    #[test]
    fn criteria_combine_so_that_all_must_hold() {
        let j = broadband();
        let fibrefit = PartnerFilter::Partner(j.partners[0].id);
        let connect = j.stages[3].id;
        let f = Filter {
            partner: Some(fibrefit),
            stage: Some(connect),
            ..Filter::default()
        };
        assert_eq!(
            names(&j, &f),
            [
                "Installer receives the job sheet",
                "The installer sets me up at home"
            ]
        );
        let f = Filter {
            quadrant: Some(QuadrantFilter::Is(Quadrant::Improvised)),
            text: "installer".into(),
            ..f
        };
        assert_eq!(names(&j, &f), ["The installer sets me up at home"]);
        let f = Filter {
            persona: Some(j.personas[1].id),
            ..f
        };
        assert_eq!(names(&j, &f), ["The installer sets me up at home"]);
        let f = Filter {
            text: "installer zeppelin".into(),
            ..f
        };
        assert!(names(&j, &f).is_empty());
    }

    #[test]
    fn matches_agrees_with_matching() {
        let j = broadband();
        let f = Filter {
            text: "first".into(),
            partner: Some(PartnerFilter::Brand),
            ..Filter::default()
        };
        let by_one: Vec<_> = j
            .touchpoints
            .iter()
            .filter(|t| f.matches(&j, t))
            .map(|t| t.id)
            .collect();
        assert_eq!(by_one, matching(&j, &f));
        assert!(!by_one.is_empty());
    }
}
