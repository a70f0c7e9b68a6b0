use super::*;
use crate::format::validate;
use crate::sample::broadband;

/// Applies a command that must succeed and leave a valid journey.
fn ok(j: &mut Journey, cmd: Command) -> Change {
    let change = apply(j, &cmd).unwrap_or_else(|e| panic!("{cmd:?} refused: {e}"));
    assert_eq!(validate(j), vec![], "after {cmd:?}");
    change
}

/// Applies a command that must be refused, checks nothing changed, returns the message.
fn refused(j: &Journey, cmd: Command) -> String {
    let mut copy = j.clone();
    let err = apply(&mut copy, &cmd).expect_err("expected a refusal");
    assert_eq!(&copy, j, "a refused command changed the journey");
    err.to_string()
}

fn tp(j: &Journey, i: usize) -> TouchpointId {
    j.touchpoints[i].id
}

fn set(id: TouchpointId, field: TouchpointField) -> Command {
    Command::SetTouchpointField { id, field }
}

fn new_touchpoint(j: &Journey, id: u64) -> Touchpoint {
    Touchpoint::new(TouchpointId(id), "I read the FAQ", j.stages[0].id)
}

const MISSING: u64 = 0x00ab_cdef_0000_0001;

// --- touchpoints ----------------------------------------------------------------------

#[test]
fn add_touchpoint_appends_it() {
    let mut j = broadband();
    let t = new_touchpoint(&j, 0x99);
    let change = ok(
        &mut j,
        Command::AddTouchpoint {
            touchpoint: Box::new(t.clone()),
        },
    );
    assert_eq!(change.added_touchpoints, vec![t.id]);
    assert_eq!(j.touchpoints.last(), Some(&t));
}

#[test]
fn add_touchpoint_refusals() {
    let j = broadband();
    let mut t = new_touchpoint(&j, 0x99);
    t.id = tp(&j, 3);
    assert_eq!(
        refused(
            &j,
            Command::AddTouchpoint {
                touchpoint: Box::new(t)
            }
        ),
        format!("a touchpoint with id {} already exists", tp(&j, 3))
    );
    let mut t = new_touchpoint(&j, 0x99);
    t.stage = StageId(MISSING);
    assert_eq!(
        refused(
            &j,
            Command::AddTouchpoint {
                touchpoint: Box::new(t)
            }
        ),
        "no stage with id 00abcdef00000001"
    );
    let mut t = new_touchpoint(&j, 0x99);
    t.name = " ".into();
    assert_eq!(
        refused(
            &j,
            Command::AddTouchpoint {
                touchpoint: Box::new(t)
            }
        ),
        "a touchpoint needs a name"
    );
    let mut t = new_touchpoint(&j, 0x99);
    t.description = "d".repeat(MAX_TEXT_CHARS + 1);
    assert_eq!(
        refused(
            &j,
            Command::AddTouchpoint {
                touchpoint: Box::new(t)
            }
        ),
        "description is 10,001 characters long; the limit is 10,000"
    );
}

#[test]
fn add_touchpoint_refuses_past_the_touchpoint_limit() {
    let mut j = broadband();
    let stage = j.stages[0].id;
    while j.touchpoints.len() < MAX_TOUCHPOINTS {
        let id = TouchpointId(j.touchpoints.len() as u64 + 1);
        j.touchpoints.push(Touchpoint::new(id, "T", stage));
    }
    let t = new_touchpoint(&j, u64::MAX);
    assert_eq!(
        refused(
            &j,
            Command::AddTouchpoint {
                touchpoint: Box::new(t)
            }
        ),
        "touchpoints would have 20,001 entries; the limit is 20,000"
    );
}

