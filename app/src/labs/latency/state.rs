//! The lab's state: the scenario, the drawn topology and the answer. It is core's
//! (`cloudhop_core::labs::LatencyState`), so links and saved work are read and versioned
//! there.

pub use cloudhop_core::labs::LatencyState as LabState;
