//! The JSON path a load error names, checked against serde_path_to_error (a dev-dependency
//! only: the app computes paths from serde_json's position instead, see
//! src/format/json_path.rs). Every touchpoint member of the sample is spoilt in turn, in the
//! pretty and the compact file, and both must name the same place.

use serde::Deserialize;
use serde_json::{json, Value};
use throughline::format::{load, save};
use throughline::model::Journey;
use throughline::sample::broadband;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Envelope {
    format: serde::de::IgnoredAny,
    version: serde::de::IgnoredAny,
    journey: Journey,
}

/// The path serde_path_to_error gives, written as load writes it; None if it parses.
fn reference_path(text: &str) -> Option<String> {
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, Envelope>(&mut de) {
        Ok(_) => None,
        Err(e) => Some(match e.path().to_string() {
            p if p == "." => "file".to_string(),
            p => p,
        }),
    }
}

fn spoilt_files(base: &Value, spoil: impl Fn(&mut serde_json::Map<String, Value>)) -> [String; 2] {
    let mut v = base.clone();
    spoil(v["journey"]["touchpoints"][3].as_object_mut().unwrap());
    [
        serde_json::to_string_pretty(&v).unwrap(),
        serde_json::to_string(&v).unwrap(),
    ]
}

#[test]
fn load_names_the_same_path_as_a_path_tracking_parser() {
    let base: Value = serde_json::from_str(&save(&broadband())).unwrap();
    let keys: Vec<String> = base["journey"]["touchpoints"][3]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert!(
        keys.len() >= 10,
        "the sample's touchpoint has its fields filled in"
    );
    let wrong_values = [
        json!(true),
        json!("zz"),
        json!(99),
        json!(-7),
        json!({"x": 1}),
        json!([1, "a"]),
    ];
    let mut compared = 0;
    for key in &keys {
        let mut cases: Vec<[String; 2]> = wrong_values
            .iter()
            .map(|w| {
                spoilt_files(&base, |t| {
                    t.insert(key.clone(), w.clone());
                })
            })
            .collect();
        cases.push(spoilt_files(&base, |t| {
            t.remove(key);
        }));
        cases.push(spoilt_files(&base, |t| {
            t.insert(format!("{key}-typo"), json!(1));
        }));
        for text in cases.iter().flatten() {
            let Some(expected) = reference_path(text) else {
                continue;
            };
            let problems = load(text)
                .expect_err("the reference parser refused it")
                .problems;
            assert_eq!(
                problems[0].path, expected,
                "touchpoint member {key}: {}",
                problems[0]
            );
            compared += 1;
        }
    }
    assert!(compared > 100, "only {compared} spoilt files were refused");
}
