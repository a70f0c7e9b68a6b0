//! Every change a user can make to a journey, as a value.
//!
//! The UI turns clicks and keystrokes into a [`Command`] and hands it to
//! [`crate::history::History::apply`], which calls [`apply`] here. `apply` checks everything
//! first and only then mutates, so a refused command leaves the journey untouched. It never
//! produces a journey that [`crate::format::validate`] would complain about: the two share the
//! rules in this module, which is why a journey saved after any edit always loads again.
//!
//! Ids are chosen by the caller (from an [`IdGen`]), never here: that keeps `apply` a pure
//! function of its inputs, so redo and tests replay it exactly.

use crate::format::limits::*;
use crate::model::*;
use std::collections::HashSet;
use std::fmt;

/// A new value for one field of a touchpoint. One variant per field; the four criteria and the
/// four support notes each have their own, so typing in one never merges with another in the
/// undo history.
#[derive(Debug, Clone, PartialEq)]
pub enum TouchpointField {
    Name(String),
    Stage(StageId),
    Description(String),
    Channel(Option<ChannelId>),
    Lane(Option<LaneId>),
    DeliveredBy(DeliveredBy),
    Owner(Option<DepartmentId>),
    CustomerAction(String),
    Expectation(String),
    Performance(Option<Rating>),
    Importance(Option<Rating>),
    Emotion(Option<Emotion>),
    MomentOfTruth(bool),
    JourneyEnd(bool),
    PromiseNote(String),
    ProofPoint(String),
    DifferentiationNote(String),
    Parity(bool),
    Experience(Option<Tightness>),
    Behaviour(Option<Tightness>),
    LatitudeNote(String),
    StandardNote(String),
    Consistent(Option<Rating>),
    Intentional(Option<Rating>),
    Differentiated(Option<Rating>),
    Valuable(Option<Rating>),
    SupportCulture(String),
    SupportPeople(String),
    SupportProcess(String),
    SupportTechnology(String),
    PainPoints(Vec<String>),
    Opportunities(Vec<String>),
    Kpis(Vec<String>),
    Evidence(Option<Evidence>),
    Personas(Vec<PersonaId>),
    Position(Option<Position>),
}

impl TouchpointField {
    /// The field's path inside a touchpoint in the file format (`support.culture`).
    pub fn name(&self) -> &'static str {
        use TouchpointField as F;
        match self {
            F::Name(_) => "name",
            F::Stage(_) => "stage",
            F::Description(_) => "description",
            F::Channel(_) => "channel",
            F::Lane(_) => "lane",
            F::DeliveredBy(_) => "delivered_by",
            F::Owner(_) => "owner",
            F::CustomerAction(_) => "customer_action",
            F::Expectation(_) => "expectation",
            F::Performance(_) => "performance",
            F::Importance(_) => "importance",
            F::Emotion(_) => "emotion",
            F::MomentOfTruth(_) => "moment_of_truth",
            F::JourneyEnd(_) => "journey_end",
            F::PromiseNote(_) => "promise_note",
            F::ProofPoint(_) => "proof_point",
            F::DifferentiationNote(_) => "differentiation_note",
            F::Parity(_) => "parity",
            F::Experience(_) => "experience",
            F::Behaviour(_) => "behaviour",
            F::LatitudeNote(_) => "latitude_note",
            F::StandardNote(_) => "standard_note",
            F::Consistent(_) => "criteria.consistent",
            F::Intentional(_) => "criteria.intentional",
            F::Differentiated(_) => "criteria.differentiated",
            F::Valuable(_) => "criteria.valuable",
            F::SupportCulture(_) => "support.culture",
            F::SupportPeople(_) => "support.people",
            F::SupportProcess(_) => "support.process",
            F::SupportTechnology(_) => "support.technology",
            F::PainPoints(_) => "pain_points",
            F::Opportunities(_) => "opportunities",
            F::Kpis(_) => "kpis",
            F::Evidence(_) => "evidence",
            F::Personas(_) => "personas",
            F::Position(_) => "position",
        }
    }

    /// Writes the value into `t`; false when it already held that value.
    fn write(self, t: &mut Touchpoint) -> bool {
        fn set<T: PartialEq>(slot: &mut T, v: T) -> bool {
            if *slot == v {
                false
            } else {
                *slot = v;
                true
            }
        }
        use TouchpointField as F;
        match self {
            F::Name(v) => set(&mut t.name, v),
            F::Stage(v) => set(&mut t.stage, v),
            F::Description(v) => set(&mut t.description, v),
            F::Channel(v) => set(&mut t.channel, v),
            F::Lane(v) => set(&mut t.lane, v),
            F::DeliveredBy(v) => set(&mut t.delivered_by, v),
            F::Owner(v) => set(&mut t.owner, v),
            F::CustomerAction(v) => set(&mut t.customer_action, v),
            F::Expectation(v) => set(&mut t.expectation, v),
            F::Performance(v) => set(&mut t.performance, v),
            F::Importance(v) => set(&mut t.importance, v),
            F::Emotion(v) => set(&mut t.emotion, v),
            F::MomentOfTruth(v) => set(&mut t.moment_of_truth, v),
            F::JourneyEnd(v) => set(&mut t.journey_end, v),
            F::PromiseNote(v) => set(&mut t.promise_note, v),
            F::ProofPoint(v) => set(&mut t.proof_point, v),
            F::DifferentiationNote(v) => set(&mut t.differentiation_note, v),
            F::Parity(v) => set(&mut t.parity, v),
            F::Experience(v) => set(&mut t.experience, v),
            F::Behaviour(v) => set(&mut t.behaviour, v),
            F::LatitudeNote(v) => set(&mut t.latitude_note, v),
            F::StandardNote(v) => set(&mut t.standard_note, v),
            F::Consistent(v) => set(&mut t.criteria.consistent, v),
            F::Intentional(v) => set(&mut t.criteria.intentional, v),
            F::Differentiated(v) => set(&mut t.criteria.differentiated, v),
            F::Valuable(v) => set(&mut t.criteria.valuable, v),
            F::SupportCulture(v) => set(&mut t.support.culture, v),
            F::SupportPeople(v) => set(&mut t.support.people, v),
            F::SupportProcess(v) => set(&mut t.support.process, v),
            F::SupportTechnology(v) => set(&mut t.support.technology, v),
            F::PainPoints(v) => set(&mut t.pain_points, v),
            F::Opportunities(v) => set(&mut t.opportunities, v),
            F::Kpis(v) => set(&mut t.kpis, v),
            F::Evidence(v) => set(&mut t.evidence, v),
            F::Personas(v) => set(&mut t.personas, v),
            F::Position(v) => set(&mut t.position, v.map(snap)),
        }
    }
}

