//! Imports: other formats into a journey. Each importer is a pure function of the text (and,
//! where it has to make new entities, an id generator the caller seeds), and is all or
//! nothing: it returns a journey that passes [`crate::format::validate`], or every problem it
//! found, each with where it is (line and column, or row and column name). Never a
//! half-imported journey.

pub mod csv;
pub mod json;
pub mod mermaid;

use crate::model::*;
use std::collections::HashMap;
use std::fmt;

/// One problem in an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// 1-based line of the text, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters) of the text, when known.
    pub column: Option<usize>,
    /// CSV: the data row, 1 for the first row after the header.
    pub row: Option<usize>,
    /// CSV: the column name; JSON: the path of the value.
    pub field: Option<String>,
    pub message: String,
}

impl ImportProblem {
    pub fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        ImportProblem {
            line: Some(line),
            column: Some(column),
            row: None,
            field: None,
            message: message.into(),
        }
    }

    pub fn whole(message: impl Into<String>) -> Self {
        ImportProblem {
            line: None,
            column: None,
            row: None,
            field: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut place = Vec::new();
        if let Some(r) = self.row {
            place.push(format!("row {r}"));
        }
        match (&self.field, self.row.is_some()) {
            (Some(name), true) => place.push(format!("column \"{name}\"")),
            (Some(path), false) => place.push(path.clone()),
            _ => {}
        }
        match (self.line, self.column) {
            (Some(l), Some(_)) if self.row.is_some() => place.push(format!("(line {l})")),
            (Some(l), Some(c)) => place.push(format!("line {l}, column {c}")),
            (Some(l), None) => place.push(format!("line {l}")),
            _ => {}
        }
        if place.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(
                f,
                "{}: {}",
                place.join(", ").replace(", (", " ("),
                self.message
            )
        }
    }
}

/// Why an import was refused: every problem found, never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub problems: Vec<ImportProblem>,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportError {}

/// Finishes an import: refuses it if anything was wrong, else checks every rule of the file
/// format so an importer's bug cannot hand over a journey the editor would refuse to load.
pub(crate) fn finish(j: Journey, problems: Vec<ImportProblem>) -> Result<Journey, ImportError> {
    if !problems.is_empty() {
        return Err(ImportError { problems });
    }
    let invalid: Vec<ImportProblem> = crate::format::validate(&j)
        .into_iter()
        .map(|p| ImportProblem {
            field: Some(p.path),
            ..ImportProblem::whole(p.message)
        })
        .collect();
    if invalid.is_empty() {
        Ok(j)
    } else {
        Err(ImportError { problems: invalid })
    }
}

/// How names are matched when an importer creates entities by name: trimmed and
/// case-insensitive, as stage names are kept unique.
pub(crate) fn name_key(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Entities created by name during an import, so the same name always gives the same id.
#[derive(Default)]
pub(crate) struct ByName {
    stages: HashMap<String, StageId>,
    channels: HashMap<String, ChannelId>,
    lanes: HashMap<String, LaneId>,
    partners: HashMap<String, PartnerId>,
    departments: HashMap<String, DepartmentId>,
    personas: HashMap<String, PersonaId>,
}

impl ByName {
    pub fn stage(&mut self, j: &mut Journey, ids: &mut IdGen, name: &str) -> StageId {
        *self.stages.entry(name_key(name)).or_insert_with(|| {
            let id = ids.id();
            j.stages.push(Stage {
                id,
                name: name.trim().to_string(),
                goal: String::new(),
            });
            id
        })
    }

    pub fn channel(&mut self, j: &mut Journey, ids: &mut IdGen, name: &str) -> ChannelId {
        *self.channels.entry(name_key(name)).or_insert_with(|| {
            let id = ids.id();
            let kind = ChannelKind::ALL
                .into_iter()
                .find(|k| name_key(k.label()) == name_key(name))
                .unwrap_or_default();
            j.channels.push(Channel {
                id,
                name: name.trim().to_string(),
                kind,
            });
            id
        })
    }

    pub fn lane(&mut self, j: &mut Journey, ids: &mut IdGen, name: &str) -> LaneId {
        *self.lanes.entry(name_key(name)).or_insert_with(|| {
            let id = ids.id();
            let kind = [
                LaneKind::CustomerAction,
                LaneKind::FrontStage,
                LaneKind::BackStage,
                LaneKind::SupportProcess,
            ]
            .into_iter()
            .find(|k| name_key(k.label()) == name_key(name))
            .unwrap_or_default();
            j.lanes.push(Lane {
                id,
                name: name.trim().to_string(),
                kind,
            });
            id
        })
    }

    pub fn partner(&mut self, j: &mut Journey, ids: &mut IdGen, name: &str) -> PartnerId {
        *self.partners.entry(name_key(name)).or_insert_with(|| {
            let id = ids.id();
            j.partners.push(Partner {
                id,
                name: name.trim().to_string(),
                role: PartnerRole::default(),
            });
            id
        })
    }

    pub fn department(&mut self, j: &mut Journey, ids: &mut IdGen, name: &str) -> DepartmentId {
        *self.departments.entry(name_key(name)).or_insert_with(|| {
            let id = ids.id();
            let kind = match name_key(name).as_str() {
                "marketing" => DepartmentKind::Marketing,
                "sales" => DepartmentKind::Sales,
                "service" | "customer service" => DepartmentKind::Service,
                "operations" => DepartmentKind::Operations,
                "it" => DepartmentKind::It,
                _ => DepartmentKind::Custom,
            };
            j.departments.push(Department {
                id,
                name: name.trim().to_string(),
                kind,
            });
            id
        })
    }

    pub fn persona(&mut self, j: &mut Journey, ids: &mut IdGen, name: &str) -> PersonaId {
        *self.personas.entry(name_key(name)).or_insert_with(|| {
            let id = ids.id();
            j.personas.push(Persona {
                id,
                name: name.trim().to_string(),
                expectations: String::new(),
                notes: String::new(),
            });
            id
        })
    }
}