/// A valid new value for every touchpoint field, different from the sample's first touchpoint.
fn every_field(j: &Journey) -> Vec<TouchpointField> {
    use TouchpointField as F;
    let r = |v| Some(Rating::new(v).unwrap());
    vec![
        F::Name("I look up coverage".into()),
        F::Stage(j.stages[1].id),
        F::Description("Checked on a phone".into()),
        F::Channel(Some(j.channels[1].id)),
        F::Lane(None),
        F::DeliveredBy(DeliveredBy::Partner(j.partners[0].id)),
        F::Owner(None),
        F::CustomerAction("Taps the map".into()),
        F::Expectation("Instant answer".into()),
        F::Performance(r(1)),
        F::Importance(None),
        F::Emotion(Some(Emotion::new(-2).unwrap())),
        F::MomentOfTruth(true),
        F::JourneyEnd(true),
        F::PromiseNote("Honest speeds".into()),
        F::ProofPoint("Guaranteed minimum".into()),
        F::DifferentiationNote("Nobody else does it".into()),
        F::Parity(true),
        F::Experience(None),
        F::Behaviour(Some(Tightness::Loose)),
        F::LatitudeNote("Agents may waive fees".into()),
        F::StandardNote("Always the real speed".into()),
        F::Consistent(r(1)),
        F::Intentional(r(2)),
        F::Differentiated(None),
        F::Valuable(r(5)),
        F::SupportCulture("Honesty rewarded".into()),
        F::SupportPeople("Trained".into()),
        F::SupportProcess("Daily refresh".into()),
        F::SupportTechnology("Line database".into()),
        F::PainPoints(vec![]),
        F::Opportunities(vec!["Save the result".into(), "Email it".into()]),
        F::Kpis(vec!["CES".into()]),
        F::Evidence(Some(Evidence::Assumption)),
        F::Personas(vec![j.personas[1].id, j.personas[0].id]),
        F::Position(Some(Position { x: 10.5, y: -3.0 })),
    ]
}

#[test]
fn every_touchpoint_field_can_be_set_and_setting_it_again_changes_nothing() {
    let mut j = broadband();
    let id = tp(&j, 0);
    let fields = every_field(&j);
    let names: HashSet<&str> = fields.iter().map(TouchpointField::name).collect();
    assert_eq!(names.len(), fields.len(), "one value per field");
    for field in fields {
        let before = j.touchpoints[0].clone();
        let change = ok(&mut j, set(id, field.clone()));
        assert_eq!(change, Change::touchpoint(id), "{field:?}");
        assert_ne!(j.touchpoints[0], before, "{field:?} changed nothing");
        let again = ok(&mut j, set(id, field.clone()));
        assert!(again.is_empty(), "{field:?} set twice");
    }
}

#[test]
fn set_touchpoint_field_refusals() {
    use TouchpointField as F;
    let j = broadband();
    let id = tp(&j, 0);
    let p = j.personas[0].id;
    let cases: Vec<(Command, String)> = vec![
        (
            set(TouchpointId(MISSING), F::Parity(true)),
            "no touchpoint with id 00abcdef00000001".into(),
        ),
        (
            set(id, F::Stage(StageId(MISSING))),
            "no stage with id 00abcdef00000001".into(),
        ),
        (
            set(id, F::Channel(Some(ChannelId(MISSING)))),
            "no channel with id 00abcdef00000001".into(),
        ),
        (
            set(id, F::Lane(Some(LaneId(MISSING)))),
            "no lane with id 00abcdef00000001".into(),
        ),
        (
            set(id, F::Owner(Some(DepartmentId(MISSING)))),
            "no department with id 00abcdef00000001".into(),
        ),
        (
            set(id, F::DeliveredBy(DeliveredBy::Partner(PartnerId(MISSING)))),
            "no partner with id 00abcdef00000001".into(),
        ),
        (
            set(id, F::Personas(vec![PersonaId(MISSING)])),
            "no persona with id 00abcdef00000001".into(),
        ),
        (
            set(id, F::Personas(vec![p, p])),
            format!("persona {p} is listed twice"),
        ),
        (
            set(id, F::Name("".into())),
            "a touchpoint needs a name".into(),
        ),
        (
            set(id, F::Name("n".repeat(MAX_NAME_CHARS + 1))),
            "name is 501 characters long; the limit is 500".into(),
        ),
        (
            set(id, F::SupportPeople("p".repeat(MAX_TEXT_CHARS + 1))),
            "support.people is 10,001 characters long; the limit is 10,000".into(),
        ),
        (
            set(
                id,
                F::PainPoints(vec!["ok".into(), "p".repeat(MAX_ITEM_CHARS + 1)]),
            ),
            "pain_points[1] is 2,001 characters long; the limit is 2,000".into(),
        ),
        (
            set(id, F::Kpis(vec!["NPS".into(); MAX_LIST_ITEMS + 1])),
            "kpis would have 1,001 entries; the limit is 1,000".into(),
        ),
        (
            set(
                id,
                F::Position(Some(Position {
                    x: f64::INFINITY,
                    y: 0.0,
                })),
            ),
            "a position needs coordinates between -1,000,000,000 and 1,000,000,000".into(),
        ),
    ];
    for (cmd, message) in cases {
        assert_eq!(refused(&j, cmd.clone()), message, "{cmd:?}");
    }
}

