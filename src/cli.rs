//! The native command line: render a journey file into any export format, import CSV or
//! Mermaid into a journey file, print the sample, generate a large journey for benchmarks. Argument parsing is hand-rolled: three
//! commands and four options do not justify a dependency in a crate that also ships to the
//! browser.
//!
//! Exit codes: 0 done; 1 the work failed (a file could not be read or written, or its
//! contents were refused); 2 the command line itself was wrong.
//!
//! This module does the I/O; everything it calls in `export` and `import` is pure.

use crate::export::{self, csv::CsvOptions, Format};
use crate::import::{self, ImportError};
use crate::model::IdGen;
use std::fmt;
use std::path::{Path, PathBuf};

pub const USAGE: &str = "\
usage:
  throughline export JOURNEY.json --format FORMAT [-o FILE] [--bom]
  throughline import FILE [--from SOURCE] -o JOURNEY.json [--seed N]
  throughline sample
  throughline generate --touchpoints N [--seed N] [-o JOURNEY.json]
  throughline help

FORMAT: html (the loose/tight framework), md, csv, svg, mermaid, dot, json
SOURCE: csv, mermaid, json (guessed from FILE's extension when left out)
-o FILE    where to write; `-` or no -o on export means standard output
--bom      start CSV with a UTF-8 byte-order mark (for Excel)
--seed N   draw the new ids of an import from N, for reproducible files; on generate,
           the journey's seed (default 1): the same N and seed give the same file
--touchpoints N   how many touchpoints generate makes (0 to 20,000)
";

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Export {
        input: PathBuf,
        format: Format,
        output: Option<PathBuf>,
        bom: bool,
    },
    Import {
        input: PathBuf,
        from: Source,
        output: PathBuf,
        seed: Option<u64>,
    },
    Sample,
    Generate {
        touchpoints: usize,
        seed: u64,
        output: Option<PathBuf>,
    },
    Help,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Csv,
    Mermaid,
    Json,
}

impl Source {
    fn from_name(s: &str) -> Option<Source> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Some(Source::Csv),
            "mermaid" | "mmd" => Some(Source::Mermaid),
            "json" => Some(Source::Json),
            _ => None,
        }
    }
}

/// A wrong command line, said in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn usage(msg: impl Into<String>) -> UsageError {
    UsageError(msg.into())
}

fn extension(p: &Path) -> Option<String> {
    p.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// Reads the arguments after the program name.
pub fn parse(args: &[String]) -> Result<Command, UsageError> {
    let Some((cmd, rest)) = args.split_first() else {
        return Err(usage("no command given"));
    };
    let mut positional: Vec<&String> = Vec::new();
    let mut format = None;
    let mut from = None;
    let mut output = None;
    let mut bom = false;
    let mut seed = None;
    let mut touchpoints = None;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .ok_or_else(|| usage(format!("{name} needs a value")))
        };
        match a.as_str() {
            "--format" | "-f" => {
                let v = value("--format")?;
                format = Some(Format::from_name(v).ok_or_else(|| {
                    usage(format!(
                        "unknown format \"{v}\"; choose html, md, csv, svg, mermaid, dot or json"
                    ))
                })?);
            }
            "--from" => {
                let v = value("--from")?;
                from = Some(Source::from_name(v).ok_or_else(|| {
                    usage(format!(
                        "cannot import from \"{v}\"; choose csv, mermaid or json"
                    ))
                })?);
            }
            "-o" | "--output" => output = Some(PathBuf::from(value("-o")?)),
            "--bom" => bom = true,
            "--seed" => {
                let v = value("--seed")?;
                seed = Some(
                    v.parse()
                        .map_err(|_| usage(format!("--seed \"{v}\" is not a whole number")))?,
                );
            }
            "--touchpoints" | "-n" => {
                let v = value("--touchpoints")?;
                let n: usize = v
                    .parse()
                    .map_err(|_| usage(format!("--touchpoints \"{v}\" is not a whole number")))?;
                if n > crate::format::limits::MAX_TOUCHPOINTS {
                    return Err(usage(format!(
                        "--touchpoints {v} is more than a journey file may hold ({})",
                        crate::format::limits::thousands(crate::format::limits::MAX_TOUCHPOINTS)
                    )));
                }
                touchpoints = Some(n);
            }
            "-h" | "--help" => return Ok(Command::Help),
            s if s.starts_with('-') && s != "-" => {
                return Err(usage(format!("unknown option \"{s}\"")))
            }
            _ => positional.push(a),
        }
    }
    let one_input = |what: &str| -> Result<PathBuf, UsageError> {
        match positional.as_slice() {
            [p] => Ok(PathBuf::from(p)),
            [] => Err(usage(format!("{what} needs an input file"))),
            _ => Err(usage(format!("{what} takes one input file"))),
        }
    };
    let refuse = |ok: bool, option: &str, cmd: &str| {
        if ok {
            Ok(())
        } else {
            Err(usage(format!("{option} does not apply to {cmd}")))
        }
    };
    match cmd.as_str() {
        "export" => {
            refuse(touchpoints.is_none(), "--touchpoints", "export")?;
            refuse(from.is_none(), "--from", "export")?;
            refuse(seed.is_none(), "--seed", "export")?;
            let input = one_input("export")?;
            let output = output.filter(|o| o.as_os_str() != "-");
            let format = match format {
                Some(f) => f,
                None => output
                    .as_deref()
                    .and_then(extension)
                    .and_then(|e| Format::ALL.into_iter().find(|f| f.extension() == e))
                    .ok_or_else(|| {
                        usage("export needs --format (html, md, csv, svg, mermaid, dot or json)")
                    })?,
            };
            refuse(
                !bom || format == Format::Csv,
                "--bom",
                "formats other than csv",
            )?;
            Ok(Command::Export {
                input,
                format,
                output,
                bom,
            })
        }
        "import" => {
            refuse(touchpoints.is_none(), "--touchpoints", "import")?;
            refuse(format.is_none(), "--format", "import (use --from)")?;
            refuse(!bom, "--bom", "import")?;
            let input = one_input("import")?;
            let from = match from {
                Some(f) => f,
                None => match extension(&input).as_deref() {
                    Some("csv") => Source::Csv,
                    Some("mmd" | "mermaid") => Source::Mermaid,
                    Some("json") => Source::Json,
                    _ => return Err(usage("import needs --from (csv, mermaid or json)")),
                },
            };
            let output = output.ok_or_else(|| usage("import needs -o JOURNEY.json"))?;
            Ok(Command::Import {
                input,
                from,
                output,
                seed,
            })
        }
        "sample" => {
            if !positional.is_empty() || format.is_some() || output.is_some() {
                return Err(usage("sample takes no arguments"));
            }
            refuse(touchpoints.is_none(), "--touchpoints", "sample")?;
            Ok(Command::Sample)
        }
        "generate" => {
            refuse(positional.is_empty(), "an input file", "generate")?;
            refuse(
                format.is_none(),
                "--format",
                "generate (it writes a journey file)",
            )?;
            refuse(from.is_none(), "--from", "generate")?;
            refuse(!bom, "--bom", "generate")?;
            let touchpoints = touchpoints.ok_or_else(|| usage("generate needs --touchpoints N"))?;
            Ok(Command::Generate {
                touchpoints,
                seed: seed.unwrap_or(1),
                output: output.filter(|o| o.as_os_str() != "-"),
            })
        }
        "help" | "-h" | "--help" => Ok(Command::Help),
        other => Err(usage(format!("unknown command \"{other}\""))),
    }
}

