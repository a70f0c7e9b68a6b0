//! The journey: what a CX designer models, in their words.
//!
//! Pure data. No I/O, no browser crates. Every entity carries a stable id (see [`id`]);
//! lists keep the order the user chose (stages left to right, lanes top to bottom).
//! "Unrated" and "empty" are `None` or an empty string, never zero.

pub mod entity;
pub mod id;
pub mod scale;

pub use entity::{Entity, List};
pub use id::*;
pub use scale::*;

use serde::{Deserialize, Serialize};

/// A whole journey: scope, promise, the people it is for, its structure and its touchpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Journey {
    pub title: String,
    pub description: String,
    /// What this journey covers and what it leaves out.
    pub scope: String,
    pub state: JourneyState,
    pub promise: BrandPromise,
    pub personas: Vec<Persona>,
    pub stages: Vec<Stage>,
    pub channels: Vec<Channel>,
    pub lanes: Vec<Lane>,
    pub partners: Vec<Partner>,
    pub departments: Vec<Department>,
    pub touchpoints: Vec<Touchpoint>,
    pub transitions: Vec<Transition>,
}

/// As-is (today's experience) or to-be (the designed one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum JourneyState {
    #[default]
    AsIs,
    ToBe,
}

/// The brand promise for this journey, with what proves it and the values behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct BrandPromise {
    pub statement: String,
    pub proof_points: Vec<String>,
    /// The customer values that drive retention and advocacy.
    pub customer_values: Vec<String>,
}

/// A target customer: a persona or a segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub id: PersonaId,
    pub name: String,
    #[serde(default)]
    pub expectations: String,
    #[serde(default)]
    pub notes: String,
}

/// A phase of the journey, from the customer's side (discover, choose, buy...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub id: StageId,
    pub name: String,
    #[serde(default)]
    pub goal: String,
}

/// Where the brand and the customer can address each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub id: ChannelId,
    pub name: String,
    #[serde(default)]
    pub kind: ChannelKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ChannelKind {
    Web,
    App,
    Phone,
    Chat,
    Email,
    Store,
    Social,
    FieldVisit,
    Mail,
    Partner,
    #[default]
    Custom,
}

impl ChannelKind {
    pub const ALL: [ChannelKind; 11] = [
        ChannelKind::Web,
        ChannelKind::App,
        ChannelKind::Phone,
        ChannelKind::Chat,
        ChannelKind::Email,
        ChannelKind::Store,
        ChannelKind::Social,
        ChannelKind::FieldVisit,
        ChannelKind::Mail,
        ChannelKind::Partner,
        ChannelKind::Custom,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ChannelKind::Web => "Web",
            ChannelKind::App => "App",
            ChannelKind::Phone => "Phone",
            ChannelKind::Chat => "Chat",
            ChannelKind::Email => "Email",
            ChannelKind::Store => "Store",
            ChannelKind::Social => "Social",
            ChannelKind::FieldVisit => "Field visit",
            ChannelKind::Mail => "Mail",
            ChannelKind::Partner => "Partner",
            ChannelKind::Custom => "Custom",
        }
    }
}

/// A service-blueprint layer a touchpoint can sit in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    pub id: LaneId,
    pub name: String,
    #[serde(default)]
    pub kind: LaneKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum LaneKind {
    CustomerAction,
    #[default]
    FrontStage,
    BackStage,
    SupportProcess,
}

impl LaneKind {
    /// Front-stage lanes are what the customer sees; the line of visibility runs below them.
    pub fn visible_to_customer(self) -> bool {
        matches!(self, LaneKind::CustomerAction | LaneKind::FrontStage)
    }

    pub fn label(self) -> &'static str {
        match self {
            LaneKind::CustomerAction => "Customer action",
            LaneKind::FrontStage => "Front stage",
            LaneKind::BackStage => "Back stage",
            LaneKind::SupportProcess => "Support process",
        }
    }
}

/// Someone who delivers touchpoints on the brand's behalf. The brand can contract out the
/// task, never the responsibility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub id: PartnerId,
    pub name: String,
    #[serde(default)]
    pub role: PartnerRole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum PartnerRole {
    Dealer,
    Retailer,
    Installer,
    OutsourcedSupport,
    #[default]
    Other,
}