/// Whole-touchpoint checks (adding) and single-field checks (editing) are written twice for
/// speed; they must refuse the same values with the same message.
#[test]
fn whole_and_single_field_checks_agree() {
    use TouchpointField as F;
    let j = broadband();
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    let bad = vec![
        F::Name("".into()),
        F::Name("n".repeat(MAX_NAME_CHARS + 1)),
        F::Stage(StageId(MISSING)),
        F::Channel(Some(ChannelId(MISSING))),
        F::Lane(Some(LaneId(MISSING))),
        F::Owner(Some(DepartmentId(MISSING))),
        F::DeliveredBy(DeliveredBy::Partner(PartnerId(MISSING))),
        F::Description(long.clone()),
        F::CustomerAction(long.clone()),
        F::Expectation(long.clone()),
        F::PromiseNote(long.clone()),
        F::ProofPoint(long.clone()),
        F::DifferentiationNote(long.clone()),
        F::LatitudeNote(long.clone()),
        F::StandardNote(long.clone()),
        F::SupportCulture(long.clone()),
        F::SupportPeople(long.clone()),
        F::SupportProcess(long.clone()),
        F::SupportTechnology(long),
        F::PainPoints(vec!["p".repeat(MAX_ITEM_CHARS + 1)]),
        F::Opportunities(vec!["o".into(); MAX_LIST_ITEMS + 1]),
        F::Kpis(vec!["k".repeat(MAX_ITEM_CHARS + 1)]),
        F::Personas(vec![PersonaId(MISSING)]),
        F::Position(Some(Position {
            x: 0.0,
            y: f64::NAN,
        })),
    ];
    for field in bad {
        let edit = refused(&j, set(tp(&j, 0), field.clone()));
        let mut t = new_touchpoint(&j, 0x99);
        field.clone().write(&mut t);
        let add = refused(
            &j,
            Command::AddTouchpoint {
                touchpoint: Box::new(t),
            },
        );
        assert_eq!(edit, add, "{field:?}");
    }
}

#[test]
fn move_touchpoint_changes_stage_lane_and_position() {
    let mut j = broadband();
    let id = tp(&j, 0);
    let (stage, lane) = (j.stages[3].id, j.lanes[2].id);
    let at = Some(Position { x: 1.0, y: 2.0 });
    let change = ok(
        &mut j,
        Command::MoveTouchpoint {
            id,
            stage,
            lane: Some(lane),
            position: at,
            place: Place::Keep,
        },
    );
    assert_eq!(change, Change::touchpoint(id));
    let t = &j.touchpoints[0];
    assert_eq!((t.stage, t.lane, t.position), (stage, Some(lane), at));
}

#[test]
fn positions_are_snapped_to_hundredths_and_bounded() {
    let mut j = broadband();
    let t = j.touchpoints[0].clone();
    let mv = |x: f64, y: f64| Command::MoveTouchpoint {
        id: t.id,
        stage: t.stage,
        lane: t.lane,
        position: Some(Position { x, y }),
        place: Place::Keep,
    };
    ok(&mut j, mv(-239060.00508955918, 0.125000001));
    assert_eq!(
        j.touchpoints[0].position,
        Some(Position {
            x: -239060.01,
            y: 0.13
        })
    );
    // What a drag leaves behind must survive a save and a load exactly.
    let loaded = crate::format::load(&crate::format::save(&j)).unwrap();
    assert_eq!(loaded, j);
    assert_eq!(
        refused(&j, mv(1e10, 0.0)),
        "a position needs coordinates between -1,000,000,000 and 1,000,000,000"
    );
}

#[test]
fn move_touchpoint_reorders_by_place() {
    let mut j = broadband();
    let ids: Vec<_> = j.touchpoints.iter().map(|t| t.id).collect();
    let t = j.touchpoints[1].clone();
    let mv = |place| Command::MoveTouchpoint {
        id: t.id,
        stage: t.stage,
        lane: t.lane,
        position: t.position,
        place,
    };
    let change = ok(&mut j, mv(Place::Before(ids[4])));
    assert!(change.touchpoint_order);
    assert_eq!(j.touchpoints[3].id, t.id);
    assert_eq!(j.touchpoints[4].id, ids[4]);
    ok(&mut j, mv(Place::Last));
    assert_eq!(j.touchpoints.last().unwrap().id, t.id);
    ok(&mut j, mv(Place::Before(ids[0])));
    assert_eq!(j.touchpoints[0].id, t.id);
    // Before itself, or Keep with nothing new: nothing to do.
    assert!(ok(&mut j, mv(Place::Before(t.id))).is_empty());
    assert!(ok(&mut j, mv(Place::Keep)).is_empty());
    let mut sorted: Vec<_> = j.touchpoints.iter().map(|t| t.id).collect();
    sorted.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(sorted, expected, "nothing lost or duplicated");
}

