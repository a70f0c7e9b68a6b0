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

    /// A problem with the file as a whole, shown as `file: ...` like the journey format's.
    pub fn file(message: impl Into<String>) -> Self {
        ImportProblem {
            field: Some("file".into()),
            ..ImportProblem::whole(message)
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

/// The reader a file's name picks, as the app's "Open file" picks it: `.csv` a workshop
/// spreadsheet, `.mmd`/`.mermaid` a Mermaid journey, anything else the journey file format.
/// Returns the journey, or every problem as the app lists them, one line each.
///
/// Reads the file's bytes (decoded as [`crate::format::text::decode`] says), so a CSV or
/// Mermaid file is refused for a byte that is not UTF-8, at its place, but not for a U+FFFD
/// it really holds (a journey holding one exports to CSV and opens again).
pub fn open_bytes(name: &str, bytes: &[u8], ids: &mut IdGen) -> Result<Journey, Vec<String>> {
    let decoded = crate::format::text::decode(bytes);
    open(name, &decoded.text, decoded.not_utf8_at, ids)
}

/// [`open_bytes`] for text whose bytes are gone: a U+FFFD in a CSV or Mermaid text is taken
/// for a byte that was not UTF-8.
pub fn open_named(name: &str, text: &str, ids: &mut IdGen) -> Result<Journey, Vec<String>> {
    open(name, text, text.find(char::REPLACEMENT_CHARACTER), ids)
}

fn open(
    name: &str,
    text: &str,
    not_utf8_at: Option<usize>,
    ids: &mut IdGen,
) -> Result<Journey, Vec<String>> {
    let lower = name.to_ascii_lowercase();
    let imported = if lower.ends_with(".csv") {
        csv::read(text, not_utf8_at, ids)
    } else if lower.ends_with(".mmd") || lower.ends_with(".mermaid") {
        mermaid::read(text, not_utf8_at, ids)
    } else {
        return crate::format::load(text)
            .map_err(|e| e.problems.iter().map(|p| p.to_string()).collect());
    };
    imported.map_err(|e| e.problems.iter().map(|p| p.to_string()).collect())
}

/// Refuses text no importer should parse: over the size limit, binary, UTF-16 without a
/// byte-order mark, or with a byte that was not UTF-8 at `not_utf8_at` (see
/// [`crate::format::text`]). `hint` follows the message when the text was not UTF-8 (how to
/// save it properly).
pub(crate) fn check_text(
    text: &str,
    not_utf8_at: Option<usize>,
    hint: &str,
) -> Result<(), ImportError> {
    crate::format::text::check(text, not_utf8_at).map_err(|fault| {
        let mut p = ImportProblem::whole(fault.to_string());
        if matches!(fault, crate::format::text::Fault::NotUtf8 { .. }) {
            p.message.push_str(hint);
        }
        match fault.place() {
            Some((line, column)) => {
                p.line = Some(line);
                p.column = Some(column);
            }
            // About the whole file, said as the journey file format says it.
            None => p.field = Some("file".into()),
        }
        ImportError { problems: vec![p] }
    })
}

/// Where an importer read things from, so that a rule broken by what it read (a name over
/// the length limit, too many entries) is reported at the row or line the user wrote rather
/// than at a JSON path they never saw.
#[derive(Default)]
pub(crate) struct Origins {
    /// Where each touchpoint was read, in the journey's order.
    pub touchpoints: Vec<Origin>,
    /// Stages that have a line of their own (a Mermaid section).
    pub stages: HashMap<StageId, Origin>,
    pub title: Option<Origin>,
    pub description: Option<Origin>,
    /// Names a field for the user: from the list (`touchpoints`, `stages`...) and the rest
    /// of the path (`name`, `pain_points[2]`), the 1-based column when the format has
    /// columns, and a label.
    pub field: Option<FieldNamer>,
}

pub(crate) type FieldNamer = Box<dyn Fn(&str, &str) -> (Option<usize>, String)>;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Origin {
    /// CSV: the data row.
    pub row: Option<usize>,
    pub line: usize,
    pub column: usize,
}

impl Origins {
    /// The place of a validation problem at `path` in `j`, if it came from one place.
    fn locate(&self, j: &Journey, path: &str) -> Option<ImportProblem> {
        let here = |o: Origin, column: Option<usize>, label: String| ImportProblem {
            line: Some(o.line),
            column: Some(column.unwrap_or(o.column)),
            row: o.row,
            field: Some(label),
            message: String::new(),
        };
        match path {
            "journey.title" => return self.title.map(|o| here(o, None, "title".into())),
            "journey.description" => {
                return self
                    .description
                    .map(|o| here(o, None, "description".into()))
            }
            _ => {}
        }
        let rest = path.strip_prefix("journey.")?;
        let (list, rest) = rest.split_once('[')?;
        let (index, rest) = rest.split_once(']')?;
        let index: usize = index.parse().ok()?;
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        let name = |list: &str, rest: &str| match &self.field {
            Some(f) => f(list, rest),
            None => (None, format!("{list}.{rest}")),
        };
        let first_use = |uses: &dyn Fn(&Touchpoint) -> bool| {
            j.touchpoints
                .iter()
                .position(uses)
                .and_then(|i| self.touchpoints.get(i).copied())
        };
        let origin = match list {
            "touchpoints" => self.touchpoints.get(index).copied(),
            "transitions" => {
                let from = j.transitions.get(index)?.from;
                first_use(&|t| t.id == from)
            }
            "stages" => {
                let id = j.stages.get(index)?.id;
                self.stages
                    .get(&id)
                    .copied()
                    .or_else(|| first_use(&|t| t.stage == id))
            }
            "lanes" => {
                let id = j.lanes.get(index)?.id;
                first_use(&|t| t.lane == Some(id))
            }
            "channels" => {
                let id = j.channels.get(index)?.id;
                first_use(&|t| t.channel == Some(id))
            }
            "departments" => {
                let id = j.departments.get(index)?.id;
                first_use(&|t| t.owner == Some(id))
            }
            "partners" => {
                let id = j.partners.get(index)?.id;
                first_use(&|t| t.delivered_by == DeliveredBy::Partner(id))
            }
            "personas" => {
                let id = j.personas.get(index)?.id;
                first_use(&|t| t.personas.contains(&id))
            }
            _ => None,
        }?;
        let (column, label) = name(list, rest);
        Some(here(origin, column, label))
    }
}

/// Finishes an import: refuses it if anything was wrong, else checks every rule of the file
/// format so an importer's bug cannot hand over a journey the editor would refuse to load.
/// A broken rule is placed where `origins` says its value was read, or else named by its
/// JSON path.
pub(crate) fn finish(
    j: Journey,
    mut problems: Vec<ImportProblem>,
    origins: &Origins,
) -> Result<Journey, ImportError> {
    if !problems.is_empty() {
        return Err(ImportError { problems });
    }
    for p in crate::format::validate(&j) {
        problems.push(match origins.locate(&j, &p.path) {
            Some(place) => ImportProblem {
                message: p.message,
                ..place
            },
            None => ImportProblem {
                field: Some(p.path),
                ..ImportProblem::whole(p.message)
            },
        });
    }
    if problems.is_empty() {
        Ok(j)
    } else {
        problems.sort_by_key(|p| (p.line.is_none(), p.line, p.column));
        Err(ImportError { problems })
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