impl PartnerRole {
    pub fn label(self) -> &'static str {
        match self {
            PartnerRole::Dealer => "Dealer",
            PartnerRole::Retailer => "Retailer",
            PartnerRole::Installer => "Installer",
            PartnerRole::OutsourcedSupport => "Outsourced support",
            PartnerRole::Other => "Partner",
        }
    }
}

/// A department that owns touchpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub id: DepartmentId,
    pub name: String,
    #[serde(default)]
    pub kind: DepartmentKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum DepartmentKind {
    Marketing,
    Sales,
    Service,
    Operations,
    It,
    #[default]
    Custom,
}

/// Who delivers a touchpoint: the brand's own people, or a named partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case", tag = "by", content = "partner")]
pub enum DeliveredBy {
    #[default]
    Brand,
    Partner(PartnerId),
}

/// Whether something is defined/prescribed (tight) or left open (loose).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tightness {
    Tight,
    Loose,
}

/// The loose/tight quadrant of a touchpoint, from its experience and behaviour settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quadrant {
    /// Tight experience, loose behaviour: the target for most touchpoints.
    BrandedFreedom,
    /// Tight experience, tight behaviour: right only where rules demand it.
    Scripted,
    /// Loose experience, loose behaviour: inconsistent.
    Improvised,
    /// Loose experience, tight behaviour: scripts without a purpose, the common failure.
    Reversed,
}

impl Quadrant {
    pub fn of(experience: Tightness, behaviour: Tightness) -> Quadrant {
        match (experience, behaviour) {
            (Tightness::Tight, Tightness::Loose) => Quadrant::BrandedFreedom,
            (Tightness::Tight, Tightness::Tight) => Quadrant::Scripted,
            (Tightness::Loose, Tightness::Loose) => Quadrant::Improvised,
            (Tightness::Loose, Tightness::Tight) => Quadrant::Reversed,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Quadrant::BrandedFreedom => "Branded freedom",
            Quadrant::Scripted => "Scripted",
            Quadrant::Improvised => "Improvised",
            Quadrant::Reversed => "Reversed",
        }
    }
}

/// How well a touchpoint is backed by research.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    Assumption,
    Anecdote,
    Research,
    Data,
}

/// The four tests of a managed experience, each unrated or 1-5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Criteria {
    pub consistent: Option<Rating>,
    pub intentional: Option<Rating>,
    pub differentiated: Option<Rating>,
    pub valuable: Option<Rating>,
}

/// What back-stage support a touchpoint needs from each of the four enablers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Support {
    pub culture: String,
    pub people: String,
    pub process: String,
    pub technology: String,
}

impl Support {
    pub fn is_empty(&self) -> bool {
        [&self.culture, &self.people, &self.process, &self.technology]
            .iter()
            .all(|s| s.trim().is_empty())
    }
}

/// A point on the canvas, in canvas units.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

// Equality on positions is total: coordinates are finite (JSON has no NaN, commands and
// validation refuse out-of-range values). Being `Eq` lets `Rc<Journey>` compare by pointer
// first, which the UI does on every render.
impl Eq for Position {}

/// One interaction between the customer and the brand, named in the customer's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Touchpoint {
    pub id: TouchpointId,
    pub name: String,
    pub stage: StageId,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub channel: Option<ChannelId>,
    #[serde(default)]
    pub lane: Option<LaneId>,
    #[serde(default)]
    pub delivered_by: DeliveredBy,
    #[serde(default)]
    pub owner: Option<DepartmentId>,
    #[serde(default)]
    pub customer_action: String,
    #[serde(default)]
    pub expectation: String,
    /// Current performance against the expectation, 1-5.
    #[serde(default)]
    pub performance: Option<Rating>,
    /// How much this touchpoint matters to the customer, 1-5.
    #[serde(default)]
    pub importance: Option<Rating>,
    #[serde(default)]
    pub emotion: Option<Emotion>,
    #[serde(default)]
    pub moment_of_truth: bool,
    /// The journey legitimately ends here (a dead end that is not a defect).
    #[serde(default)]
    pub journey_end: bool,
    #[serde(default)]
    pub promise_note: String,
    #[serde(default)]
    pub proof_point: String,
    #[serde(default)]
    pub differentiation_note: String,
    /// Deliberately no different from competitors: a choice, not an accident.
    #[serde(default)]
    pub parity: bool,
    #[serde(default)]
    pub experience: Option<Tightness>,
    #[serde(default)]
    pub behaviour: Option<Tightness>,
    /// What staff may decide here.
    #[serde(default)]
    pub latitude_note: String,
    /// What must be true every time.
    #[serde(default)]
    pub standard_note: String,
    #[serde(default)]
    pub criteria: Criteria,
    #[serde(default)]
    pub support: Support,
    #[serde(default)]
    pub pain_points: Vec<String>,
    #[serde(default)]
    pub opportunities: Vec<String>,
    #[serde(default)]
    pub kpis: Vec<String>,
    #[serde(default)]
    pub evidence: Option<Evidence>,
    /// Personas this touchpoint applies to; empty means all.
    #[serde(default)]
    pub personas: Vec<PersonaId>,
    #[serde(default)]
    pub position: Option<Position>,
}

