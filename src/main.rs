//! Entry point. In the browser it mounts the editor; natively it is a small command line.

#[cfg(target_arch = "wasm32")]
fn main() {
    throughline::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(throughline::cli::run(&args));
}
