//! Exports: the journey in other formats, each a pure function of the journey returning the
//! text of the file. No I/O here: the browser shell offers the text as a download and the
//! command line writes it to a file, so both produce byte-identical output.
//!
//! Invariant: text a user typed is escaped for the format it lands in. It never becomes
//! markup, a formula, a link target, or a DOT or Mermaid statement.

pub mod csv;
pub mod dot;
mod escape;
mod framework;
pub mod html;
pub mod json;
pub mod markdown;
pub mod mermaid;
pub mod svg;

use crate::model::Journey;

/// Every format the journey can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The loose/tight design framework as one self-contained HTML page.
    Html,
    /// The loose/tight design framework as CommonMark with GFM tables.
    Markdown,
    Csv,
    Svg,
    Mermaid,
    Dot,
    /// The Throughline file format.
    Json,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Html,
        Format::Markdown,
        Format::Csv,
        Format::Svg,
        Format::Mermaid,
        Format::Dot,
        Format::Json,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Svg => "svg",
            Format::Mermaid => "mermaid",
            Format::Dot => "dot",
            Format::Json => "json",
        }
    }

    /// A format from its command-line name (case-insensitive; `markdown` also accepted).
    pub fn from_name(s: &str) -> Option<Format> {
        let s = s.trim().to_ascii_lowercase();
        if s == "markdown" {
            return Some(Format::Markdown);
        }
        Format::ALL.into_iter().find(|f| f.name() == s)
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Mermaid => "mmd",
            other => other.name(),
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Html => "text/html;charset=utf-8",
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::Csv => "text/csv;charset=utf-8",
            Format::Svg => "image/svg+xml",
            Format::Mermaid => "text/plain;charset=utf-8",
            Format::Dot => "text/vnd.graphviz;charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// The journey in `format`, with default options (CSV without a byte-order mark).
pub fn export(j: &Journey, format: Format) -> String {
    match format {
        Format::Html => html::to_html(j),
        Format::Markdown => markdown::to_markdown(j),
        Format::Csv => csv::to_csv(j, &csv::CsvOptions::default()),
        Format::Svg => svg::to_svg(j),
        Format::Mermaid => mermaid::to_mermaid(j),
        Format::Dot => dot::to_dot(j),
        Format::Json => json::to_json(j),
    }
}
