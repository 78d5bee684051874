//! The scenario as SVG: one box per network with its resolvers, servers, endpoints and
//! clients, the links between networks (port 53 allowed or blocked), and the hop being
//! played drawn as an arrow from the asking network to the server it reaches (red when
//! the hop is refused). Positions come from `core::dns::layout` for the measured width (a grid, or a stack with
//! the links in lanes and listed below it); every label comes from core.

use cloudhop_core::dns::layout::{place, Placed, ROW_H};
use cloudhop_core::dns::network::NetworkKind;
use cloudhop_core::dns::scenario::Scenario;
use cloudhop_core::dns::trace::{ServerRef, Step};
use yew::prelude::*;

/// Most networks drawn: a larger scenario is listed, not drawn.
pub const MAX_DRAWN: usize = 24;

/// What a row in a network's box stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Thing {
    Provider(String),
    Server(String),
    Endpoint(String),
    Client(String),
}

/// The hop being played: from which network to which thing, over which links, refused or not.
#[derive(Debug, Clone, PartialEq)]
pub struct Hop {
    pub from: String,
    pub to: Option<Thing>,
    pub via: Option<Thing>,
    pub links: Vec<String>,
    pub refused: bool,
}

/// The hop of the trace at step `current`: the last query at or before it.
pub fn hop_at(sc: &Scenario, trace: &[Step], current: Option<usize>) -> Option<Hop> {
    let cur = current?;
    let (i, step) = trace
        .iter()
        .enumerate()
        .take(cur + 1)
        .rev()
        .find(|(_, s)| matches!(s, Step::Query { .. }))?;
    let Step::Query {
        from,
        via,
        server,
        inbound,
        links,
        ..
    } = step
    else {
        return None;
    };
    let to = match (inbound, server) {
        (Some(e), _) => Some(Thing::Endpoint(e.clone())),
        (None, Some(ServerRef::Provider { network })) => Some(Thing::Provider(network.clone())),
        (None, Some(ServerRef::Server { id })) => Some(Thing::Server(id.clone())),
        _ => None,
    };
    let refused = cur > i && matches!(trace.get(i + 1), Some(Step::Refused { .. }));
    let _ = sc;
    Some(Hop {
        from: from.clone(),
        to,
        via: via.clone().map(Thing::Endpoint),
        links: links.clone(),
        refused,
    })
}

/// Properties of the diagram.
#[derive(Properties, PartialEq)]
pub struct DiagramProps {
    pub sc: std::rc::Rc<Scenario>,
    pub hop: Option<Hop>,
    /// The client asking.
    pub client: String,
    /// This lab's prefix for element ids (the arrow's marker).
    pub uid: AttrValue,
}

struct Row {
    thing: Thing,
    text: String,
}

fn rows(sc: &Scenario, net: &str, kind: NetworkKind) -> Vec<Row> {
    let mut out = Vec::new();
    if let (Some(label), Some(addr)) = (
        kind.resolver_label(),
        sc.network(net).and_then(|n| n.provider_resolver()),
    ) {
        out.push(Row {
            thing: Thing::Provider(net.to_string()),
            text: format!("{label} {addr}"),
        });
    }
    for s in sc.servers.iter().filter(|s| s.network == net) {
        let what = if s.domain_controller {
            "AD DC"
        } else {
            "DNS server"
        };
        out.push(Row {
            thing: Thing::Server(s.id.clone()),
            text: format!("{} · {what} {}", s.id, s.address),
        });
    }
    for e in sc.endpoints.iter().filter(|e| e.network == net) {
        let dir = if e.kind.answers() {
            "inbound"
        } else {
            "outbound"
        };
        let addrs = e
            .addresses
            .iter()
            .map(|a| a.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        out.push(Row {
            thing: Thing::Endpoint(e.id.clone()),
            text: format!("{} · {dir} {addrs}", e.id),
        });
    }
    for c in sc.clients.iter().filter(|c| c.network == net) {
        out.push(Row {
            thing: Thing::Client(c.id.clone()),
            text: format!("{} · client", c.id),
        });
    }
    out
}

fn kind_class(kind: NetworkKind) -> &'static str {
    match kind {
        NetworkKind::AwsVpc => "dns-net-aws",
        NetworkKind::AzureVnet => "dns-net-azure",
        NetworkKind::GcpVpc => "dns-net-gcp",
        NetworkKind::OnPrem => "dns-net-onprem",
    }
}

