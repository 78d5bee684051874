//! The planner lab alone, for embedding (see `cloudhop_app::embed`).
fn main() {
    cloudhop_app::embed::run::<cloudhop_core::labs::Planner, cloudhop_app::labs::planner::PlannerLab>(
        include_str!("../../../lessons/content/exercises/planner.md"),
    )
}
