//! "Internet scale": generate a tiered topology of 70,000 ASes (about today's internet),
//! propagate one prefix to every AS in the browser, and show how long each part took.

use crate::components::message::message_view;
use cloudhop_core::bgp::generate::tiered;
use cloudhop_core::bgp::propagation::propagate;
use cloudhop_core::bgp::topology::Topology;
use yew::prelude::*;

/// How many ASes the run generates.
pub const SCALE_ASES: usize = 70_000;

#[derive(Clone, PartialEq)]
struct ScaleResult {
    links: usize,
    generate_ms: f64,
    build_ms: f64,
    propagate_ms: f64,
    reached: usize,
    mean_len: f64,
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

fn run() -> Result<ScaleResult, String> {
    let t0 = now();
    let g = tiered(SCALE_ASES, 42);
    let t1 = now();
    let topo = Topology::new(&g.links, &[])?;
    let t2 = now();
    let s = propagate(&topo, &[g.stub_origin])?;
    let t3 = now();
    Ok(ScaleResult {
        links: g.links.len(),
        generate_ms: t1 - t0,
        build_ms: t2 - t1,
        propagate_ms: t3 - t2,
        reached: s.reached(),
        mean_len: s.mean_path_len(),
    })
}

/// The control and its result.
#[function_component]
pub fn ScaleRun() -> Html {
    let result = use_state(|| None::<Result<ScaleResult, String>>);
    let onclick = {
        let result = result.clone();
        Callback::from(move |_| result.set(Some(run())))
    };
    html! {
        <section class="bgp-scale">
            <h3>{ "Internet scale" }</h3>
            <p>{ "The real internet has about 75,000 autonomous systems. This generates a tiered one of 70,000 (a clique of tier-1 networks, regional transit, stubs) and propagates one prefix from a stub to every AS, in your browser, with the same engine as above." }</p>
            <button class="bgp-scale-run" {onclick}>{ "Run 70,000-AS propagation" }</button>
            { match &*result {
                Some(Ok(r)) => html! {
                    <output class="bgp-scale-result"
                        data-propagate-ms={format!("{:.1}", r.propagate_ms)}
                        data-build-ms={format!("{:.1}", r.build_ms)}
                        data-generate-ms={format!("{:.1}", r.generate_ms)}
                        data-reached={r.reached.to_string()}>
                        <strong>{ format!("Propagated one prefix to {} ASes in {:.1} ms.", r.reached, r.propagate_ms) }</strong>
                        { format!(" Generating {} ASes and {} links took {:.0} ms; building the graph {:.0} ms. Mean AS path length: {:.2}.",
                            SCALE_ASES, r.links, r.generate_ms, r.build_ms, r.mean_len) }
                    </output>
                },
                Some(Err(e)) => html! { <p class="bgp-error">{ message_view(e) }</p> },
                None => html! {},
            } }
        </section>
    }
}