/// The diagram.
#[function_component]
pub fn Diagram(p: &DiagramProps) -> Html {
    let node = use_node_ref();
    let width = crate::labs::width::use_width(node.clone());
    let sc = &*p.sc;
    let nets: Vec<_> = sc.networks.iter().take(MAX_DRAWN).collect();
    if nets.is_empty() {
        return html! { <p class="dns-muted" ref={node}>{ "No networks yet: add one below." }</p> };
    }
    let all_rows: Vec<Vec<Row>> = nets.iter().map(|n| rows(sc, &n.id, n.kind)).collect();
    let counts: Vec<usize> = all_rows.iter().map(Vec::len).collect();
    let layout = place(&counts, sc.links.len(), width);
    // Each network's box, found by id (a scan: a diagram draws at most MAX_DRAWN networks,
    // and a map type here would add its own code to the bundle).
    let placed = |id: &str| -> Option<&Placed> {
        nets.iter()
            .position(|n| n.id == id)
            .and_then(|i| layout.boxes.get(i))
    };
    let (width, height) = (layout.width, layout.height);
    let hop = p.hop.as_ref();
    let row_pos = |thing: &Thing| -> Option<(f64, f64)> {
        nets.iter().zip(&all_rows).find_map(|(n, rs)| {
            let i = rs.iter().position(|r| r.thing == *thing)?;
            let pl = placed(&n.id)?;
            Some((pl.x + pl.w / 2.0, pl.row_y(i)))
        })
    };

    let links = sc.links.iter().enumerate().filter_map(|(i, l)| {
        let (a, b) = (placed(&l.a)?, placed(&l.b)?);
        let (bx, by) = b.centre();
        let (ax, ay) = a.centre();
        let (x1, y1) = a.edge(bx, by);
        let (x2, y2) = b.edge(ax, ay);
        let on_hop = hop.is_some_and(|h| h.links.contains(&l.id));
        let class = classes!(
            "dns-link",
            if l.dns_allowed { "dns-link-open" } else { "dns-link-blocked" },
            on_hop.then_some("dns-link-hop"),
        );
        let title = format!("{} {}: {} ↔ {}, DNS (port 53) {}", l.kind.label(), l.id, l.a, l.b,
            if l.dns_allowed { "allowed" } else { "blocked" });
        if let Some(lanes) = layout.lanes {
            // Stacked boxes: the link leaves each box's right edge and runs in its lane.
            let lx = lanes.x_of(i);
            let (ex, ya, yb) = (a.x + a.w, a.centre().1, b.centre().1);
            let d = format!("M {ex} {ya} H {lx} V {yb} H {ex}");
            return Some(html! {
                <g class={class} data-link={l.id.clone()}>
                    <title>{ title }</title>
                    <path class="dns-link-lane" d={d} />
                </g>
            });
        }
        let diagonal = (ax - bx).abs() > 1.0 && (ay - by).abs() > 1.0;
        let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0 + if diagonal { if ax < bx { -10.0 } else { 12.0 } } else { 0.0 });
        let label = format!("{} · 53 {}", l.id, if l.dns_allowed { "✓" } else { "✗" });
        Some(html! {
            <g class={class} data-link={l.id.clone()}>
                <title>{ title }</title>
                <line x1={x1.to_string()} y1={y1.to_string()} x2={x2.to_string()} y2={y2.to_string()} />
                <text class="dns-link-label" x={mx.to_string()} y={(my - 4.0).to_string()} text-anchor="middle">{ label }</text>
            </g>
        })
    });

    let boxes = nets.iter().zip(&all_rows).map(|(n, rs)| {
        let Some(pl) = placed(&n.id).copied() else {
            return html! {};
        };
        let from = hop.is_some_and(|h| h.from == n.id);
        html! {
            <g class={classes!("dns-net", kind_class(n.kind), from.then_some("dns-net-from"))} data-network={n.id.clone()}>
                <rect class="dns-net-box" x={pl.x.to_string()} y={pl.y.to_string()} width={pl.w.to_string()} height={pl.h.to_string()} rx="8" />
                <text class="dns-net-title" x={(pl.x + 10.0).to_string()} y={(pl.y + 19.0).to_string()}>{ n.id.clone() }</text>
                <text class="dns-net-kind" x={(pl.x + 10.0).to_string()} y={(pl.y + 36.0).to_string()}>{ format!("{} · {}", n.kind.label(), n.cidr) }</text>
                { for rs.iter().enumerate().map(|(i, r)| {
                    let on = hop.is_some_and(|h| h.to.as_ref() == Some(&r.thing) || h.via.as_ref() == Some(&r.thing));
                    let refused = on && hop.is_some_and(|h| h.refused && h.to.as_ref() == Some(&r.thing));
                    let asking = matches!(&r.thing, Thing::Client(c) if *c == p.client);
                    html! {
                        <g class={classes!("dns-row", on.then_some("dns-row-hop"), refused.then_some("dns-row-refused"), asking.then_some("dns-row-asking"))}>
                            <rect class="dns-row-bg" x={(pl.x + 4.0).to_string()} y={(pl.row_y(i) - ROW_H / 2.0).to_string()} width={(pl.w - 8.0).to_string()} height={ROW_H.to_string()} rx="4" />
                            <text class="dns-row-text" x={(pl.x + 12.0).to_string()} y={(pl.row_y(i) + 5.0).to_string()}>{ r.text.clone() }</text>
                        </g>
                    }
                }) }
            </g>
        }
    });

    // The hop: an arrow from the asking network (or client) to the server reached.
    let arrow = hop.and_then(|h| {
        let target = h.to.as_ref().and_then(row_pos)?;
        let start = sc
            .clients
            .iter()
            .find(|c| c.id == p.client && c.network == h.from)
            .and_then(|c| row_pos(&Thing::Client(c.id.clone())))
            .or_else(|| placed(&h.from).map(|pl| pl.centre()))?;
        let start = h.via.as_ref().and_then(row_pos).unwrap_or(start);
        if (start.0 - target.0).abs() < 1.0 && (start.1 - target.1).abs() < 1.0 {
            return None;
        }
        let arc = layout.hop_arc(start, target);
        let d = format!(
            "M {} {} Q {} {} {} {}",
            arc.start.0, arc.start.1, arc.ctrl.0, arc.ctrl.1, arc.end.0, arc.end.1
        );
        Some(html! {
            <path class={classes!("dns-hop", h.refused.then_some("dns-hop-refused"))} d={d} marker-end={format!("url(#{}-arrow)", p.uid)} />
        })
    });

    let label = format!(
        "Diagram of {} networks and {} links{}",
        nets.len(),
        sc.links.len(),
        match hop {
            Some(h) if h.refused =>
                format!("; the hop being played, from `{}`, is refused", h.from),
            Some(h) => format!("; the hop being played starts in `{}`", h.from),
            None => String::new(),
        }
    );
    html! {
        <div class="dns-diagram-wrap">
          <div class="dns-diagram-box" ref={node}>
            <svg class="dns-diagram" viewBox={format!("0 0 {width} {height}")} role="img" aria-label={label}
                width={width.to_string()} height={height.to_string()}>
                <defs>
                    <marker id={format!("{}-arrow", p.uid)} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path class="dns-arrow-head" d="M 0 0 L 10 5 L 0 10 z" />
                    </marker>
                </defs>
                <g class="dns-links">{ for links }</g>
                <g class="dns-nets">{ for boxes }</g>
                { arrow.unwrap_or_default() }
            </svg>
          </div>
            if layout.lanes.is_some() {
                <ul class="dns-link-list" aria-label="Links between the networks">
                    { for sc.links.iter().map(|l| html! {
                        <li class={classes!("dns-link-item", if l.dns_allowed { "dns-link-open" } else { "dns-link-blocked" })} data-link={l.id.clone()}>
                            <strong>{ l.id.clone() }</strong>
                            { format!(" · {} ↔ {} · port 53 {}", l.a, l.b, if l.dns_allowed { "✓ allowed" } else { "✗ blocked" }) }
                        </li>
                    }) }
                </ul>
            }
            if sc.networks.len() > MAX_DRAWN {
                <p class="dns-muted">{ format!("{} more networks are not drawn.", sc.networks.len() - MAX_DRAWN) }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudhop_core::dns::cache::Cache;
    use cloudhop_core::labs::DnsState;

    #[test]
    fn the_refused_hop_is_found_and_marked() {
        let st = DnsState::preset("onprem-to-phz");
        let t = st.traced(&mut Cache::new()).unwrap();
        let trace = &t.resolution.trace;
        let refused = trace
            .iter()
            .position(|s| matches!(s, Step::Refused { .. }))
            .expect("a refused hop");
        let h = hop_at(&st.sc, trace, Some(refused)).unwrap();
        assert!(h.refused);
        // Before the refusal is played, the hop is not yet shown as refused.
        let h = hop_at(&st.sc, trace, Some(refused - 1)).unwrap();
        assert!(!h.refused);
        assert!(hop_at(&st.sc, trace, None).is_none());
    }

    #[test]
    fn a_hop_to_an_inbound_endpoint_targets_the_endpoint() {
        let st = DnsState::preset("hybrid");
        let t = st.traced(&mut Cache::new()).unwrap();
        let trace = &t.resolution.trace;
        let hops: Vec<Hop> = (0..trace.len())
            .filter_map(|i| hop_at(&st.sc, trace, Some(i)))
            .collect();
        assert!(
            hops.iter()
                .any(|h| h.to == Some(Thing::Endpoint("in-1".into()))),
            "{hops:?}"
        );
        assert!(hops.iter().all(|h| !h.refused));
    }
}