/// A new value for one field of a transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransitionField {
    Label(String),
    Kind(TransitionKind),
    CarriesContext(bool),
}

impl TransitionField {
    pub fn name(&self) -> &'static str {
        match self {
            TransitionField::Label(_) => "label",
            TransitionField::Kind(_) => "kind",
            TransitionField::CarriesContext(_) => "carries_context",
        }
    }
}

/// A new value for one journey-level field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JourneyField {
    Title(String),
    Description(String),
    Scope(String),
    State(JourneyState),
    PromiseStatement(String),
    ProofPoints(Vec<String>),
    CustomerValues(Vec<String>),
}

impl JourneyField {
    pub fn name(&self) -> &'static str {
        match self {
            JourneyField::Title(_) => "title",
            JourneyField::Description(_) => "description",
            JourneyField::Scope(_) => "scope",
            JourneyField::State(_) => "state",
            JourneyField::PromiseStatement(_) => "promise.statement",
            JourneyField::ProofPoints(_) => "promise.proof_points",
            JourneyField::CustomerValues(_) => "promise.customer_values",
        }
    }
}

/// Where a moved touchpoint goes in journey order (which decides its place within a cell).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Place {
    /// Stay where it is in the order.
    #[default]
    Keep,
    /// Just before another touchpoint.
    Before(TouchpointId),
    /// After every other touchpoint.
    Last,
}

/// Everything a user can do to a journey. `index: None` on an add means "at the end".
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Boxed because a touchpoint is ten times larger than any other command.
    AddTouchpoint {
        touchpoint: Box<Touchpoint>,
    },
    SetTouchpointField {
        id: TouchpointId,
        field: TouchpointField,
    },
    MoveTouchpoint {
        id: TouchpointId,
        stage: StageId,
        lane: Option<LaneId>,
        position: Option<Position>,
        place: Place,
    },
    /// Removes the touchpoints and every transition to or from them.
    DeleteTouchpoints {
        ids: Vec<TouchpointId>,
    },
    Connect {
        transition: Transition,
    },
    Disconnect {
        id: TransitionId,
    },
    SetTransitionField {
        id: TransitionId,
        field: TransitionField,
    },
    SetJourneyField(JourneyField),

    AddStage {
        stage: Stage,
        index: Option<usize>,
    },
    RenameStage {
        id: StageId,
        name: String,
    },
    SetStageGoal {
        id: StageId,
        goal: String,
    },
    /// A stage that holds touchpoints can only go if they move to `move_to`.
    RemoveStage {
        id: StageId,
        move_to: Option<StageId>,
    },
    ReorderStage {
        id: StageId,
        to_index: usize,
    },

    AddChannel {
        channel: Channel,
        index: Option<usize>,
    },
    RenameChannel {
        id: ChannelId,
        name: String,
    },
    SetChannelKind {
        id: ChannelId,
        kind: ChannelKind,
    },
    /// Touchpoints in this channel are left with no channel.
    RemoveChannel {
        id: ChannelId,
    },
    ReorderChannel {
        id: ChannelId,
        to_index: usize,
    },

    AddLane {
        lane: Lane,
        index: Option<usize>,
    },
    RenameLane {
        id: LaneId,
        name: String,
    },
    SetLaneKind {
        id: LaneId,
        kind: LaneKind,
    },
    /// Touchpoints in this lane are left with no lane (the layout's "No lane" row).
    RemoveLane {
        id: LaneId,
    },
    ReorderLane {
        id: LaneId,
        to_index: usize,
    },

    AddPartner {
        partner: Partner,
        index: Option<usize>,
    },
    RenamePartner {
        id: PartnerId,
        name: String,
    },
    SetPartnerRole {
        id: PartnerId,
        role: PartnerRole,
    },
    /// Touchpoints this partner delivered become delivered by the brand.
    RemovePartner {
        id: PartnerId,
    },
    ReorderPartner {
        id: PartnerId,
        to_index: usize,
    },

    AddDepartment {
        department: Department,
        index: Option<usize>,
    },
    RenameDepartment {
        id: DepartmentId,
        name: String,
    },
    SetDepartmentKind {
        id: DepartmentId,
        kind: DepartmentKind,
    },
    /// Touchpoints this department owned are left with no owner.
    RemoveDepartment {
        id: DepartmentId,
    },
    ReorderDepartment {
        id: DepartmentId,
        to_index: usize,
    },

    AddPersona {
        persona: Persona,
        index: Option<usize>,
    },
    RenamePersona {
        id: PersonaId,
        name: String,
    },
    SetPersonaExpectations {
        id: PersonaId,
        expectations: String,
    },
    SetPersonaNotes {
        id: PersonaId,
        notes: String,
    },
    /// The persona is taken off every touchpoint's persona list. A touchpoint whose list
    /// becomes empty then applies to all personas, which the Change's note says.
    RemovePersona {
        id: PersonaId,
    },
    ReorderPersona {
        id: PersonaId,
        to_index: usize,
    },
}

