//! The bgp lab alone, for embedding (see `cloudhop_app::embed`).
fn main() {
    cloudhop_app::embed::run::<cloudhop_core::labs::Bgp, cloudhop_app::labs::bgp::BgpLab>(
        include_str!("../../../lessons/content/exercises/bgp.md"),
    )
}
