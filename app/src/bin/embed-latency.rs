//! The latency lab alone, for embedding (see `cloudhop_app::embed`).
fn main() {
    cloudhop_app::embed::run::<cloudhop_core::labs::Latency, cloudhop_app::labs::latency::LatencyLab>(
        include_str!("../../../lessons/content/exercises/latency.md"),
    )
}