#[test]
fn move_touchpoint_refusals() {
    let j = broadband();
    let t = &j.touchpoints[0];
    let mv = |stage, lane, place| Command::MoveTouchpoint {
        id: t.id,
        stage,
        lane,
        position: None,
        place,
    };
    assert_eq!(
        refused(&j, mv(StageId(MISSING), None, Place::Keep)),
        "no stage with id 00abcdef00000001"
    );
    assert_eq!(
        refused(&j, mv(t.stage, Some(LaneId(MISSING)), Place::Keep)),
        "no lane with id 00abcdef00000001"
    );
    assert_eq!(
        refused(&j, mv(t.stage, None, Place::Before(TouchpointId(MISSING)))),
        "no touchpoint with id 00abcdef00000001"
    );
}

#[test]
fn delete_touchpoints_removes_their_transitions_too() {
    let mut j = broadband();
    let (a, b) = (tp(&j, 5), tp(&j, 6));
    let touching: Vec<_> = j
        .transitions
        .iter()
        .filter(|t| [a, b].contains(&t.from) || [a, b].contains(&t.to))
        .map(|t| t.id)
        .collect();
    let change = ok(&mut j, Command::DeleteTouchpoints { ids: vec![b, a, a] });
    assert_eq!(change.removed_touchpoints, vec![a, b]);
    assert_eq!(change.removed_transitions, touching);
    assert_eq!(
        change.note.as_deref(),
        Some(
            format!(
                "{} transitions to or from them were removed too",
                touching.len()
            )
            .as_str()
        )
    );
    assert!(j.touchpoint(a).is_none() && j.touchpoint(b).is_none());
}

#[test]
fn delete_touchpoints_refusals() {
    let j = broadband();
    assert_eq!(
        refused(&j, Command::DeleteTouchpoints { ids: vec![] }),
        "no touchpoints given to delete"
    );
    assert_eq!(
        refused(
            &j,
            Command::DeleteTouchpoints {
                ids: vec![tp(&j, 0), TouchpointId(MISSING)]
            }
        ),
        "no touchpoint with id 00abcdef00000001"
    );
}

// --- transitions ----------------------------------------------------------------------

fn link(j: &Journey, id: u64, from: usize, to: usize, kind: TransitionKind) -> Command {
    Command::Connect {
        transition: Transition {
            id: TransitionId(id),
            from: tp(j, from),
            to: tp(j, to),
            label: String::new(),
            kind,
            carries_context: false,
        },
    }
}

#[test]
fn connect_adds_a_transition_and_allows_a_self_loop() {
    let mut j = broadband();
    let cmd = link(&j, 0x51, 0, 9, TransitionKind::Next);
    let change = ok(&mut j, cmd);
    assert_eq!(change.added_transitions, vec![TransitionId(0x51)]);
    let cmd = link(&j, 0x52, 4, 4, TransitionKind::Recovery);
    ok(&mut j, cmd);
    assert_eq!(
        j.transitions.last().unwrap().from,
        j.transitions.last().unwrap().to
    );
    // Same ends, another kind: allowed.
    let cmd = link(&j, 0x53, 0, 9, TransitionKind::Alternative);
    ok(&mut j, cmd);
}

#[test]
fn connect_refusals() {
    let j = broadband();
    let existing = j.transitions[0].clone();
    let from = j.touchpoint(existing.from).unwrap().name.clone();
    let to = j.touchpoint(existing.to).unwrap().name.clone();
    let mut dup = existing.clone();
    dup.id = TransitionId(0x51);
    assert_eq!(
        refused(&j, Command::Connect { transition: dup }),
        format!("a \"Next step\" transition from \"{from}\" to \"{to}\" already exists")
    );
    let mut same_id = existing.clone();
    same_id.kind = TransitionKind::Return;
    assert_eq!(
        refused(
            &j,
            Command::Connect {
                transition: same_id
            }
        ),
        format!("a transition with id {} already exists", existing.id)
    );
    let mut dangling = existing.clone();
    dangling.id = TransitionId(0x52);
    dangling.to = TouchpointId(MISSING);
    assert_eq!(
        refused(
            &j,
            Command::Connect {
                transition: dangling
            }
        ),
        "no touchpoint with id 00abcdef00000001"
    );
    let Command::Connect { mut transition } = link(&j, 0x53, 1, 2, TransitionKind::Next) else {
        unreachable!()
    };
    transition.label = "l".repeat(MAX_NAME_CHARS + 1);
    assert_eq!(
        refused(&j, Command::Connect { transition }),
        "label is 501 characters long; the limit is 500"
    );
}

