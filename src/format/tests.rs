use super::limits::*;
use super::*;
use crate::model::*;
use crate::sample::broadband;

/// (path, message) of every problem `load` reports; panics if it loads.
fn load_problems(text: &str) -> Vec<(String, String)> {
    match load(text) {
        Ok(_) => panic!("expected the file to be refused"),
        Err(e) => e
            .problems
            .into_iter()
            .map(|p| (p.path, p.message))
            .collect(),
    }
}

fn validate_problems(j: &Journey) -> Vec<(String, String)> {
    validate(j)
        .into_iter()
        .map(|p| (p.path, p.message))
        .collect()
}

fn one(path: &str, message: &str) -> Vec<(String, String)> {
    vec![(path.to_string(), message.to_string())]
}

fn wrap(journey: &str) -> String {
    format!(r#"{{"format": "throughline-journey", "version": 1, "journey": {journey}}}"#)
}

/// A tiny valid journey as JSON text: one stage, one touchpoint; `extra` is spliced into the
/// touchpoint.
fn with_touchpoint_fields(extra: &str) -> String {
    wrap(&format!(
        r#"{{"stages": [{{"id": "000000000000000a", "name": "Buy"}}],
            "touchpoints": [{{"id": "0000000000000001", "name": "I order",
                              "stage": "000000000000000a"{extra}}}]}}"#
    ))
}

#[test]
fn save_then_load_gives_back_the_same_journey() {
    let j = broadband();
    assert_eq!(load(&save(&j)).unwrap(), j);
}

#[test]
fn saved_files_carry_the_format_name_and_version() {
    let v: serde_json::Value = serde_json::from_str(&save(&Journey::default())).unwrap();
    assert_eq!(v["format"], "throughline-journey");
    assert_eq!(v["version"], 1);
    assert!(v["journey"].is_object());
}

#[test]
fn missing_fields_get_their_defaults() {
    assert_eq!(load(&wrap("{}")).unwrap(), Journey::default());
    let j = load(&with_touchpoint_fields("")).unwrap();
    let expected = Touchpoint::new(TouchpointId(1), "I order", StageId(10));
    assert_eq!(j.touchpoints, vec![expected]);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let text = " ".repeat(MAX_FILE_BYTES + 1);
    assert_eq!(
        load_problems(&text),
        one("file", "the file is 50.0 MB; the limit is 50 MB")
    );
}

#[test]
fn broken_json_names_the_line_and_column() {
    let err = load("{\n  \"format\": \"throughline-journey\",\n  \"version\": }").unwrap_err();
    let p = &err.problems[0];
    // The header is read with paths too, so the key with the broken value is named.
    assert_eq!(p.path, "version");
    assert_eq!(p.message, "expected value");
    assert_eq!((p.line, p.column), (Some(3), Some(14)));
    assert_eq!(
        err.to_string(),
        "version: expected value (line 3, column 14)"
    );
}

#[test]
fn an_empty_file_says_so() {
    assert_eq!(load_problems(""), one("file", "the file is empty"));
    assert_eq!(
        load_problems("\u{feff} \n\t"),
        one("file", "the file is empty")
    );
}

#[test]
fn a_journey_that_is_not_an_object_is_named() {
    let text = r#"{"format": "throughline-journey", "version": 1, "journey": [[["x"]]]}"#;
    assert_eq!(
        load_problems(text),
        one(
            "journey",
            "expected an object (the journey), found an array"
        )
    );
    let text = r#"{"format": "throughline-journey", "version": 1, "journey": "x"}"#;
    assert_eq!(
        load_problems(text),
        one(
            "journey",
            "expected an object (the journey), found a string"
        )
    );
}