impl Touchpoint {
    /// A touchpoint with a name and a stage and every other field empty or unrated.
    pub fn new(id: TouchpointId, name: impl Into<String>, stage: StageId) -> Self {
        Touchpoint {
            id,
            name: name.into(),
            stage,
            description: String::new(),
            channel: None,
            lane: None,
            delivered_by: DeliveredBy::Brand,
            owner: None,
            customer_action: String::new(),
            expectation: String::new(),
            performance: None,
            importance: None,
            emotion: None,
            moment_of_truth: false,
            journey_end: false,
            promise_note: String::new(),
            proof_point: String::new(),
            differentiation_note: String::new(),
            parity: false,
            experience: None,
            behaviour: None,
            latitude_note: String::new(),
            standard_note: String::new(),
            criteria: Criteria::default(),
            support: Support::default(),
            pain_points: Vec::new(),
            opportunities: Vec::new(),
            kpis: Vec::new(),
            evidence: None,
            personas: Vec::new(),
            position: None,
        }
    }

    /// The loose/tight quadrant, once both settings are chosen.
    pub fn quadrant(&self) -> Option<Quadrant> {
        Some(Quadrant::of(self.experience?, self.behaviour?))
    }
}

/// A directed step from one touchpoint to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    pub id: TransitionId,
    pub from: TouchpointId,
    pub to: TouchpointId,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub kind: TransitionKind,
    /// Whether what the customer already told or did travels with them across this step.
    #[serde(default)]
    pub carries_context: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum TransitionKind {
    #[default]
    Next,
    Alternative,
    Recovery,
    Return,
}

impl TransitionKind {
    pub fn label(self) -> &'static str {
        match self {
            TransitionKind::Next => "Next step",
            TransitionKind::Alternative => "Alternative",
            TransitionKind::Recovery => "Failure / recovery",
            TransitionKind::Return => "Return visit",
        }
    }
}

impl Journey {
    pub fn stage(&self, id: StageId) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }
    pub fn channel(&self, id: ChannelId) -> Option<&Channel> {
        self.channels.iter().find(|c| c.id == id)
    }
    pub fn lane(&self, id: LaneId) -> Option<&Lane> {
        self.lanes.iter().find(|l| l.id == id)
    }
    pub fn partner(&self, id: PartnerId) -> Option<&Partner> {
        self.partners.iter().find(|p| p.id == id)
    }
    pub fn department(&self, id: DepartmentId) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }
    pub fn persona(&self, id: PersonaId) -> Option<&Persona> {
        self.personas.iter().find(|p| p.id == id)
    }
    pub fn touchpoint(&self, id: TouchpointId) -> Option<&Touchpoint> {
        self.touchpoints.iter().find(|t| t.id == id)
    }
    pub fn touchpoint_mut(&mut self, id: TouchpointId) -> Option<&mut Touchpoint> {
        self.touchpoints.iter_mut().find(|t| t.id == id)
    }
    pub fn transition(&self, id: TransitionId) -> Option<&Transition> {
        self.transitions.iter().find(|t| t.id == id)
    }

    /// Position of a stage in the left-to-right order.
    pub fn stage_index(&self, id: StageId) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    /// Touchpoints of one stage, in journey order.
    pub fn touchpoints_in(&self, stage: StageId) -> impl Iterator<Item = &Touchpoint> {
        self.touchpoints.iter().filter(move |t| t.stage == stage)
    }

    /// Who delivers a touchpoint, as a reader would say it.
    pub fn delivered_by_name(&self, t: &Touchpoint) -> String {
        match t.delivered_by {
            DeliveredBy::Brand => "Brand".to_string(),
            DeliveredBy::Partner(p) => self
                .partner(p)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| "Unknown partner".to_string()),
        }
    }
}
