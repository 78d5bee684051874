//! The topology as SVG: ASes as boxes, provider-customer links solid with an arrowhead
//! towards the customer, peerings dashed, failed links crossed out; for the chosen prefix,
//! thick arrows from each AS to the neighbour its traffic goes to.

use cloudhop_core::bgp::asn::Asn;
use cloudhop_core::bgp::drawing::{drawing, Drawing};
use cloudhop_core::bgp::events::{Delivery, MessageKind};
use cloudhop_core::bgp::route::{Learned, Route};
use cloudhop_core::bgp::scenario::{IpNet, LinkSpec, Ribs, Scenario};
use cloudhop_core::bgp::topology::Link;
use yew::prelude::*;

/// Properties of the graph.
#[derive(Properties, PartialEq)]
pub struct GraphProps {
    pub sc: Scenario,
    pub ribs: Option<Ribs>,
    pub prefix: Option<IpNet>,
    pub selected: Option<Asn>,
    pub last: Option<Delivery>,
    pub question: bool,
    pub answer: Vec<Asn>,
    pub on_select: Callback<Asn>,
}

fn arrow_head(x1: f64, y1: f64, x2: f64, y2: f64, at: f64, size: f64) -> String {
    let (dx, dy) = (x2 - x1, y2 - y1);
    let len = (dx * dx + dy * dy).sqrt().max(1e-6);
    let (ux, uy) = (dx / len, dy / len);
    let (cx, cy) = (x1 + dx * at, y1 + dy * at);
    let (bx, by) = (cx - ux * size, cy - uy * size);
    let (px, py) = (-uy * size * 0.6, ux * size * 0.6);
    format!(
        "M{:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} Z",
        cx,
        cy,
        bx + px,
        by + py,
        bx - px,
        by - py
    )
}

/// The SVG graph.
#[function_component]
pub fn Graph(p: &GraphProps) -> Html {
    let node = use_node_ref();
    let width = crate::labs::width::use_width(node.clone());
    let pos = drawing(&p.sc, width);
    let routes = p
        .prefix
        .and_then(|pf| p.ribs.as_ref().and_then(|r| r.by_prefix.get(&pf)));
    let origins: Vec<Asn> = p.prefix.map(|pf| p.sc.origins_of(pf)).unwrap_or_default();
    let diverted: Vec<Asn> = match (p.prefix, &p.ribs) {
        (Some(pf), Some(r)) if !p.question => r.diverted(pf, &origins),
        _ => Vec::new(),
    };
    let links =
        p.sc.links
            .iter()
            .filter_map(|spec| link_view(&p.sc, spec, &pos));
    let flows = routes
        .into_iter()
        .flat_map(|m| m.iter())
        .filter_map(|(asn, r)| flow_view(*asn, r, &pos));
    let packet = p.last.as_ref().map(|d| packet_view(d, &pos));
    let nodes = pos.positions.iter().map(|(&asn, &(x, y))| {
        let route = routes.and_then(|m| m.get(&asn));
        as_node(&AsNodeProps {
            asn,
            x,
            y,
            box_w: pos.box_w,
            box_h: pos.box_h,
            name: p.sc.name_of(asn).unwrap_or(""),
            state: node_state(
                p.sc.failed_ases.contains(&asn),
                route,
                diverted.contains(&asn),
            ),
            title: route_title(route),
            selected: p.selected == Some(asn),
            marked: p.answer.contains(&asn),
            on_select: p.on_select.clone(),
        })
    });
    html! {
        <div class="bgp-graph-wrap">
          <div class="bgp-graph-box" ref={node}>
            <svg class="bgp-graph" viewBox={pos.view_box_attr()} role="group"
                 aria-label="AS topology and best routes">
                <g class="bgp-links">{ for links }</g>
                <g class="bgp-flows">{ for flows }</g>
                { for packet }
                <g class="bgp-nodes">{ for nodes }</g>
            </svg>
          </div>
            { legend(p.question) }
        </div>
    }
}

/// One link: a line, an arrowhead towards the customer, a cross when failed, a label.
fn link_view(sc: &Scenario, spec: &LinkSpec, pos: &Drawing) -> Option<Html> {
    let l = spec.link().ok()?;
    let (a, b) = l.ends();
    let failed = sc.link_failed(a, b);
    let (x1, y1) = pos.at(a);
    let (x2, y2) = pos.at(b);
    let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
    let (kind, head) = match l {
        Link::ProviderCustomer { provider, customer } => {
            let (px, py) = pos.at(provider);
            let (cx, cy) = pos.at(customer);
            ("bgp-link--pc", Some(arrow_head(px, py, cx, cy, 0.62, 11.0)))
        }
        Link::Peer(..) => ("bgp-link--peer", None),
    };
    let label = spec.label.clone().unwrap_or_default();
    Some(html! {
        <g class={classes!("bgp-link", kind, failed.then_some("bgp-link--failed"))}
           data-a={a.to_string()} data-b={b.to_string()}>
            <line x1={format!("{x1:.1}")} y1={format!("{y1:.1}")} x2={format!("{x2:.1}")} y2={format!("{y2:.1}")} />
            if let Some(d) = head {
                <path class="bgp-link-head" d={d} />
            }
            if failed {
                <text class="bgp-link-x" x={format!("{mx:.1}")} y={format!("{:.1}", my + 6.0)} text-anchor="middle">{ "✕" }</text>
            }
            if !label.is_empty() {
                <text class="bgp-link-label" x={format!("{mx:.1}")} y={format!("{:.1}", my - 8.0)} text-anchor="middle">{ label }</text>
            }
        </g>
    })
}