/// What a command changed, so a UI can re-render only that.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Change {
    pub added_touchpoints: Vec<TouchpointId>,
    /// Touchpoints edited in place: a field, a move, or a reference cleared by a removal.
    pub touchpoints: Vec<TouchpointId>,
    pub removed_touchpoints: Vec<TouchpointId>,
    /// The order of the touchpoint list changed (a move with a [`Place`]).
    pub touchpoint_order: bool,
    pub added_transitions: Vec<TransitionId>,
    pub transitions: Vec<TransitionId>,
    pub removed_transitions: Vec<TransitionId>,
    /// A journey-level field (title, description, scope, state, promise).
    pub journey: bool,
    /// Structural lists whose entries or order changed.
    pub lists: Vec<List>,
    /// A side effect the user should be told about, in their words.
    pub note: Option<String>,
}

impl Change {
    /// Nothing changed (the command set a field to the value it already had).
    pub fn is_empty(&self) -> bool {
        *self == Change::default()
    }

    fn list(list: List) -> Change {
        Change {
            lists: vec![list],
            ..Change::default()
        }
    }

    fn touchpoint(id: TouchpointId) -> Change {
        Change {
            touchpoints: vec![id],
            ..Change::default()
        }
    }
}

/// Why a command was refused. Display gives a sentence a user can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandError {
    /// `kind` is "touchpoint", "transition", "stage", "channel"...
    Missing {
        kind: &'static str,
        id: u64,
    },
    DuplicateId {
        kind: &'static str,
        id: u64,
    },
    DuplicateStageName {
        name: String,
    },
    EmptyName {
        kind: &'static str,
    },
    TooLong {
        field: String,
        chars: usize,
        limit: usize,
    },
    TooMany {
        what: String,
        count: usize,
        limit: usize,
    },
    /// Names of the two touchpoints.
    DuplicateTransition {
        from: String,
        to: String,
        kind: TransitionKind,
    },
    StageNotEmpty {
        name: String,
        touchpoints: usize,
    },
    MoveToRemovedStage,
    IndexOutOfRange {
        list: &'static str,
        index: usize,
        len: usize,
    },
    BadPosition,
    DuplicatePersona {
        id: PersonaId,
    },
    NothingToDelete,
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CommandError as E;
        match self {
            E::Missing { kind, id } => write!(f, "no {kind} with id {id:016x}"),
            E::DuplicateId { kind, id } => write!(f, "a {kind} with id {id:016x} already exists"),
            E::DuplicateStageName { name } => write!(f, "a stage named \"{name}\" already exists"),
            E::EmptyName { kind } => write!(f, "a {kind} needs a name"),
            E::TooLong {
                field,
                chars,
                limit,
            } => write!(
                f,
                "{field} is {} characters long; the limit is {}",
                thousands(*chars),
                thousands(*limit)
            ),
            E::TooMany { what, count, limit } => write!(
                f,
                "{what} would have {} entries; the limit is {}",
                thousands(*count),
                thousands(*limit)
            ),
            E::DuplicateTransition { from, to, kind } => write!(
                f,
                "a \"{}\" transition from \"{from}\" to \"{to}\" already exists",
                kind.label()
            ),
            E::StageNotEmpty { name, touchpoints } => write!(
                f,
                "stage \"{name}\" holds {touchpoints} touchpoint{}; choose a stage to move {} to \
                 before removing it",
                if *touchpoints == 1 { "" } else { "s" },
                if *touchpoints == 1 { "it" } else { "them" }
            ),
            E::MoveToRemovedStage => {
                write!(
                    f,
                    "touchpoints cannot move to the stage that is being removed"
                )
            }
            E::IndexOutOfRange { list, index, len } => write!(
                f,
                "position {index} is past the end of {list} ({len} entr{})",
                if *len == 1 { "y" } else { "ies" }
            ),
            E::BadPosition => write!(
                f,
                "a position needs coordinates between -1,000,000,000 and 1,000,000,000"
            ),
            E::DuplicatePersona { id } => write!(f, "persona {id} is listed twice"),
            E::NothingToDelete => write!(f, "no touchpoints given to delete"),
        }
    }
}

impl std::error::Error for CommandError {}