#[test]
fn deep_paths_are_cut_with_their_depth() {
    let text = format!(
        r#"{{"format": "throughline-journey", "version": {}1{}, "journey": {{}}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    let err = load(&text).unwrap_err();
    let p = &err.problems[0];
    assert_eq!(p.path, "version[0][0][0][0][0][0][0]... (127 levels deep)");
    assert_eq!(p.message, "recursion limit exceeded");
}

#[test]
fn binary_and_utf16_text_are_refused_by_name() {
    let err = load("{\"a\":\u{0}}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "file: a zero byte: this is binary data, not a text file (line 1, column 6)"
    );
    let utf16: String = "{\"format\": 1}".chars().flat_map(|c| [c, '\0']).collect();
    assert!(load(&utf16).unwrap_err().to_string().contains("UTF-16 LE"));
}

#[test]
fn json_that_is_not_an_object_is_refused() {
    assert_eq!(
        load_problems("[1, 2]"),
        one(
            "file",
            "not a Throughline journey file: expected a JSON object"
        )
    );
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let j = broadband();
    assert_eq!(load(&format!("\u{feff}{}", save(&j))).unwrap(), j);
}

#[test]
fn another_format_name_is_refused() {
    let text = r#"{"format": "excalidraw", "version": 1, "journey": {}}"#;
    assert_eq!(
        load_problems(text),
        one(
            "format",
            "\"excalidraw\" is not a Throughline journey file (expected \"throughline-journey\")"
        )
    );
}

#[test]
fn a_missing_format_name_is_refused() {
    assert_eq!(
        load_problems(r#"{"version": 1, "journey": {}}"#),
        one(
            "format",
            "missing; a Throughline journey file says \"format\": \"throughline-journey\""
        )
    );
}

#[test]
fn a_newer_version_is_refused_with_advice() {
    // The body uses a field this version does not know: the version message must win.
    let text = r#"{"format": "throughline-journey", "version": 7, "journey": {"galaxies": []}}"#;
    assert_eq!(
        load_problems(text),
        one(
            "version",
            "version 7 is newer than this app understands (1); update Throughline"
        )
    );
}

#[test]
fn a_version_that_is_not_a_number_is_refused() {
    let text = r#"{"format": "throughline-journey", "version": "1", "journey": {}}"#;
    assert_eq!(
        load_problems(text),
        one(
            "version",
            "\"1\" is not a version number (expected a whole number)"
        )
    );
    let text = r#"{"format": "throughline-journey", "journey": {}}"#;
    assert_eq!(load_problems(text), one("version", "missing"));
}

#[test]
fn a_rating_out_of_range_is_refused_at_its_path() {
    let err = load(&with_touchpoint_fields(r#", "performance": 7"#)).unwrap_err();
    let p = &err.problems[0];
    assert_eq!(p.path, "journey.touchpoints[0].performance");
    assert_eq!(p.message, "rating 7 is out of range 1-5");
    assert!(p.line.is_some() && p.column.is_some());
}

#[test]
fn an_emotion_out_of_range_is_refused_at_its_path() {
    assert_eq!(
        load_problems(&with_touchpoint_fields(r#", "emotion": -3"#)),
        one(
            "journey.touchpoints[0].emotion",
            "emotion -3 is out of range -2 to +2"
        )
    );
}

#[test]
fn a_value_of_the_wrong_type_is_refused_at_its_path() {
    assert_eq!(
        load_problems(&with_touchpoint_fields(r#", "description": 5"#)),
        one(
            "journey.touchpoints[0].description",
            "invalid type: integer `5`, expected a string"
        )
    );
}

#[test]
fn a_malformed_id_is_refused_at_its_path() {
    let text = wrap(r#"{"stages": [{"id": "xyz", "name": "Buy"}]}"#);
    assert_eq!(
        load_problems(&text),
        one(
            "journey.stages[0].id",
            "\"xyz\" is not an id (expected 16 hex digits)"
        )
    );
}

#[test]
fn an_unknown_field_is_refused_at_its_path() {
    let problems = load_problems(&with_touchpoint_fields(r#", "colour": "red""#));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, "journey.touchpoints[0].colour");
    assert!(
        problems[0]
            .1
            .starts_with("unknown field `colour`, expected one of"),
        "{}",
        problems[0].1
    );
}

#[test]
fn an_unknown_top_level_field_is_refused() {
    let text = r#"{"format": "throughline-journey", "version": 1, "journey": {}, "x": 1}"#;
    let problems = load_problems(text);
    assert_eq!(problems[0].0, "x");
    assert_eq!(
        problems[0].1,
        "unknown field `x`, expected one of `format`, `version`, `journey`"
    );
}

#[test]
fn a_missing_journey_is_refused() {
    assert_eq!(
        load_problems(r#"{"format": "throughline-journey", "version": 1}"#),
        one("file", "missing field `journey`")
    );
}

#[test]
fn every_rule_breach_is_reported_together_and_nothing_loads() {
    // A missing stage, a missing channel and a duplicate touchpoint id in one file.
    let text = wrap(
        r#"{"stages": [{"id": "000000000000000a", "name": "Buy"}],
            "touchpoints": [
              {"id": "0000000000000001", "name": "A", "stage": "00000000000000ff"},
              {"id": "0000000000000001", "name": "B", "stage": "000000000000000a",
               "channel": "00000000000000cc"}]}"#,
    );
    let err = load(&text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "journey.touchpoints[0].stage: no stage with id 00000000000000ff\n\
         journey.touchpoints[1].id: id 0000000000000001 is already used by \
         journey.touchpoints[0]\n\
         journey.touchpoints[1].channel: no channel with id 00000000000000cc"
    );
}

#[test]
fn load_errors_display_summarises_past_a_hundred() {
    let problems = (0..105)
        .map(|i| Problem::new(format!("p{i}"), "bad"))
        .collect();
    let text = LoadErrors { problems }.to_string();
    assert_eq!(text.lines().count(), 101);
    assert!(text.ends_with("\n... and 5 more problems"), "{text}");
}

// --- validation rules, one test per rule, each with exact path and message -------------

#[test]
fn the_sample_and_an_empty_journey_are_valid() {
    assert_eq!(validate(&broadband()), vec![]);
    assert_eq!(validate(&Journey::default()), vec![]);
}

#[test]
fn duplicate_ids_are_reported_for_every_kind_of_entity() {
    let mut j = broadband();
    j.stages[2].id = j.stages[0].id;
    j.channels[1].id = j.channels[0].id;
    j.lanes[1].id = j.lanes[0].id;
    j.partners[1].id = j.partners[0].id;
    j.departments[1].id = j.departments[0].id;
    j.personas[1].id = j.personas[0].id;
    j.transitions[3].id = j.transitions[1].id;
    let problems = validate_problems(&j);
    let expect = |list: &str, i: usize, first: usize, id: u64| {
        (
            format!("journey.{list}[{i}].id"),
            format!("id {id:016x} is already used by journey.{list}[{first}]"),
        )
    };
    for p in [
        expect("stages", 2, 0, j.stages[0].id.0),
        expect("channels", 1, 0, j.channels[0].id.0),
        expect("lanes", 1, 0, j.lanes[0].id.0),
        expect("partners", 1, 0, j.partners[0].id.0),
        expect("departments", 1, 0, j.departments[0].id.0),
        expect("personas", 1, 0, j.personas[0].id.0),
        expect("transitions", 3, 1, j.transitions[1].id.0),
    ] {
        assert!(problems.contains(&p), "{p:?} not in {problems:?}");
    }
}

#[test]
fn a_duplicate_touchpoint_id_is_reported() {
    let mut j = broadband();
    j.touchpoints[4].id = j.touchpoints[1].id;
    let id = j.touchpoints[1].id;
    let problems = validate_problems(&j);
    assert_eq!(
        problems[0],
        (
            "journey.touchpoints[4].id".to_string(),
            format!("id {id} is already used by journey.touchpoints[1]")
        )
    );
}

#[test]
fn touchpoint_references_to_missing_entities_are_reported() {
    let mut j = broadband();
    let t = &mut j.touchpoints[12];
    t.stage = StageId(0x0123);
    t.channel = Some(ChannelId(0x0124));
    t.lane = Some(LaneId(0x0125));
    t.owner = Some(DepartmentId(0x0126));
    t.delivered_by = DeliveredBy::Partner(PartnerId(0x0127));
    t.personas = vec![j.personas[0].id, PersonaId(0x0128)];
    let at = |f: &str, m: &str| (format!("journey.touchpoints[12].{f}"), m.to_string());
    assert_eq!(
        validate_problems(&j),
        vec![
            at("stage", "no stage with id 0000000000000123"),
            at("channel", "no channel with id 0000000000000124"),
            at("lane", "no lane with id 0000000000000125"),
            at("owner", "no department with id 0000000000000126"),
            at(
                "delivered_by.partner",
                "no partner with id 0000000000000127"
            ),
            at("personas[1]", "no persona with id 0000000000000128"),
        ]
    );
}

#[test]
fn a_persona_named_twice_by_one_touchpoint_is_reported() {
    let mut j = broadband();
    let p = j.personas[0].id;
    j.touchpoints[0].personas = vec![p, p];
    assert_eq!(
        validate_problems(&j),
        one(
            "journey.touchpoints[0].personas[1]",
            &format!("persona {p} is listed twice")
        )
    );
}

#[test]
fn transitions_to_or_from_missing_touchpoints_are_reported() {
    let mut j = broadband();
    j.transitions[5].from = TouchpointId(0xdead);
    j.transitions[6].to = TouchpointId(0xbeef);
    assert_eq!(
        validate_problems(&j),
        vec![
            (
                "journey.transitions[5].from".to_string(),
                "no touchpoint with id 000000000000dead".to_string()
            ),
            (
                "journey.transitions[6].to".to_string(),
                "no touchpoint with id 000000000000beef".to_string()
            ),
        ]
    );
}

#[test]
fn a_duplicate_transition_is_reported_but_a_self_loop_is_fine() {
    let mut j = broadband();
    let mut copy = j.transitions[2].clone();
    copy.id = TransitionId(0x77);
    j.transitions.push(copy);
    let t = j.touchpoints[0].id;
    j.transitions.push(Transition {
        id: TransitionId(0x78),
        from: t,
        to: t,
        label: "Try again".into(),
        kind: TransitionKind::Recovery,
        carries_context: true,
    });
    let last = j.transitions.len() - 2;
    assert_eq!(
        validate_problems(&j),
        one(
            &format!("journey.transitions[{last}]"),
            "same from, to and kind (\"Alternative\") as journey.transitions[2]"
        )
    );
}

#[test]
fn stage_names_must_differ_ignoring_case_and_spaces() {
    let mut j = broadband();
    j.stages[4].name = "  buy ".into();
    assert_eq!(
        validate_problems(&j),
        one(
            "journey.stages[4].name",
            "a stage named \"buy\" already exists (journey.stages[2])"
        )
    );
}

#[test]
fn empty_names_are_reported() {
    let mut j = broadband();
    j.stages[0].name = "   ".into();
    j.channels[0].name = String::new();
    j.lanes[0].name = String::new();
    j.partners[0].name = String::new();
    j.departments[0].name = String::new();
    j.personas[0].name = String::new();
    j.touchpoints[3].name = String::new();
    assert_eq!(
        validate_problems(&j),
        vec![
            (
                "journey.personas[0].name".into(),
                "a persona needs a name".into()
            ),
            (
                "journey.stages[0].name".into(),
                "a stage needs a name".into()
            ),
            (
                "journey.channels[0].name".into(),
                "a channel needs a name".into()
            ),
            ("journey.lanes[0].name".into(), "a lane needs a name".into()),
            (
                "journey.partners[0].name".into(),
                "a partner needs a name".into()
            ),
            (
                "journey.departments[0].name".into(),
                "a department needs a name".into()
            ),
            (
                "journey.touchpoints[3].name".into(),
                "a touchpoint needs a name".into()
            ),
        ]
    );
}

#[test]
fn text_over_its_limit_is_reported() {
    let mut j = broadband();
    j.title = "t".repeat(MAX_NAME_CHARS + 1);
    j.stages[1].goal = "g".repeat(MAX_TEXT_CHARS + 1);
    j.touchpoints[0].name = "n".repeat(MAX_NAME_CHARS + 2);
    j.touchpoints[0].support.technology = "s".repeat(MAX_TEXT_CHARS + 3);
    j.touchpoints[0].pain_points[0] = "p".repeat(MAX_ITEM_CHARS + 4);
    j.transitions[0].label = "l".repeat(MAX_NAME_CHARS + 5);
    j.promise.proof_points[1] = "x".repeat(MAX_ITEM_CHARS + 6);
    assert_eq!(
        validate_problems(&j),
        vec![
            (
                "journey.title".into(),
                "text is 501 characters long; the limit is 500".into()
            ),
            (
                "journey.promise.proof_points[1]".into(),
                "text is 2,006 characters long; the limit is 2,000".into()
            ),
            (
                "journey.stages[1].goal".into(),
                "text is 10,001 characters long; the limit is 10,000".into()
            ),
            (
                "journey.touchpoints[0].name".into(),
                "text is 502 characters long; the limit is 500".into()
            ),
            (
                "journey.touchpoints[0].support.technology".into(),
                "text is 10,003 characters long; the limit is 10,000".into()
            ),
            (
                "journey.touchpoints[0].pain_points[0]".into(),
                "text is 2,004 characters long; the limit is 2,000".into()
            ),
            (
                "journey.transitions[0].label".into(),
                "text is 505 characters long; the limit is 500".into()
            ),
        ]
    );
}

#[test]
fn lists_over_their_limit_are_reported() {
    let mut j = Journey::default();
    let stage = StageId(1);
    j.stages.push(Stage {
        id: stage,
        name: "Only".into(),
        goal: String::new(),
    });
    for i in 0..MAX_STRUCTURE_ITEMS as u64 + 1 {
        j.lanes.push(Lane {
            id: LaneId(i),
            name: format!("Lane {i}"),
            kind: LaneKind::FrontStage,
        });
    }
    for i in 0..MAX_TOUCHPOINTS as u64 + 1 {
        j.touchpoints
            .push(Touchpoint::new(TouchpointId(i), "T", stage));
    }
    j.touchpoints[0].kpis = vec!["NPS".into(); MAX_LIST_ITEMS + 1];
    assert_eq!(
        validate_problems(&j),
        vec![
            (
                "journey.lanes".into(),
                "1,001 entries; the limit is 1,000".into()
            ),
            (
                "journey.touchpoints".into(),
                "20,001 entries; the limit is 20,000".into()
            ),
            (
                "journey.touchpoints[0].kpis".into(),
                "1,001 entries; the limit is 1,000".into()
            ),
        ]
    );
}

#[test]
fn a_position_that_is_not_finite_is_reported() {
    let mut j = broadband();
    j.touchpoints[2].position = Some(Position {
        x: f64::NAN,
        y: 0.0,
    });
    assert_eq!(
        validate_problems(&j),
        one(
            "journey.touchpoints[2].position",
            "a position needs coordinates between -1,000,000,000 and 1,000,000,000"
        )
    );
}

// --- version 0 ------------------------------------------------------------------------

const V0: &str = include_str!("../../tests/fixtures/journey-v0.json");

#[test]
fn a_version_0_file_is_migrated_forward() {
    let j = load(V0).unwrap();
    assert_eq!(j.title, "Renewing home insurance");
    assert_eq!(j.stages.len(), 2);
    let emotions: Vec<_> = j.touchpoints.iter().map(|t| t.emotion).collect();
    assert_eq!(
        emotions,
        vec![
            Some(Emotion::new(-1).unwrap()),
            Some(Emotion::new(2).unwrap())
        ]
    );
    assert_eq!(j.touchpoints[0].channel, Some(ChannelId(0xc1)));
    assert!(j.transitions[0].carries_context);
    // Saving writes the current version, which loads to the same journey.
    assert!(save(&j).contains("\"version\": 1"));
    assert_eq!(load(&save(&j)).unwrap(), j);
}

#[test]
fn version_0_problems_are_reported_at_their_version_1_paths() {
    let text = V0.replace("\"feeling\": 2", "\"feeling\": 5");
    assert_eq!(
        load_problems(&text),
        one(
            "journey.touchpoints[1].emotion",
            "emotion 5 is out of range -2 to +2"
        )
    );
    let text = V0.replace(
        "\"00000000000000a2\", \"name\": \"Renew\"",
        "\"00000000000000a2\", \"name\": \"reminder\"",
    );
    assert_eq!(
        load_problems(&text),
        one(
            "journey.stages[1].name",
            "a stage named \"reminder\" already exists (journey.stages[0])"
        )
    );
}

#[test]
fn version_0_in_an_envelope_is_migrated_too() {
    let body: serde_json::Value = serde_json::from_str(V0).unwrap();
    let text = format!(r#"{{"format": "throughline-journey", "version": 0, "journey": {body}}}"#);
    assert_eq!(load(&text).unwrap(), load(V0).unwrap());
}

#[test]
fn the_example_in_the_format_documentation_loads() {
    let doc = include_str!("../../docs/file-format.md");
    let example = doc.split("## Example").nth(1).expect("an example section");
    let json = example
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a json block");
    let j = load(json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(j.touchpoints.len(), 2);
    assert_eq!(
        j.touchpoints[1].position,
        Some(Position { x: 420.5, y: 96.0 })
    );
}

#[test]
fn compact_save_loads_back_the_same_journey_and_is_smaller() {
    let j = crate::sample::broadband();
    let compact = save_compact(&j);
    assert_eq!(load(&compact).unwrap(), j);
    assert!(compact.len() < save(&j).len() * 3 / 4);
}