#[test]
fn disconnect_removes_one_transition() {
    let mut j = broadband();
    let id = j.transitions[3].id;
    let n = j.transitions.len();
    let change = ok(&mut j, Command::Disconnect { id });
    assert_eq!(change.removed_transitions, vec![id]);
    assert_eq!(j.transitions.len(), n - 1);
    assert_eq!(
        refused(&j, Command::Disconnect { id }),
        format!("no transition with id {id}")
    );
}

#[test]
fn transition_fields_can_be_edited() {
    let mut j = broadband();
    let id = j.transitions[0].id;
    let edit = |field| Command::SetTransitionField { id, field };
    ok(&mut j, edit(TransitionField::Label("Postcode kept".into())));
    ok(&mut j, edit(TransitionField::Kind(TransitionKind::Return)));
    let change = ok(&mut j, edit(TransitionField::CarriesContext(false)));
    assert_eq!(change.transitions, vec![id]);
    let t = &j.transitions[0];
    assert_eq!(
        (t.label.as_str(), t.kind, t.carries_context),
        ("Postcode kept", TransitionKind::Return, false)
    );
    assert!(ok(&mut j, edit(TransitionField::CarriesContext(false))).is_empty());
}

#[test]
fn a_kind_change_that_would_duplicate_a_transition_is_refused() {
    let mut j = broadband();
    let cmd = link(&j, 0x51, 0, 5, TransitionKind::Next);
    ok(&mut j, cmd);
    let cmd = link(&j, 0x52, 0, 5, TransitionKind::Recovery);
    ok(&mut j, cmd);
    let (from, to) = (j.touchpoints[0].name.clone(), j.touchpoints[5].name.clone());
    assert_eq!(
        refused(
            &j,
            Command::SetTransitionField {
                id: TransitionId(0x52),
                field: TransitionField::Kind(TransitionKind::Next)
            }
        ),
        format!("a \"Next step\" transition from \"{from}\" to \"{to}\" already exists")
    );
    assert_eq!(
        refused(
            &j,
            Command::SetTransitionField {
                id: TransitionId(MISSING),
                field: TransitionField::CarriesContext(true)
            }
        ),
        "no transition with id 00abcdef00000001"
    );
}

// --- the journey ----------------------------------------------------------------------

#[test]
fn journey_fields_can_be_edited() {
    let mut j = broadband();
    for field in [
        JourneyField::Title("Broadband".into()),
        JourneyField::Description("d".into()),
        JourneyField::Scope("s".into()),
        JourneyField::State(JourneyState::ToBe),
        JourneyField::PromiseStatement("p".into()),
        JourneyField::ProofPoints(vec!["one".into()]),
        JourneyField::CustomerValues(vec![]),
    ] {
        let change = ok(&mut j, Command::SetJourneyField(field.clone()));
        assert!(change.journey, "{field:?}");
        assert!(ok(&mut j, Command::SetJourneyField(field)).is_empty());
    }
    assert_eq!(j.title, "Broadband");
    assert_eq!(j.state, JourneyState::ToBe);
    assert_eq!(j.promise.proof_points, vec!["one".to_string()]);
    assert!(j.promise.customer_values.is_empty());
}

#[test]
fn journey_field_refusals() {
    let j = broadband();
    assert_eq!(
        refused(
            &j,
            Command::SetJourneyField(JourneyField::Title("t".repeat(MAX_NAME_CHARS + 1)))
        ),
        "title is 501 characters long; the limit is 500"
    );
    assert_eq!(
        refused(
            &j,
            Command::SetJourneyField(JourneyField::Scope("s".repeat(MAX_TEXT_CHARS + 1)))
        ),
        "scope is 10,001 characters long; the limit is 10,000"
    );
    assert_eq!(
        refused(
            &j,
            Command::SetJourneyField(JourneyField::CustomerValues(vec![
                "v".repeat(MAX_ITEM_CHARS + 1)
            ]))
        ),
        "customer_values[0] is 2,001 characters long; the limit is 2,000"
    );
}

// --- stages ---------------------------------------------------------------------------

