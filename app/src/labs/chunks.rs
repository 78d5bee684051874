//! Each lab's code as a wasm chunk of its own ([`crate::chunks`]): the course map fetches
//! no lab, and opening a lab fetches that lab's chunk only.

use super::{bgp, dns, failover, latency, planner, LabProps};
use crate::chunks::{Chunk, ChunkLoadFailed, Kept, Loading, View};
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

    #[cfg(feature = "split")]
    fn loaded(self) -> Option<View<LabProps>> {
        LOADED.with(|l| l[self as usize].get())
    }

    /// Without the split every lab is in: the first render draws it.
    #[cfg(not(feature = "split"))]
    fn loaded(self) -> Option<View<LabProps>> {
        match self {
            LabId::Planner => planner_chunk(),
            LabId::Bgp => bgp_chunk(),
            LabId::Latency => latency_chunk(),
            LabId::Failover => failover_chunk(),
            LabId::Dns => dns_chunk(),
        }
        .ok()
    }

    fn load(self) -> Loading<LabProps> {
        Box::pin(async move {
            if let Some(view) = self.loaded() {
                return Ok(view);
            }
            #[cfg(feature = "split")]
            let view = match self {
                LabId::Planner => planner_chunk().await,
                LabId::Bgp => bgp_chunk().await,
                LabId::Latency => latency_chunk().await,
                LabId::Failover => failover_chunk().await,
                LabId::Dns => dns_chunk().await,
            }?;
            #[cfg(not(feature = "split"))]
            let view = self.loaded().ok_or(ChunkLoadFailed)?;
            Ok(LOADED.with(|l| l[self as usize].keep(view)))
        })
    }

    fn name(self) -> String {
        self.title().to_string()
    }
}
