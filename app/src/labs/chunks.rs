//! Each lab's code as a wasm chunk of its own ([`crate::chunks`]): the course map fetches
//! no lab, and opening a lab fetches that lab's chunk only.

use super::{bgp, dns, failover, latency, planner, LabProps};
use crate::chunks::{split_call, Chunk, ChunkLoadFailed, Kept, Loading, View};
use cloudhop_core::labs::LabId;
use yew::prelude::*;

thread_local! {
    /// The labs whose chunk is in, by `LabId as usize` (a fieldless enum in `ALL`'s order).
    static LOADED: [Kept<LabProps>; LabId::ALL.len()] = const { [const { Kept::new() }; LabId::ALL.len()] };
}

// One function per lab. With the `split` feature each is a split point; the macro makes
// it `async` and, being `fallible`, turns a failed fetch into `Err(ChunkLoadFailed)`.
macro_rules! lab_chunk {
    ($name:ident, $chunk:ident, $component:path) => {
        #[cfg_attr(feature = "split", wasm_split_helpers::wasm_split($chunk, fallible))]
        fn $name() -> Result<View<LabProps>, ChunkLoadFailed> {
            Ok(|props| html! { <$component ..props /> })
        }
    };
}
lab_chunk!(planner_chunk, lab_planner, planner::PlannerLab);
lab_chunk!(bgp_chunk, lab_bgp, bgp::BgpLab);
lab_chunk!(latency_chunk, lab_latency, latency::LatencyLab);
lab_chunk!(failover_chunk, lab_failover, failover::FailoverLab);
lab_chunk!(dns_chunk, lab_dns, dns::DnsLab);

impl Chunk for LabId {
    type Props = LabProps;

    fn fetch(self) -> Loading<LabProps> {
        Box::pin(async move {
            match self {
                LabId::Planner => split_call!(planner_chunk()),
                LabId::Bgp => split_call!(bgp_chunk()),
                LabId::Latency => split_call!(latency_chunk()),
                LabId::Failover => split_call!(failover_chunk()),
                LabId::Dns => split_call!(dns_chunk()),
            }
        })
    }

    fn with_kept<R>(self, f: impl FnOnce(&Kept<LabProps>) -> R) -> R {
        LOADED.with(|l| f(&l[self as usize]))
    }

    fn name(self) -> String {
        self.title().to_string()
    }
}