fn stage(id: u64, name: &str) -> Stage {
    Stage {
        id: StageId(id),
        name: name.into(),
        goal: String::new(),
    }
}

#[test]
fn stages_can_be_added_renamed_reordered_and_removed() {
    let mut j = broadband();
    let change = ok(
        &mut j,
        Command::AddStage {
            stage: stage(0x5, "Move home"),
            index: Some(1),
        },
    );
    assert_eq!(change.lists, vec![List::Stages]);
    assert_eq!(j.stages[1].name, "Move home");
    ok(
        &mut j,
        Command::RenameStage {
            id: StageId(0x5),
            name: "Moving home".into(),
        },
    );
    // Changing only the case of its own name is not a clash.
    ok(
        &mut j,
        Command::RenameStage {
            id: StageId(0x5),
            name: "moving Home".into(),
        },
    );
    ok(
        &mut j,
        Command::SetStageGoal {
            id: StageId(0x5),
            goal: "Keep my broadband when I move".into(),
        },
    );
    ok(
        &mut j,
        Command::ReorderStage {
            id: StageId(0x5),
            to_index: 7,
        },
    );
    assert_eq!(j.stages[7].goal, "Keep my broadband when I move");
    let change = ok(
        &mut j,
        Command::RemoveStage {
            id: StageId(0x5),
            move_to: None,
        },
    );
    assert_eq!(change.note, None);
    assert_eq!(j.stages.len(), 7);
}

#[test]
fn stage_refusals() {
    let j = broadband();
    let buy = j.stages[2].id;
    assert_eq!(
        refused(
            &j,
            Command::AddStage {
                stage: stage(0x5, " buy "),
                index: None
            }
        ),
        "a stage named \"buy\" already exists"
    );
    assert_eq!(
        refused(
            &j,
            Command::AddStage {
                stage: stage(0x5, ""),
                index: None
            }
        ),
        "a stage needs a name"
    );
    assert_eq!(
        refused(
            &j,
            Command::AddStage {
                stage: stage(buy.0, "Pay"),
                index: None
            }
        ),
        format!("a stage with id {buy} already exists")
    );
    assert_eq!(
        refused(
            &j,
            Command::AddStage {
                stage: stage(0x5, "Pay"),
                index: Some(9)
            }
        ),
        "position 9 is past the end of stages (7 entries)"
    );
    assert_eq!(
        refused(
            &j,
            Command::RenameStage {
                id: j.stages[0].id,
                name: "CHOOSE".into()
            }
        ),
        "a stage named \"CHOOSE\" already exists"
    );
    assert_eq!(
        refused(
            &j,
            Command::RenameStage {
                id: StageId(MISSING),
                name: "X".into()
            }
        ),
        "no stage with id 00abcdef00000001"
    );
    assert_eq!(
        refused(
            &j,
            Command::SetStageGoal {
                id: buy,
                goal: "g".repeat(MAX_TEXT_CHARS + 1)
            }
        ),
        "goal is 10,001 characters long; the limit is 10,000"
    );
    assert_eq!(
        refused(
            &j,
            Command::ReorderStage {
                id: buy,
                to_index: 7
            }
        ),
        "position 7 is past the end of stages (7 entries)"
    );
}

#[test]
fn a_stage_with_touchpoints_is_only_removed_with_somewhere_to_move_them() {
    let mut j = broadband();
    let (choose, buy) = (j.stages[1].id, j.stages[2].id);
    let held: Vec<_> = j.touchpoints_in(buy).map(|t| t.id).collect();
    assert_eq!(held.len(), 3);
    assert_eq!(
        refused(
            &j,
            Command::RemoveStage {
                id: buy,
                move_to: None
            }
        ),
        "stage \"Buy\" holds 3 touchpoints; choose a stage to move them to before removing it"
    );
    assert_eq!(
        refused(
            &j,
            Command::RemoveStage {
                id: buy,
                move_to: Some(buy)
            }
        ),
        "touchpoints cannot move to the stage that is being removed"
    );
    assert_eq!(
        refused(
            &j,
            Command::RemoveStage {
                id: buy,
                move_to: Some(StageId(MISSING))
            }
        ),
        "no stage with id 00abcdef00000001"
    );
    let change = ok(
        &mut j,
        Command::RemoveStage {
            id: buy,
            move_to: Some(choose),
        },
    );
    assert_eq!(change.touchpoints, held);
    assert_eq!(
        change.note.as_deref(),
        Some("removed stage \"Buy\"; 3 touchpoints moved to \"Choose\"")
    );
    assert!(held
        .iter()
        .all(|id| j.touchpoint(*id).unwrap().stage == choose));
}

