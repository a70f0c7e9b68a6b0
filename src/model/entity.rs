//! What the six structural lists (stages, channels, lanes, partners, departments, personas)
//! have in common, so commands and validation treat them alike instead of six copies.

use super::*;

/// Which structural list of a journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum List {
    Stages,
    Channels,
    Lanes,
    Partners,
    Departments,
    Personas,
}

impl List {
    pub const ALL: [List; 6] = [
        List::Stages,
        List::Channels,
        List::Lanes,
        List::Partners,
        List::Departments,
        List::Personas,
    ];

    /// The list's field name in the journey and in the file format.
    pub fn field(self) -> &'static str {
        match self {
            List::Stages => "stages",
            List::Channels => "channels",
            List::Lanes => "lanes",
            List::Partners => "partners",
            List::Departments => "departments",
            List::Personas => "personas",
        }
    }
}

/// A named entity that lives in one of the structural lists.
pub trait Entity: Clone {
    type Id: Copy + Eq + std::hash::Hash + Into<u64>;
    /// Singular noun used in messages: "stage", "channel"...
    const KIND: &'static str;
    const LIST: List;
    fn id(&self) -> Self::Id;
    fn name(&self) -> &str;
    fn name_mut(&mut self) -> &mut String;
    fn list(j: &Journey) -> &Vec<Self>;
    fn list_mut(j: &mut Journey) -> &mut Vec<Self>;
    /// Free-text fields other than the name, with their field names, for length limits.
    fn texts(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }
}

macro_rules! entity {
    ($ty:ident, $id:ident, $kind:literal, $list:ident, $field:ident) => {
        impl From<$id> for u64 {
            fn from(id: $id) -> u64 {
                id.0
            }
        }
        impl Entity for $ty {
            type Id = $id;
            const KIND: &'static str = $kind;
            const LIST: List = List::$list;
            fn id(&self) -> $id {
                self.id
            }
            fn name(&self) -> &str {
                &self.name
            }
            fn name_mut(&mut self) -> &mut String {
                &mut self.name
            }
            fn list(j: &Journey) -> &Vec<Self> {
                &j.$field
            }
            fn list_mut(j: &mut Journey) -> &mut Vec<Self> {
                &mut j.$field
            }
            entity!(@texts $ty);
        }
    };
    (@texts Stage) => {
        fn texts(&self) -> Vec<(&'static str, &str)> {
            vec![("goal", &self.goal)]
        }
    };
    (@texts Persona) => {
        fn texts(&self) -> Vec<(&'static str, &str)> {
            vec![("expectations", &self.expectations), ("notes", &self.notes)]
        }
    };
    (@texts $other:ident) => {};
}

entity!(Stage, StageId, "stage", Stages, stages);
entity!(Channel, ChannelId, "channel", Channels, channels);
entity!(Lane, LaneId, "lane", Lanes, lanes);
entity!(Partner, PartnerId, "partner", Partners, partners);
entity!(
    Department,
    DepartmentId,
    "department",
    Departments,
    departments
);
entity!(Persona, PersonaId, "persona", Personas, personas);

impl From<TouchpointId> for u64 {
    fn from(id: TouchpointId) -> u64 {
        id.0
    }
}

impl From<TransitionId> for u64 {
    fn from(id: TransitionId) -> u64 {
        id.0
    }
}
