//! Every rule a journey keeps, checked all at once with the path of each offence.
//!
//! The rules themselves live in [`crate::command`], shared with editing; this pass runs them
//! over a whole journey (a loaded file, or another importer's output) and adds the ones that
//! only make sense across a list: unique ids, unique stage names, no duplicate transitions.

use super::limits::*;
use super::Problem;
use crate::command::{
    check_entity, check_journey_field, check_touchpoint, stage_name_key, CommandError,
    JourneyField, Refs,
};
use crate::model::*;
use std::collections::HashMap;

struct Sink(Vec<Problem>);

impl Sink {
    fn error(&mut self, path: String, e: CommandError) {
        self.0.push(Problem::new(path, e.detail()));
    }

    fn say(&mut self, path: String, message: String) {
        self.0.push(Problem::new(path, message));
    }

    fn count(&mut self, list: &str, len: usize, limit: usize) {
        if len > limit {
            self.say(
                format!("journey.{list}"),
                format!(
                    "{} entries; the limit is {}",
                    thousands(len),
                    thousands(limit)
                ),
            );
        }
    }

    /// Records where an id was first seen in `list` and reports any later use of it.
    fn unique_id(&mut self, seen: &mut HashMap<u64, usize>, id: u64, list: &str, i: usize) {
        if let Some(&first) = seen.get(&id) {
            self.say(
                format!("journey.{list}[{i}].id"),
                format!("id {id:016x} is already used by journey.{list}[{first}]"),
            );
        } else {
            seen.insert(id, i);
        }
    }
}

/// Every problem in `j`, in file order; empty when the journey is sound. Paths start at
/// `journey`, as in the file format.
pub fn validate(j: &Journey) -> Vec<Problem> {
    let mut sink = Sink(Vec::new());

    for field in [
        JourneyField::Title(j.title.clone()),
        JourneyField::Description(j.description.clone()),
        JourneyField::Scope(j.scope.clone()),
        JourneyField::PromiseStatement(j.promise.statement.clone()),
        JourneyField::ProofPoints(j.promise.proof_points.clone()),
        JourneyField::CustomerValues(j.promise.customer_values.clone()),
    ] {
        check_journey_field(&field, &mut |p, e| sink.error(format!("journey.{p}"), e));
    }

    entities::<Persona>(j, &mut sink);
    entities::<Stage>(j, &mut sink);
    entities::<Channel>(j, &mut sink);
    entities::<Lane>(j, &mut sink);
    entities::<Partner>(j, &mut sink);
    entities::<Department>(j, &mut sink);

    sink.count("touchpoints", j.touchpoints.len(), MAX_TOUCHPOINTS);
    let refs = Refs::of(j);
    let mut touchpoint_at = HashMap::with_capacity(j.touchpoints.len());
    for (i, t) in j.touchpoints.iter().enumerate() {
        sink.unique_id(&mut touchpoint_at, t.id.0, "touchpoints", i);
        check_touchpoint(&refs, t, &mut |p, e| {
            sink.error(format!("journey.touchpoints[{i}].{p}"), e)
        });
    }

    sink.count("transitions", j.transitions.len(), MAX_TRANSITIONS);
    let mut transition_at = HashMap::with_capacity(j.transitions.len());
    let mut ends = HashMap::with_capacity(j.transitions.len());
    for (i, t) in j.transitions.iter().enumerate() {
        let here = format!("journey.transitions[{i}]");
        sink.unique_id(&mut transition_at, t.id.0, "transitions", i);
        for (end, id) in [("from", t.from), ("to", t.to)] {
            if !touchpoint_at.contains_key(&id.0) {
                let e = CommandError::Missing {
                    kind: "touchpoint",
                    id: id.0,
                };
                sink.error(format!("{here}.{end}"), e);
            }
        }
        if let Some(chars) = over_limit(&t.label, MAX_NAME_CHARS) {
            let e = CommandError::TooLong {
                field: "label".into(),
                chars,
                limit: MAX_NAME_CHARS,
            };
            sink.error(format!("{here}.label"), e);
        }
        match ends.get(&(t.from, t.to, t.kind)) {
            Some(first) => sink.say(
                here,
                format!(
                    "same from, to and kind (\"{}\") as journey.transitions[{first}]",
                    t.kind.label()
                ),
            ),
            None => {
                ends.insert((t.from, t.to, t.kind), i);
            }
        }
    }
    sink.0
}

fn entities<E: Entity>(j: &Journey, sink: &mut Sink) {
    let list = E::LIST.field();
    let items = E::list(j);
    sink.count(list, items.len(), MAX_STRUCTURE_ITEMS);
    let mut seen = HashMap::with_capacity(items.len());
    let mut names: HashMap<String, usize> = HashMap::new();
    for (i, e) in items.iter().enumerate() {
        sink.unique_id(&mut seen, e.id().into(), list, i);
        check_entity(e, &mut |p, err| {
            sink.error(format!("journey.{list}[{i}].{p}"), err)
        });
        if E::LIST == List::Stages && !e.name().trim().is_empty() {
            let key = stage_name_key(e.name());
            if let Some(first) = names.get(&key) {
                sink.say(
                    format!("journey.{list}[{i}].name"),
                    format!(
                        "a stage named \"{}\" already exists (journey.stages[{first}])",
                        e.name().trim()
                    ),
                );
            }
            names.entry(key).or_insert(i);
        }
    }
}
