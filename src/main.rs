//! Entry point. In the browser it mounts the editor; natively it is a small command line.

#[cfg(target_arch = "wasm32")]
fn main() {
    throughline::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("sample") => {
            let j = throughline::sample::broadband();
            match serde_json::to_string_pretty(&j) {
                Ok(s) => println!("{s}"),
                Err(e) => {
                    eprintln!("throughline: could not write the sample: {e}");
                    std::process::exit(1);
                }
            }
        }
        _ => {
            eprintln!("usage: throughline sample    print the sample journey as JSON");
            std::process::exit(2);
        }
    }
}