/// Runs a command line and returns the process exit code. Messages go to stderr, output to
/// stdout or the file named by -o.
pub fn run(args: &[String]) -> i32 {
    let cmd = match parse(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("throughline: {e}\n\n{USAGE}");
            return 2;
        }
    };
    match execute(cmd) {
        Ok(()) => 0,
        Err(msg) => {
            eprintln!("throughline: {msg}");
            1
        }
    }
}

/// A file's text, decoded as the app decodes an opened file (a byte-order mark picks UTF-8 or
/// UTF-16; bytes that are not UTF-8 become U+FFFD, and the first one's place is kept for the
/// readers to report), so the command line and the app say the same about the same file.
fn read(path: &Path) -> Result<(String, Option<usize>), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let decoded = crate::format::text::decode(&bytes);
    Ok((decoded.text.into_owned(), decoded.not_utf8_at))
}

fn write(path: Option<&Path>, text: &str) -> Result<(), String> {
    match path {
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|_| out.flush())
                .map_err(|e| format!("cannot write to standard output: {e}"))
        }
        Some(p) => {
            std::fs::write(p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))
        }
    }
}

fn problems(path: &Path, e: &ImportError) -> String {
    let n = e.problems.len();
    let mut msg = format!(
        "{} was not read: {n} problem{}",
        path.display(),
        if n == 1 { "" } else { "s" }
    );
    for p in &e.problems {
        msg.push_str("\n  ");
        msg.push_str(&p.to_string());
    }
    msg
}

fn execute(cmd: Command) -> Result<(), String> {
    match cmd {
        Command::Help => {
            print!("{USAGE}");
            Ok(())
        }
        Command::Sample => write(None, &export::json::to_json(&crate::sample::broadband())),
        Command::Generate {
            touchpoints,
            seed,
            output,
        } => write(
            output.as_deref(),
            &export::json::to_json(&crate::generate::generated(touchpoints, seed)),
        ),
        Command::Export {
            input,
            format,
            output,
            bom,
        } => {
            let j = import::json::from_json(&read(&input)?.0).map_err(|e| problems(&input, &e))?;
            let text = match format {
                Format::Csv => export::csv::to_csv(&j, &CsvOptions { bom }),
                f => export::export(&j, f),
            };
            write(output.as_deref(), &text)
        }
        Command::Import {
            input,
            from,
            output,
            seed,
        } => {
            let (text, not_utf8_at) = read(&input)?;
            let mut ids = IdGen::new(seed.unwrap_or_else(clock_seed));
            let mut j = match from {
                Source::Json => import::json::from_json(&text),
                Source::Csv => import::csv::read(&text, not_utf8_at, &mut ids),
                Source::Mermaid => import::mermaid::read(&text, not_utf8_at, &mut ids),
            }
            .map_err(|e| problems(&input, &e))?;
            if j.title.trim().is_empty() {
                if let Some(stem) = input.file_stem().and_then(|s| s.to_str()) {
                    j.title = stem.to_string();
                }
            }
            let out = (output.as_os_str() != "-").then_some(output.as_path());
            write(out, &export::json::to_json(&j))
        }
    }
}