// --- the other structural lists -------------------------------------------------------

#[test]
fn removing_a_channel_clears_it_from_touchpoints_and_says_so() {
    let mut j = broadband();
    let web = j.channels[0].id;
    let users: Vec<_> = j
        .touchpoints
        .iter()
        .filter(|t| t.channel == Some(web))
        .map(|t| t.id)
        .collect();
    let change = ok(&mut j, Command::RemoveChannel { id: web });
    assert_eq!(change.touchpoints, users);
    assert_eq!(change.lists, vec![List::Channels]);
    assert_eq!(
        change.note.as_deref(),
        Some(
            format!(
                "removed channel \"Website\"; {} touchpoints have no channel now",
                users.len()
            )
            .as_str()
        )
    );
    assert!(users
        .iter()
        .all(|id| j.touchpoint(*id).unwrap().channel.is_none()));
}

#[test]
fn removing_a_lane_partner_department_or_persona_clears_references() {
    let mut j = broadband();
    let action_lane = j.lanes[0].id;
    let change = ok(&mut j, Command::RemoveLane { id: action_lane });
    assert_eq!(
        change.note.as_deref(),
        Some("removed lane \"Customer action\"; 2 touchpoints are now in \"No lane\"")
    );

    let hometech = j.partners[1].id;
    let change = ok(&mut j, Command::RemovePartner { id: hometech });
    assert_eq!(
        change.note.as_deref(),
        Some("removed partner \"HomeTech Stores\"; 1 touchpoint is now delivered by the brand")
    );
    assert_eq!(
        j.touchpoint(change.touchpoints[0]).unwrap().delivered_by,
        DeliveredBy::Brand
    );

    let it = j.departments[4].id;
    let change = ok(&mut j, Command::RemoveDepartment { id: it });
    assert_eq!(
        change.note.as_deref(),
        Some("removed department \"IT & digital\"; 2 touchpoints have no owner now")
    );

    let students = j.personas[1].id;
    let change = ok(&mut j, Command::RemovePersona { id: students });
    assert_eq!(
        change.note.as_deref(),
        Some("removed persona \"Student house share\"; 2 touchpoints no longer name this persona")
    );
    assert!(j
        .touchpoints
        .iter()
        .all(|t| !t.personas.contains(&students)));

    // Nothing refers to a fresh entity, so removing it has no note.
    ok(
        &mut j,
        Command::AddDepartment {
            department: Department {
                id: DepartmentId(0x1),
                name: "Legal".into(),
                kind: DepartmentKind::Custom,
            },
            index: None,
        },
    );
    let change = ok(
        &mut j,
        Command::RemoveDepartment {
            id: DepartmentId(0x1),
        },
    );
    assert_eq!(change.note, None);
}

