//! The failover lab alone, for embedding (see `cloudhop_app::embed`).
fn main() {
    cloudhop_app::embed::run::<
        cloudhop_core::labs::Failover,
        cloudhop_app::labs::failover::FailoverLab,
    >(include_str!(
        "../../../lessons/content/exercises/failover.md"
    ))
}