/// A thick arrow from an AS to the neighbour its traffic goes to.
fn flow_view(asn: Asn, r: &Route, pos: &Drawing) -> Option<Html> {
    let next = r.from?;
    let (x1, y1) = pos.at(asn);
    let (x2, y2) = pos.at(next);
    Some(html! {
        <g class="bgp-flow" data-from={asn.to_string()} data-to={next.to_string()}>
            <line x1={format!("{x1:.1}")} y1={format!("{y1:.1}")} x2={format!("{x2:.1}")} y2={format!("{y2:.1}")} />
            <path d={arrow_head(x1, y1, x2, y2, 0.42, 14.0)} />
        </g>
    })
}

/// The message just delivered, on its way.
fn packet_view(d: &Delivery, pos: &Drawing) -> Html {
    let (x1, y1) = pos.at(d.message.from);
    let (x2, y2) = pos.at(d.message.to);
    let (x, y) = (x1 + (x2 - x1) * 0.7, y1 + (y2 - y1) * 0.7);
    let (cls, text) = match d.message.kind {
        MessageKind::Update { .. } => ("bgp-packet--update", "UPDATE"),
        MessageKind::Withdraw => ("bgp-packet--withdraw", "WITHDRAW"),
    };
    html! {
        <g class={classes!("bgp-packet", cls)}>
            <line x1={format!("{x1:.1}")} y1={format!("{y1:.1}")} x2={format!("{x2:.1}")} y2={format!("{y2:.1}")} />
            <rect x={format!("{:.1}", x - 38.0)} y={format!("{:.1}", y - 11.0)} width="76" height="20" rx="10" />
            <text x={format!("{x:.1}")} y={format!("{:.1}", y + 4.0)} text-anchor="middle">{ text }</text>
        </g>
    }
}

/// The class that colours an AS: failed, hijacker, origin, captured, routed or no route.
fn node_state(failed: bool, route: Option<&Route>, diverted: bool) -> &'static str {
    let is_origin = route.is_some_and(|r| r.learned == Learned::Origin);
    if failed {
        "bgp-node--failed"
    } else if is_origin && diverted {
        "bgp-node--hijacker"
    } else if is_origin {
        "bgp-node--origin"
    } else if diverted {
        "bgp-node--captured"
    } else if route.is_some() {
        "bgp-node--routed"
    } else {
        "bgp-node--noroute"
    }
}

/// What an AS's route is, in words, for its tooltip and label.
fn route_title(route: Option<&Route>) -> String {
    match route {
        Some(r) if r.learned == Learned::Origin => "originates the prefix".to_string(),
        Some(r) => format!(
            "best route from AS {} ({}), AS path {}",
            r.from.unwrap_or_default(),
            r.learned.name(),
            r.as_path
        ),
        None => "no route".to_string(),
    }
}

/// One AS box: where, what it shows.
struct AsNodeProps<'a> {
    asn: Asn,
    x: f64,
    y: f64,
    box_w: f64,
    box_h: f64,
    name: &'a str,
    state: &'static str,
    title: String,
    selected: bool,
    marked: bool,
    on_select: Callback<Asn>,
}

/// One AS: a box with its number and name, a button that selects it.
fn as_node(p: &AsNodeProps<'_>) -> Html {
    let (asn, x, y) = (p.asn, p.x, p.y);
    let on_click = {
        let cb = p.on_select.clone();
        Callback::from(move |_| cb.emit(asn))
    };
    let on_key = {
        let cb = p.on_select.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                cb.emit(asn)
            }
        })
    };
    let (name, title) = (&p.name, &p.title);
    html! {
        <g class={classes!("bgp-node", p.state,
                p.selected.then_some("bgp-node--selected"),
                p.marked.then_some("bgp-node--marked"))}
           data-asn={asn.to_string()} tabindex="0" role="button"
           aria-label={format!("AS {asn} {name}: {title}")}
           onclick={on_click} onkeydown={on_key}>
            <title>{ format!("AS {asn}: {title}") }</title>
            <rect x={format!("{:.1}", x - p.box_w / 2.0)} y={format!("{:.1}", y - p.box_h / 2.0)}
                  width={p.box_w.to_string()} height={p.box_h.to_string()} rx="8" />
            <text class="bgp-node-asn" x={format!("{x:.1}")} y={format!("{:.1}", y - 4.0)} text-anchor="middle">
                { format!("AS {asn}") }
            </text>
            <text class="bgp-node-name" x={format!("{x:.1}")} y={format!("{:.1}", y + 17.0)} text-anchor="middle">
                { name.to_string() }
            </text>
        </g>
    }
}

/// A line key drawn as the graph draws that link: the same SVG line with the same classes,
/// so the peers key has the very dashes of a peering.
fn line_key(link_class: &'static str) -> Html {
    html! {
        <svg class="bgp-line-key" viewBox="0 0 32 8" width="32" height="8" aria-hidden="true">
            <g class={classes!("bgp-link", link_class)}><line x1="0" y1="4" x2="32" y2="4" /></g>
        </svg>
    }
}

/// What the lines and colours mean. In a question exercise the hijack colour is left
/// out: it would give the answer away.
fn legend(question: bool) -> Html {
    html! {
        <ul class="bgp-legend">
            <li>{ line_key("bgp-link--pc") }{ "provider → customer" }</li>
            <li>{ line_key("bgp-link--peer") }{ "peers" }</li>
            <li><span class="bgp-key bgp-key--flow"></span>{ "traffic to the prefix" }</li>
            <li><span class="bgp-key bgp-key--origin"></span>{ "origin" }</li>
            if !question {
                <li><span class="bgp-key bgp-key--captured"></span>{ "goes to another origin (hijack, anycast)" }</li>
            }
            <li><span class="bgp-key bgp-key--noroute"></span>{ "no route" }</li>
        </ul>
    }
}