#[test]
fn structural_entities_can_be_added_renamed_edited_and_reordered() {
    let mut j = broadband();
    ok(
        &mut j,
        Command::AddChannel {
            channel: Channel {
                id: ChannelId(1),
                name: "WhatsApp".into(),
                kind: ChannelKind::Chat,
            },
            index: Some(0),
        },
    );
    ok(
        &mut j,
        Command::RenameChannel {
            id: ChannelId(1),
            name: "Messaging".into(),
        },
    );
    ok(
        &mut j,
        Command::SetChannelKind {
            id: ChannelId(1),
            kind: ChannelKind::App,
        },
    );
    ok(
        &mut j,
        Command::ReorderChannel {
            id: ChannelId(1),
            to_index: 2,
        },
    );
    assert_eq!(
        j.channels[2],
        Channel {
            id: ChannelId(1),
            name: "Messaging".into(),
            kind: ChannelKind::App
        }
    );

    ok(
        &mut j,
        Command::AddLane {
            lane: Lane {
                id: LaneId(1),
                name: "Systems".into(),
                kind: LaneKind::BackStage,
            },
            index: None,
        },
    );
    ok(
        &mut j,
        Command::RenameLane {
            id: LaneId(1),
            name: "IT systems".into(),
        },
    );
    ok(
        &mut j,
        Command::SetLaneKind {
            id: LaneId(1),
            kind: LaneKind::SupportProcess,
        },
    );
    ok(
        &mut j,
        Command::ReorderLane {
            id: LaneId(1),
            to_index: 0,
        },
    );
    assert_eq!(j.lanes[0].name, "IT systems");
    assert_eq!(j.lanes[0].kind, LaneKind::SupportProcess);

    ok(
        &mut j,
        Command::AddPartner {
            partner: Partner {
                id: PartnerId(1),
                name: "Dealer A".into(),
                role: PartnerRole::Dealer,
            },
            index: None,
        },
    );
    ok(
        &mut j,
        Command::RenamePartner {
            id: PartnerId(1),
            name: "Dealer B".into(),
        },
    );
    ok(
        &mut j,
        Command::SetPartnerRole {
            id: PartnerId(1),
            role: PartnerRole::Retailer,
        },
    );
    ok(
        &mut j,
        Command::ReorderPartner {
            id: PartnerId(1),
            to_index: 0,
        },
    );
    assert_eq!(j.partners[0].role, PartnerRole::Retailer);

    ok(
        &mut j,
        Command::AddDepartment {
            department: Department {
                id: DepartmentId(1),
                name: "Finance".into(),
                kind: DepartmentKind::Custom,
            },
            index: None,
        },
    );
    ok(
        &mut j,
        Command::RenameDepartment {
            id: DepartmentId(1),
            name: "Billing".into(),
        },
    );
    ok(
        &mut j,
        Command::SetDepartmentKind {
            id: DepartmentId(1),
            kind: DepartmentKind::Operations,
        },
    );
    ok(
        &mut j,
        Command::ReorderDepartment {
            id: DepartmentId(1),
            to_index: 1,
        },
    );
    assert_eq!(j.departments[1].name, "Billing");

    ok(
        &mut j,
        Command::AddPersona {
            persona: Persona {
                id: PersonaId(1),
                name: "Retiree".into(),
                expectations: String::new(),
                notes: String::new(),
            },
            index: None,
        },
    );
    ok(
        &mut j,
        Command::RenamePersona {
            id: PersonaId(1),
            name: "Older customer".into(),
        },
    );
    ok(
        &mut j,
        Command::SetPersonaExpectations {
            id: PersonaId(1),
            expectations: "Phone first".into(),
        },
    );
    ok(
        &mut j,
        Command::SetPersonaNotes {
            id: PersonaId(1),
            notes: "Growing".into(),
        },
    );
    ok(
        &mut j,
        Command::ReorderPersona {
            id: PersonaId(1),
            to_index: 0,
        },
    );
    assert_eq!(
        j.personas[0],
        Persona {
            id: PersonaId(1),
            name: "Older customer".into(),
            expectations: "Phone first".into(),
            notes: "Growing".into()
        }
    );
}

#[test]
fn structural_refusals_name_the_kind() {
    let j = broadband();
    assert_eq!(
        refused(
            &j,
            Command::RemoveChannel {
                id: ChannelId(MISSING)
            }
        ),
        "no channel with id 00abcdef00000001"
    );
    assert_eq!(
        refused(
            &j,
            Command::SetLaneKind {
                id: LaneId(MISSING),
                kind: LaneKind::BackStage
            }
        ),
        "no lane with id 00abcdef00000001"
    );
    assert_eq!(
        refused(
            &j,
            Command::RenamePartner {
                id: j.partners[0].id,
                name: "  ".into()
            }
        ),
        "a partner needs a name"
    );
    assert_eq!(
        refused(
            &j,
            Command::ReorderDepartment {
                id: j.departments[0].id,
                to_index: 5
            }
        ),
        "position 5 is past the end of departments (5 entries)"
    );
    assert_eq!(
        refused(
            &j,
            Command::SetPersonaNotes {
                id: j.personas[0].id,
                notes: "n".repeat(MAX_TEXT_CHARS + 1)
            }
        ),
        "notes is 10,001 characters long; the limit is 10,000"
    );
    let mut full = j.clone();
    for i in full.lanes.len()..MAX_STRUCTURE_ITEMS {
        full.lanes.push(Lane {
            id: LaneId(i as u64),
            name: format!("L{i}"),
            kind: LaneKind::BackStage,
        });
    }
    assert_eq!(
        refused(
            &full,
            Command::AddLane {
                lane: Lane {
                    id: LaneId(MISSING),
                    name: "One more".into(),
                    kind: LaneKind::BackStage
                },
                index: None
            }
        ),
        "lanes would have 1,001 entries; the limit is 1,000"
    );
    // Only stage names must differ; two channels may share a name.
    let mut j = j;
    ok(
        &mut j,
        Command::AddChannel {
            channel: Channel {
                id: ChannelId(1),
                name: "Website".into(),
                kind: ChannelKind::Web,
            },
            index: None,
        },
    );
}