impl CommandError {
    /// The message for a report that already names the field by its path: the same as
    /// Display but without repeating the field name.
    pub(crate) fn detail(&self) -> String {
        match self {
            CommandError::TooLong { chars, limit, .. } => format!(
                "text is {} characters long; the limit is {}",
                thousands(*chars),
                thousands(*limit)
            ),
            CommandError::TooMany { count, limit, .. } => format!(
                "{} entries; the limit is {}",
                thousands(*count),
                thousands(*limit)
            ),
            other => other.to_string(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The rules. Each check reports (path below the checked value, error) so that `apply` can stop
// at the first and `format::validate` can list them all with their paths.

pub(crate) type Report<'a> = &'a mut dyn FnMut(String, CommandError);

/// The ids that touchpoints may refer to.
pub(crate) struct Refs {
    stages: HashSet<StageId>,
    channels: HashSet<ChannelId>,
    lanes: HashSet<LaneId>,
    partners: HashSet<PartnerId>,
    departments: HashSet<DepartmentId>,
    personas: HashSet<PersonaId>,
}

impl Refs {
    pub(crate) fn of(j: &Journey) -> Refs {
        Refs {
            stages: j.stages.iter().map(|s| s.id).collect(),
            channels: j.channels.iter().map(|c| c.id).collect(),
            lanes: j.lanes.iter().map(|l| l.id).collect(),
            partners: j.partners.iter().map(|p| p.id).collect(),
            departments: j.departments.iter().map(|d| d.id).collect(),
            personas: j.personas.iter().map(|p| p.id).collect(),
        }
    }
}

/// Finite and within [`MAX_COORDINATE`] (NaN fails every comparison).
fn position_ok(p: Position) -> bool {
    p.x.abs() <= MAX_COORDINATE && p.y.abs() <= MAX_COORDINATE
}

fn check_len(field: &str, s: &str, limit: usize, report: Report) {
    if let Some(chars) = over_limit(s, limit) {
        report(
            String::new(),
            CommandError::TooLong {
                field: field.to_string(),
                chars,
                limit,
            },
        );
    }
}

pub(crate) fn check_name(kind: &'static str, name: &str, report: Report) {
    if name.trim().is_empty() {
        report(String::new(), CommandError::EmptyName { kind });
    }
    check_len("name", name, MAX_NAME_CHARS, report);
}

pub(crate) fn check_text_list(field: &str, items: &[String], report: Report) {
    if items.len() > MAX_LIST_ITEMS {
        report(
            String::new(),
            CommandError::TooMany {
                what: field.to_string(),
                count: items.len(),
                limit: MAX_LIST_ITEMS,
            },
        );
    }
    for (i, item) in items.iter().enumerate() {
        let at = format!("[{i}]");
        check_len(
            &format!("{field}{at}"),
            item,
            MAX_ITEM_CHARS,
            &mut |_, e| report(at.clone(), e),
        );
    }
}

fn exists<T: Into<u64> + Copy + Eq + std::hash::Hash>(
    set: &HashSet<T>,
    kind: &'static str,
    id: T,
    report: Report,
) {
    if !set.contains(&id) {
        report(
            String::new(),
            CommandError::Missing {
                kind,
                id: id.into(),
            },
        );
    }
}

/// Checks one field of a touchpoint; paths are relative to the touchpoint.
pub(crate) fn check_touchpoint_field(refs: &Refs, field: &TouchpointField, report: Report) {
    use TouchpointField as F;
    let name = field.name();
    let mut sub = |rest: String, e: CommandError| report(format!("{name}{rest}"), e);
    match field {
        F::Name(v) => check_name("touchpoint", v, &mut sub),
        F::Stage(id) => exists(&refs.stages, "stage", *id, &mut sub),
        F::Channel(Some(id)) => exists(&refs.channels, "channel", *id, &mut sub),
        F::Lane(Some(id)) => exists(&refs.lanes, "lane", *id, &mut sub),
        F::Owner(Some(id)) => exists(&refs.departments, "department", *id, &mut sub),
        F::DeliveredBy(DeliveredBy::Partner(id)) => {
            exists(&refs.partners, "partner", *id, &mut |_, e| {
                sub(".partner".into(), e)
            })
        }
        F::Description(v)
        | F::CustomerAction(v)
        | F::Expectation(v)
        | F::PromiseNote(v)
        | F::ProofPoint(v)
        | F::DifferentiationNote(v)
        | F::LatitudeNote(v)
        | F::StandardNote(v)
        | F::SupportCulture(v)
        | F::SupportPeople(v)
        | F::SupportProcess(v)
        | F::SupportTechnology(v) => check_len(name, v, MAX_TEXT_CHARS, &mut sub),
        F::PainPoints(v) | F::Opportunities(v) | F::Kpis(v) => check_text_list(name, v, &mut sub),
        F::Personas(ids) => {
            if ids.len() > MAX_LIST_ITEMS {
                sub(
                    String::new(),
                    CommandError::TooMany {
                        what: name.into(),
                        count: ids.len(),
                        limit: MAX_LIST_ITEMS,
                    },
                );
            }
            let mut seen = HashSet::new();
            for (i, id) in ids.iter().enumerate() {
                let at = format!("[{i}]");
                exists(&refs.personas, "persona", *id, &mut |_, e| {
                    sub(at.clone(), e)
                });
                if !seen.insert(*id) {
                    sub(at, CommandError::DuplicatePersona { id: *id });
                }
            }
        }
        F::Position(Some(p)) if !position_ok(*p) => sub(String::new(), CommandError::BadPosition),
        _ => {}
    }
}

/// Checks a whole touchpoint without copying it; paths are relative to the touchpoint.
/// The same rules as [`check_touchpoint_field`] field by field; the test
/// `whole_and_single_field_checks_agree` keeps the two in step.
pub(crate) fn check_touchpoint(refs: &Refs, t: &Touchpoint, report: Report) {
    let mut at = |field: &str, rest: String, e: CommandError| report(format!("{field}{rest}"), e);
    check_name("touchpoint", &t.name, &mut |r, e| at("name", r, e));
    exists(&refs.stages, "stage", t.stage, &mut |r, e| {
        at("stage", r, e)
    });
    if let Some(id) = t.channel {
        exists(&refs.channels, "channel", id, &mut |r, e| {
            at("channel", r, e)
        });
    }
    if let Some(id) = t.lane {
        exists(&refs.lanes, "lane", id, &mut |r, e| at("lane", r, e));
    }
    if let Some(id) = t.owner {
        exists(&refs.departments, "department", id, &mut |r, e| {
            at("owner", r, e)
        });
    }
    if let DeliveredBy::Partner(id) = t.delivered_by {
        exists(&refs.partners, "partner", id, &mut |r, e| {
            at("delivered_by.partner", r, e)
        });
    }
    let texts: [(&str, &str); 12] = [
        ("description", &t.description),
        ("customer_action", &t.customer_action),
        ("expectation", &t.expectation),
        ("promise_note", &t.promise_note),
        ("proof_point", &t.proof_point),
        ("differentiation_note", &t.differentiation_note),
        ("latitude_note", &t.latitude_note),
        ("standard_note", &t.standard_note),
        ("support.culture", &t.support.culture),
        ("support.people", &t.support.people),
        ("support.process", &t.support.process),
        ("support.technology", &t.support.technology),
    ];
    for (name, v) in texts {
        check_len(name, v, MAX_TEXT_CHARS, &mut |r, e| at(name, r, e));
    }
    for (name, v) in [
        ("pain_points", &t.pain_points),
        ("opportunities", &t.opportunities),
        ("kpis", &t.kpis),
    ] {
        check_text_list(name, v, &mut |r, e| at(name, r, e));
    }
    if !t.personas.is_empty() {
        check_touchpoint_field(
            refs,
            &TouchpointField::Personas(t.personas.clone()),
            &mut |r, e| report(r, e),
        );
    }
    if let Some(p) = t.position {
        if !position_ok(p) {
            report("position".into(), CommandError::BadPosition);
        }
    }
}

/// Name and free-text limits of a structural entity; paths relative to the entity.
pub(crate) fn check_entity<E: Entity>(e: &E, report: Report) {
    check_name(E::KIND, e.name(), &mut |r, err| {
        report(format!("name{r}"), err)
    });
    for (field, text) in e.texts() {
        check_len(field, text, MAX_TEXT_CHARS, &mut |r, err| {
            report(format!("{field}{r}"), err)
        });
    }
}

/// Two stage names clash when their keys are equal.
pub(crate) fn stage_name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Checks a journey-level field; paths are relative to the journey.
pub(crate) fn check_journey_field(field: &JourneyField, report: Report) {
    let name = field.name();
    let mut sub = |rest: String, e: CommandError| report(format!("{name}{rest}"), e);
    match field {
        JourneyField::Title(v) => check_len("title", v, MAX_NAME_CHARS, &mut sub),
        JourneyField::Description(v) | JourneyField::Scope(v) => {
            check_len(name, v, MAX_TEXT_CHARS, &mut sub)
        }
        JourneyField::PromiseStatement(v) => check_len("statement", v, MAX_TEXT_CHARS, &mut sub),
        JourneyField::ProofPoints(v) => check_text_list("proof_points", v, &mut sub),
        JourneyField::CustomerValues(v) => check_text_list("customer_values", v, &mut sub),
        JourneyField::State(_) => {}
    }
}

/// The first error a check reports, if any.
fn first(check: impl FnOnce(Report)) -> Result<(), CommandError> {
    let mut found = None;
    check(&mut |_, e| {
        found.get_or_insert(e);
    });
    match found {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

// ---------------------------------------------------------------------------------------------
// Applying.

/// Applies `cmd` to `j` after checking it; on error `j` is unchanged. An empty [`Change`]
/// means the command asked for what was already there.
pub fn apply(j: &mut Journey, cmd: &Command) -> Result<Change, CommandError> {
    use Command as C;
    match cmd {
        C::AddTouchpoint { touchpoint } => add_touchpoint(j, touchpoint),
        C::SetTouchpointField { id, field } => set_touchpoint_field(j, *id, field),
        C::MoveTouchpoint {
            id,
            stage,
            lane,
            position,
            place,
        } => move_touchpoint(j, *id, *stage, *lane, *position, *place),
        C::DeleteTouchpoints { ids } => delete_touchpoints(j, ids),
        C::Connect { transition } => connect(j, transition),
        C::Disconnect { id } => disconnect(j, *id),
        C::SetTransitionField { id, field } => set_transition_field(j, *id, field),
        C::SetJourneyField(field) => set_journey_field(j, field),

        C::AddStage { stage, index } => add_entity(j, stage, *index),
        C::RenameStage { id, name } => rename_entity::<Stage>(j, *id, name),
        C::SetStageGoal { id, goal } => {
            check_len_only("goal", goal)?;
            edit_entity(j, *id, |s: &mut Stage| replace(&mut s.goal, goal))
        }
        C::RemoveStage { id, move_to } => remove_stage(j, *id, *move_to),
        C::ReorderStage { id, to_index } => reorder_entity::<Stage>(j, *id, *to_index),

        C::AddChannel { channel, index } => add_entity(j, channel, *index),
        C::RenameChannel { id, name } => rename_entity::<Channel>(j, *id, name),
        C::SetChannelKind { id, kind } => {
            edit_entity(j, *id, |c: &mut Channel| replace(&mut c.kind, kind))
        }
        C::RemoveChannel { id } => remove_entity::<Channel>(j, *id, |t, id| {
            clear_if(&mut t.channel, |c| *c == Some(id), None)
        }),
        C::ReorderChannel { id, to_index } => reorder_entity::<Channel>(j, *id, *to_index),

        C::AddLane { lane, index } => add_entity(j, lane, *index),
        C::RenameLane { id, name } => rename_entity::<Lane>(j, *id, name),
        C::SetLaneKind { id, kind } => {
            edit_entity(j, *id, |l: &mut Lane| replace(&mut l.kind, kind))
        }
        C::RemoveLane { id } => remove_entity::<Lane>(j, *id, |t, id| {
            clear_if(&mut t.lane, |l| *l == Some(id), None)
        }),
        C::ReorderLane { id, to_index } => reorder_entity::<Lane>(j, *id, *to_index),

        C::AddPartner { partner, index } => add_entity(j, partner, *index),
        C::RenamePartner { id, name } => rename_entity::<Partner>(j, *id, name),
        C::SetPartnerRole { id, role } => {
            edit_entity(j, *id, |p: &mut Partner| replace(&mut p.role, role))
        }
        C::RemovePartner { id } => remove_entity::<Partner>(j, *id, |t, id| {
            clear_if(
                &mut t.delivered_by,
                |d| *d == DeliveredBy::Partner(id),
                DeliveredBy::Brand,
            )
        }),
        C::ReorderPartner { id, to_index } => reorder_entity::<Partner>(j, *id, *to_index),

        C::AddDepartment { department, index } => add_entity(j, department, *index),
        C::RenameDepartment { id, name } => rename_entity::<Department>(j, *id, name),
        C::SetDepartmentKind { id, kind } => {
            edit_entity(j, *id, |d: &mut Department| replace(&mut d.kind, kind))
        }
        C::RemoveDepartment { id } => remove_entity::<Department>(j, *id, |t, id| {
            clear_if(&mut t.owner, |o| *o == Some(id), None)
        }),
        C::ReorderDepartment { id, to_index } => reorder_entity::<Department>(j, *id, *to_index),

        C::AddPersona { persona, index } => add_entity(j, persona, *index),
        C::RenamePersona { id, name } => rename_entity::<Persona>(j, *id, name),
        C::SetPersonaExpectations { id, expectations } => {
            check_len_only("expectations", expectations)?;
            edit_entity(j, *id, |p: &mut Persona| {
                replace(&mut p.expectations, expectations)
            })
        }
        C::SetPersonaNotes { id, notes } => {
            check_len_only("notes", notes)?;
            edit_entity(j, *id, |p: &mut Persona| replace(&mut p.notes, notes))
        }
        C::RemovePersona { id } => remove_entity::<Persona>(j, *id, |t, id| {
            let before = t.personas.len();
            t.personas.retain(|p| *p != id);
            t.personas.len() != before
        }),
        C::ReorderPersona { id, to_index } => reorder_entity::<Persona>(j, *id, *to_index),
    }
}

/// Positions are kept to 1/100 of a canvas unit, far below a pixel. serde_json, as this crate
/// configures it (no `float_roundtrip` feature), reads back numbers of more than 15
/// significant digits up to one unit in the last place off, so an unrounded drag position
/// would not survive save and load; a rounded one has few enough digits to be read exactly.
pub fn snap(p: Position) -> Position {
    let r = |v: f64| {
        let snapped = (v * 100.0).round() / 100.0;
        // Only out-of-range values overflow; they are refused, not stored.
        if snapped.is_finite() {
            snapped
        } else {
            v
        }
    };
    Position {
        x: r(p.x),
        y: r(p.y),
    }
}

fn check_len_only(field: &str, text: &str) -> Result<(), CommandError> {
    first(|r| check_len(field, text, MAX_TEXT_CHARS, r))
}

fn replace<T: PartialEq + Clone>(slot: &mut T, v: &T) -> bool {
    if slot == v {
        false
    } else {
        *slot = v.clone();
        true
    }
}

fn clear_if<T>(slot: &mut T, matches: impl FnOnce(&T) -> bool, empty: T) -> bool {
    if matches(slot) {
        *slot = empty;
        true
    } else {
        false
    }
}

fn missing_touchpoint(id: TouchpointId) -> CommandError {
    CommandError::Missing {
        kind: "touchpoint",
        id: id.0,
    }
}

fn touchpoint_index(j: &Journey, id: TouchpointId) -> Result<usize, CommandError> {
    j.touchpoints
        .iter()
        .position(|t| t.id == id)
        .ok_or_else(|| missing_touchpoint(id))
}

fn transition_index(j: &Journey, id: TransitionId) -> Result<usize, CommandError> {
    j.transitions
        .iter()
        .position(|t| t.id == id)
        .ok_or(CommandError::Missing {
            kind: "transition",
            id: id.0,
        })
}

fn entity_index<E: Entity>(j: &Journey, id: E::Id) -> Result<usize, CommandError> {
    E::list(j)
        .iter()
        .position(|e| e.id() == id)
        .ok_or(CommandError::Missing {
            kind: E::KIND,
            id: id.into(),
        })
}

fn add_touchpoint(j: &mut Journey, t: &Touchpoint) -> Result<Change, CommandError> {
    if j.touchpoint(t.id).is_some() {
        return Err(CommandError::DuplicateId {
            kind: "touchpoint",
            id: t.id.0,
        });
    }
    if j.touchpoints.len() >= MAX_TOUCHPOINTS {
        return Err(CommandError::TooMany {
            what: "touchpoints".into(),
            count: j.touchpoints.len() + 1,
            limit: MAX_TOUCHPOINTS,
        });
    }
    let refs = Refs::of(j);
    first(|r| check_touchpoint(&refs, t, r))?;
    let mut t = t.clone();
    t.position = t.position.map(snap);
    let id = t.id;
    j.touchpoints.push(t);
    Ok(Change {
        added_touchpoints: vec![id],
        ..Change::default()
    })
}

fn set_touchpoint_field(
    j: &mut Journey,
    id: TouchpointId,
    field: &TouchpointField,
) -> Result<Change, CommandError> {
    let i = touchpoint_index(j, id)?;
    let refs = Refs::of(j);
    first(|r| check_touchpoint_field(&refs, field, r))?;
    if field.clone().write(&mut j.touchpoints[i]) {
        Ok(Change::touchpoint(id))
    } else {
        Ok(Change::default())
    }
}

fn move_touchpoint(
    j: &mut Journey,
    id: TouchpointId,
    stage: StageId,
    lane: Option<LaneId>,
    position: Option<Position>,
    place: Place,
) -> Result<Change, CommandError> {
    let i = touchpoint_index(j, id)?;
    let refs = Refs::of(j);
    first(|r| {
        check_touchpoint_field(&refs, &TouchpointField::Stage(stage), r);
        check_touchpoint_field(&refs, &TouchpointField::Lane(lane), r);
        check_touchpoint_field(&refs, &TouchpointField::Position(position), r);
    })?;
    if let Place::Before(other) = place {
        touchpoint_index(j, other)?;
    }
    let position = position.map(snap);
    let t = &mut j.touchpoints[i];
    let moved = t.stage != stage || t.lane != lane || t.position != position;
    t.stage = stage;
    t.lane = lane;
    t.position = position;
    let target = match place {
        Place::Keep => i,
        Place::Last => j.touchpoints.len() - 1,
        Place::Before(other) => {
            let k = touchpoint_index(j, other)?;
            // Removing the touchpoint first shifts everything after it one place left.
            if k > i {
                k - 1
            } else {
                k
            }
        }
    };
    if target != i {
        let t = j.touchpoints.remove(i);
        j.touchpoints.insert(target, t);
    }
    let mut change = Change::default();
    if moved || target != i {
        change.touchpoints.push(id);
    }
    change.touchpoint_order = target != i;
    Ok(change)
}

fn delete_touchpoints(j: &mut Journey, ids: &[TouchpointId]) -> Result<Change, CommandError> {
    if ids.is_empty() {
        return Err(CommandError::NothingToDelete);
    }
    let present: HashSet<TouchpointId> = j.touchpoints.iter().map(|t| t.id).collect();
    if let Some(missing) = ids.iter().find(|id| !present.contains(id)) {
        return Err(missing_touchpoint(*missing));
    }
    let doomed: HashSet<TouchpointId> = ids.iter().copied().collect();
    let removed_touchpoints: Vec<TouchpointId> = j
        .touchpoints
        .iter()
        .filter(|t| doomed.contains(&t.id))
        .map(|t| t.id)
        .collect();
    let removed_transitions: Vec<TransitionId> = j
        .transitions
        .iter()
        .filter(|t| doomed.contains(&t.from) || doomed.contains(&t.to))
        .map(|t| t.id)
        .collect();
    j.touchpoints.retain(|t| !doomed.contains(&t.id));
    j.transitions
        .retain(|t| !(doomed.contains(&t.from) || doomed.contains(&t.to)));
    let note = match removed_transitions.len() {
        0 => None,
        1 => Some("1 transition to or from them was removed too".to_string()),
        n => Some(format!("{n} transitions to or from them were removed too")),
    };
    Ok(Change {
        removed_touchpoints,
        removed_transitions,
        note,
        ..Change::default()
    })
}

fn touchpoint_name(j: &Journey, id: TouchpointId) -> String {
    j.touchpoint(id).map(|t| t.name.clone()).unwrap_or_default()
}

/// Refuses a second transition with the same ends and kind; `except` is the one being edited.
fn check_not_duplicate(
    j: &Journey,
    from: TouchpointId,
    to: TouchpointId,
    kind: TransitionKind,
    except: Option<TransitionId>,
) -> Result<(), CommandError> {
    let clash = j
        .transitions
        .iter()
        .any(|t| Some(t.id) != except && t.from == from && t.to == to && t.kind == kind);
    if clash {
        Err(CommandError::DuplicateTransition {
            from: touchpoint_name(j, from),
            to: touchpoint_name(j, to),
            kind,
        })
    } else {
        Ok(())
    }
}

fn connect(j: &mut Journey, t: &Transition) -> Result<Change, CommandError> {
    if j.transition(t.id).is_some() {
        return Err(CommandError::DuplicateId {
            kind: "transition",
            id: t.id.0,
        });
    }
    if j.transitions.len() >= MAX_TRANSITIONS {
        return Err(CommandError::TooMany {
            what: "transitions".into(),
            count: j.transitions.len() + 1,
            limit: MAX_TRANSITIONS,
        });
    }
    touchpoint_index(j, t.from)?;
    touchpoint_index(j, t.to)?;
    first(|r| check_len("label", &t.label, MAX_NAME_CHARS, r))?;
    check_not_duplicate(j, t.from, t.to, t.kind, None)?;
    j.transitions.push(t.clone());
    Ok(Change {
        added_transitions: vec![t.id],
        ..Change::default()
    })
}

fn disconnect(j: &mut Journey, id: TransitionId) -> Result<Change, CommandError> {
    let i = transition_index(j, id)?;
    j.transitions.remove(i);
    Ok(Change {
        removed_transitions: vec![id],
        ..Change::default()
    })
}

fn set_transition_field(
    j: &mut Journey,
    id: TransitionId,
    field: &TransitionField,
) -> Result<Change, CommandError> {
    let i = transition_index(j, id)?;
    let t = &j.transitions[i];
    match field {
        TransitionField::Label(v) => first(|r| check_len("label", v, MAX_NAME_CHARS, r))?,
        TransitionField::Kind(k) => check_not_duplicate(j, t.from, t.to, *k, Some(id))?,
        TransitionField::CarriesContext(_) => {}
    }
    let t = &mut j.transitions[i];
    let changed = match field {
        TransitionField::Label(v) => replace(&mut t.label, v),
        TransitionField::Kind(k) => replace(&mut t.kind, k),
        TransitionField::CarriesContext(c) => replace(&mut t.carries_context, c),
    };
    let mut change = Change::default();
    if changed {
        change.transitions.push(id);
    }
    Ok(change)
}

fn set_journey_field(j: &mut Journey, field: &JourneyField) -> Result<Change, CommandError> {
    first(|r| check_journey_field(field, r))?;
    let changed = match field {
        JourneyField::Title(v) => replace(&mut j.title, v),
        JourneyField::Description(v) => replace(&mut j.description, v),
        JourneyField::Scope(v) => replace(&mut j.scope, v),
        JourneyField::State(v) => replace(&mut j.state, v),
        JourneyField::PromiseStatement(v) => replace(&mut j.promise.statement, v),
        JourneyField::ProofPoints(v) => replace(&mut j.promise.proof_points, v),
        JourneyField::CustomerValues(v) => replace(&mut j.promise.customer_values, v),
    };
    Ok(Change {
        journey: changed,
        ..Change::default()
    })
}

/// Stage names must differ (ignoring case and surrounding spaces): they head the columns of
/// the map and a reader could not tell two "Buy" columns apart.
fn check_stage_name_free<E: Entity>(
    j: &Journey,
    id: E::Id,
    name: &str,
) -> Result<(), CommandError> {
    if E::LIST != List::Stages {
        return Ok(());
    }
    let key = stage_name_key(name);
    let taken = E::list(j)
        .iter()
        .any(|e| e.id() != id && stage_name_key(e.name()) == key);
    if taken {
        Err(CommandError::DuplicateStageName {
            name: name.trim().to_string(),
        })
    } else {
        Ok(())
    }
}

fn add_entity<E: Entity>(
    j: &mut Journey,
    e: &E,
    index: Option<usize>,
) -> Result<Change, CommandError> {
    let len = E::list(j).len();
    if E::list(j).iter().any(|x| x.id() == e.id()) {
        return Err(CommandError::DuplicateId {
            kind: E::KIND,
            id: e.id().into(),
        });
    }
    if len >= MAX_STRUCTURE_ITEMS {
        return Err(CommandError::TooMany {
            what: E::LIST.field().into(),
            count: len + 1,
            limit: MAX_STRUCTURE_ITEMS,
        });
    }
    first(|r| check_entity(e, r))?;
    check_stage_name_free::<E>(j, e.id(), e.name())?;
    let at = index.unwrap_or(len);
    if at > len {
        return Err(CommandError::IndexOutOfRange {
            list: E::LIST.field(),
            index: at,
            len,
        });
    }
    E::list_mut(j).insert(at, e.clone());
    Ok(Change::list(E::LIST))
}

fn rename_entity<E: Entity>(
    j: &mut Journey,
    id: E::Id,
    name: &str,
) -> Result<Change, CommandError> {
    let i = entity_index::<E>(j, id)?;
    first(|r| check_name(E::KIND, name, r))?;
    check_stage_name_free::<E>(j, id, name)?;
    let slot = E::list_mut(j)[i].name_mut();
    if slot == name {
        return Ok(Change::default());
    }
    *slot = name.to_string();
    Ok(Change::list(E::LIST))
}

fn edit_entity<E: Entity>(
    j: &mut Journey,
    id: E::Id,
    edit: impl FnOnce(&mut E) -> bool,
) -> Result<Change, CommandError> {
    let i = entity_index::<E>(j, id)?;
    if edit(&mut E::list_mut(j)[i]) {
        Ok(Change::list(E::LIST))
    } else {
        Ok(Change::default())
    }
}

fn reorder_entity<E: Entity>(
    j: &mut Journey,
    id: E::Id,
    to: usize,
) -> Result<Change, CommandError> {
    let i = entity_index::<E>(j, id)?;
    let list = E::list_mut(j);
    if to >= list.len() {
        return Err(CommandError::IndexOutOfRange {
            list: E::LIST.field(),
            index: to,
            len: list.len(),
        });
    }
    if to == i {
        return Ok(Change::default());
    }
    let e = list.remove(i);
    list.insert(to, e);
    Ok(Change::list(E::LIST))
}

/// Removes an entity and clears every touchpoint reference to it (`clear` returns whether it
/// changed the touchpoint).
fn remove_entity<E: Entity>(
    j: &mut Journey,
    id: E::Id,
    clear: impl Fn(&mut Touchpoint, E::Id) -> bool,
) -> Result<Change, CommandError> {
    let i = entity_index::<E>(j, id)?;
    let removed = E::list_mut(j).remove(i);
    let mut change = Change::list(E::LIST);
    for t in &mut j.touchpoints {
        if clear(t, id) {
            change.touchpoints.push(t.id);
        }
    }
    let n = change.touchpoints.len();
    if n > 0 {
        let (one, many) = match E::LIST {
            List::Channels => ("has no channel now", "have no channel now"),
            List::Lanes => ("is now in \"No lane\"", "are now in \"No lane\""),
            List::Partners => (
                "is now delivered by the brand",
                "are now delivered by the brand",
            ),
            List::Departments => ("has no owner now", "have no owner now"),
            List::Stages | List::Personas => (
                "no longer names this persona",
                "no longer name this persona",
            ),
        };
        let (count, verb) = if n == 1 {
            ("1 touchpoint".to_string(), one)
        } else {
            (format!("{n} touchpoints"), many)
        };
        change.note = Some(format!(
            "removed {} \"{}\"; {count} {verb}",
            E::KIND,
            removed.name()
        ));
    }
    Ok(change)
}

fn remove_stage(
    j: &mut Journey,
    id: StageId,
    move_to: Option<StageId>,
) -> Result<Change, CommandError> {
    let i = entity_index::<Stage>(j, id)?;
    let held = j.touchpoints_in(id).count();
    if let Some(target) = move_to {
        if target == id {
            return Err(CommandError::MoveToRemovedStage);
        }
        entity_index::<Stage>(j, target)?;
    }
    let target = match (held, move_to) {
        (0, _) => None,
        (n, None) => {
            return Err(CommandError::StageNotEmpty {
                name: j.stages[i].name.clone(),
                touchpoints: n,
            })
        }
        (_, Some(target)) => Some(target),
    };
    let removed = j.stages.remove(i);
    let mut change = Change::list(List::Stages);
    if let Some(target) = target {
        for t in j.touchpoints.iter_mut().filter(|t| t.stage == id) {
            t.stage = target;
            change.touchpoints.push(t.id);
        }
        let target_name = &j.stages[entity_index::<Stage>(j, target)?].name;
        change.note = Some(format!(
            "removed stage \"{}\"; {} moved to \"{target_name}\"",
            removed.name,
            if held == 1 {
                "1 touchpoint".to_string()
            } else {
                format!("{held} touchpoints")
            }
        ));
    }
    Ok(change)
}

#[cfg(test)]
mod tests;
