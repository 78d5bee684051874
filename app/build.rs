//! Link settings for the course's split build: `scripts/split-course` splits the course's
//! wasm at its `#[wasm_split]` points, which needs the linker's relocations in the output
//! (`--emit-relocs`). Only the course's binary gets it, and only with the `split` feature;
//! the embeds' binaries link as before.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bin=cloudhop-app=--emit-relocs");
    }
}