/// A seed for fresh ids when the user gives none: the clock and the process id, so two
/// imports never share ids (a later merge of the two journeys stays possible).
fn clock_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    nanos ^ (u64::from(std::process::id()) << 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn export_reads_format_and_output() {
        assert_eq!(
            parse(&args("export j.json --format md -o out.md")),
            Ok(Command::Export {
                input: "j.json".into(),
                format: Format::Markdown,
                output: Some("out.md".into()),
                bom: false,
            })
        );
        // The format can come from the output's extension.
        assert!(matches!(
            parse(&args("export j.json -o map.svg")),
            Ok(Command::Export {
                format: Format::Svg,
                ..
            })
        ));
    }

    #[test]
    fn import_guesses_the_source_from_the_extension() {
        assert!(matches!(
            parse(&args("import sheet.CSV -o j.json --seed 7")),
            Ok(Command::Import {
                from: Source::Csv,
                seed: Some(7),
                ..
            })
        ));
        assert!(matches!(
            parse(&args("import x.mmd -o j.json")),
            Ok(Command::Import {
                from: Source::Mermaid,
                ..
            })
        ));
    }

    #[test]
    fn files_are_read_as_the_app_reads_them() {
        let dir = std::env::temp_dir().join(format!("throughline-cli-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = "{\"format\": \"throughline-journey\"}";
        // UTF-16 LE with a byte-order mark, as Notepad's "Unicode" writes it.
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let path = dir.join("notepad.json");
        std::fs::write(&path, &utf16).unwrap();
        assert_eq!(read(&path).unwrap(), (text.to_string(), None));
        // Latin-1 is not refused with an I/O error: the bad byte becomes U+FFFD, whose place
        // the readers report.
        let path = dir.join("latin1.csv");
        std::fs::write(&path, b"name\ncaf\xe9\n").unwrap();
        assert_eq!(
            read(&path).unwrap(),
            ("name\ncaf\u{fffd}\n".to_string(), Some(8))
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn generate_reads_size_seed_and_output() {
        assert_eq!(
            parse(&args("generate --touchpoints 1000 --seed 7 -o big.json")),
            Ok(Command::Generate {
                touchpoints: 1000,
                seed: 7,
                output: Some("big.json".into()),
            })
        );
        // Without a seed the same file every time; `-o -` is standard output.
        assert_eq!(
            parse(&args("generate -n 5 -o -")),
            Ok(Command::Generate {
                touchpoints: 5,
                seed: 1,
                output: None,
            })
        );
    }

    #[test]
    fn generate_writes_a_journey_file_that_loads_with_the_same_journey() {
        let dir = std::env::temp_dir().join(format!("throughline-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("generated.json");
        let line = vec![
            "generate".to_string(),
            "--touchpoints".into(),
            "40".into(),
            "--seed".into(),
            "9".into(),
            "-o".into(),
            path.display().to_string(),
        ];
        assert_eq!(run(&line), 0);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let j = crate::format::load(&text).expect("a valid journey file");
        assert_eq!(j, crate::generate::generated(40, 9));
    }

    #[test]
    fn mistakes_are_usage_errors_with_a_reason() {
        for (line, says) in [
            ("export j.json", "needs --format"),
            ("export j.json --format pdf", "unknown format \"pdf\""),
            ("export --format html", "needs an input file"),
            ("export a.json b.json --format html", "one input file"),
            ("import x.txt -o j.json", "needs --from"),
            ("import x.csv", "needs -o"),
            ("export j.json --format html --bom", "--bom does not apply"),
            ("export j.json --format", "--format needs a value"),
            ("frobnicate", "unknown command"),
            ("export j.json --colour", "unknown option"),
            ("generate", "needs --touchpoints"),
            ("generate --touchpoints many", "not a whole number"),
            (
                "generate --touchpoints 20001",
                "more than a journey file may hold",
            ),
            (
                "generate j.json --touchpoints 5",
                "an input file does not apply",
            ),
            (
                "generate --touchpoints 5 --format csv",
                "--format does not apply",
            ),
            (
                "export j.json --format html --touchpoints 5",
                "--touchpoints does not apply",
            ),
        ] {
            let e = parse(&args(line)).unwrap_err();
            assert!(e.0.contains(says), "{line}: {e}");
        }
        assert!(parse(&[]).is_err());
    }
}
