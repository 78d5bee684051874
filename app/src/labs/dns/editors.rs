//! The editing cards of the DNS lab: networks, links, servers, endpoints, rules, zones,
//! records and clients. Each card's rows are the scenario's things described with core's
//! labels; each form's fields become a `DnsEdit` as JSON, which core reads (serde) and
//! applies or refuses with its own message.

use super::card::{Card, Field, Row, Values};
use super::model::Action;
use cloudhop_core::dns::edit::{DnsEdit, Entity};
use cloudhop_core::dns::records::RecordType;
use cloudhop_core::dns::scenario::Scenario;
use serde_json::{json, Value};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of the editors.
#[derive(Properties, PartialEq)]
pub struct EditorsProps {
    pub sc: Rc<Scenario>,
    /// This lab's prefix for element ids.
    pub uid: AttrValue,
    /// The card of the last refused edit, and why.
    pub refused: Option<(&'static str, String)>,
    pub dispatch: Callback<Action>,
    /// Called just before an edit is sent (the page times edit → redraw from it).
    pub on_edit_start: Callback<()>,
}

/// Split a list typed as `a, b c` into its items.
fn items(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn get<'a>(v: &'a Values, k: &str) -> &'a str {
    v.get(k).map_or("", |s| s.trim())
}

fn flag(v: &Values, k: &str) -> bool {
    !get(v, k).is_empty()
}

fn values(pairs: &[(&'static str, String)]) -> Values {
    pairs.iter().cloned().collect()
}

fn opts<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    ids.map(|i| (i.to_string(), i.to_string())).collect()
}

fn labelled(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(v, l)| (v.to_string(), l.to_string()))
        .collect()
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

fn joined(v: &Value) -> String {
    v.as_array()
        .map(|a| a.iter().map(s).collect::<Vec<_>>().join(", "))
        .unwrap_or_default()
}

/// Read an edit from JSON the form built; a field core cannot read is named.
fn edit(v: Value) -> Result<DnsEdit, String> {
    serde_json::from_value(v).map_err(|e| e.to_string())
}

fn network_edit(v: &Values) -> Result<DnsEdit, String> {
    edit(json!({"edit": "put_network", "network": {
        "id": get(v, "id"), "kind": get(v, "kind"), "cidr": get(v, "cidr")}}))
}

fn link_edit(v: &Values) -> Result<DnsEdit, String> {
    edit(json!({"edit": "put_link", "link": {
        "id": get(v, "id"), "kind": get(v, "kind"), "a": get(v, "a"), "b": get(v, "b"),
        "dns_allowed": flag(v, "dns_allowed"), "routes_google_dns_range": flag(v, "google")}}))
}

fn server_edit(v: &Values) -> Result<DnsEdit, String> {
    let min = get(v, "min_cache_ttl");
    let min: Value = if min.is_empty() {
        Value::Null
    } else {
        min.parse::<u32>().map(Value::from).map_err(|_| {
            format!("the minimum cache time must be a number of seconds, not `{min}`")
        })?
    };
    edit(json!({"edit": "put_server", "server": {
        "id": get(v, "id"), "network": get(v, "network"), "address": get(v, "address"),
        "recursion": flag(v, "recursion"), "forwarders": items(get(v, "forwarders")),
        "min_cache_ttl": min, "domain_controller": flag(v, "dc")}}))
}

fn endpoint_edit(v: &Values) -> Result<DnsEdit, String> {
    edit(json!({"edit": "put_endpoint", "endpoint": {
        "id": get(v, "id"), "kind": get(v, "kind"), "network": get(v, "network"),
        "addresses": items(get(v, "addresses"))}}))
}

fn rule_edit(v: &Values) -> Result<DnsEdit, String> {
    let action = match get(v, "action") {
        "forward" => json!({"kind": "forward", "targets": items(get(v, "targets"))}),
        "peer" => json!({"kind": "peer", "network": get(v, "peer")}),
        other => json!({"kind": other}),
    };
    let nets = items(get(v, "networks"));
    let scope = match get(v, "scope") {
        "route53" => json!({"kind": "route53", "endpoint": get(v, "endpoint"), "vpcs": nets}),
        "azure_ruleset" => json!({"kind": "azure_ruleset", "ruleset": get(v, "ruleset"),
            "endpoint": get(v, "endpoint"), "vnets": nets}),
        "cloud_dns" => json!({"kind": "cloud_dns", "networks": nets}),
        _ => json!({"kind": "server", "server": get(v, "server")}),
    };
    edit(json!({"edit": "put_rule", "rule": {
        "id": get(v, "id"), "domain": get(v, "domain"), "action": action, "scope": scope}}))
}

fn zone_edit(sc: &Scenario, v: &Values) -> Result<DnsEdit, String> {
    let members = items(get(v, "members"));
    let scope = match get(v, "scope") {
        "route53_private" => json!({"kind": "route53_private", "vpcs": members}),
        "azure_private" => json!({"kind": "azure_private", "vnets": members}),
        "cloud_dns_private" => json!({"kind": "cloud_dns_private", "networks": members}),
        "servers" => json!({"kind": "servers", "servers": members}),
        _ => json!({"kind": "public"}),
    };
    // The zone's records stay: this form changes the zone, the records card its records.
    let records = sc
        .zone(get(v, "id"))
        .map(|z| serde_json::to_value(&z.records).unwrap_or_default())
        .unwrap_or_else(|| json!([]));
    let neg = get(v, "negative_ttl");
    let neg: Value = if neg.is_empty() {
        json!(300)
    } else {
        neg.parse::<u32>()
            .map(Value::from)
            .map_err(|_| format!("the negative TTL must be a number of seconds, not `{neg}`"))?
    };
    edit(json!({"edit": "put_zone", "zone": {
        "id": get(v, "id"), "origin": get(v, "origin"), "scope": scope,
        "records": records, "negative_ttl": neg}}))
}

fn record_edit(v: &Values) -> Result<DnsEdit, String> {
    let ttl = get(v, "ttl");
    let ttl: u32 = ttl
        .parse()
        .map_err(|_| format!("the TTL must be a number of seconds, not `{ttl}`"))?;
    edit(
        json!({"edit": "set_records", "zone": get(v, "zone"), "name": get(v, "name"),
        "type": get(v, "type"), "ttl": ttl, "values": items(get(v, "values"))}),
    )
}

fn client_edit(v: &Values) -> Result<DnsEdit, String> {
    let resolver = get(v, "resolver");
    edit(json!({"edit": "put_client", "client": {
        "id": get(v, "id"), "network": get(v, "network"),
        "resolver": if resolver.is_empty() { Value::Null } else { json!(resolver) }}}))
}

const NETWORK_KINDS: [(&str, &str); 4] = [
    ("aws_vpc", "AWS VPC"),
    ("azure_vnet", "Azure VNet"),
    ("gcp_vpc", "Google Cloud VPC network"),
    ("on_prem", "on-premises site"),
];

/// Turns a card's form values into the edit it asks for, or says why it cannot.
type BuildEdit = Rc<dyn Fn(&Values) -> Result<DnsEdit, String>>;

/// The editing cards.
#[function_component]
pub fn Editors(p: &EditorsProps) -> Html {
    let sc = &*p.sc;
    let refused = |card: &str| {
        p.refused
            .as_ref()
            .filter(|(c, _)| *c == card)
            .map(|(_, why)| AttrValue::from(why.clone()))
    };
    let save = |card: &'static str, build: BuildEdit| {
        let d = p.dispatch.clone();
        let start = p.on_edit_start.clone();
        Callback::from(move |v: Values| match build(&v) {
            Ok(e) => {
                start.emit(());
                d.emit(Action::Edit(card, e));
            }
            Err(why) => d.emit(Action::Refuse(card, why)),
        })
    };
    let remove = |card: &'static str, kind: Entity| {
        let d = p.dispatch.clone();
        let start = p.on_edit_start.clone();
        Some(Callback::from(move |id: String| {
            start.emit(());
            d.emit(Action::Edit(card, DnsEdit::Remove { kind, id }));
        }))
    };
    let net_ids = || opts(sc.networks.iter().map(|n| n.id.as_str()));

    // Networks.
    let net_rows: Vec<Row> = sc
        .networks
        .iter()
        .map(|n| Row {
            id: n.id.clone(),
            text: format!("`{}`: {} {}", n.id, n.kind.label(), n.cidr),
            values: values(&[
                ("id", n.id.clone()),
                ("kind", s(&json!(n.kind))),
                ("cidr", n.cidr.to_string()),
            ]),
            extra: html! {},
        })
        .collect();
    let net_fields = vec![
        Field::text("id", "Id", "vpc-shared"),
        Field::select("kind", "Kind", labelled(&NETWORK_KINDS)),
        Field::text("cidr", "Range", "10.20.0.0/16"),
    ];

    // Links, each with its port 53 switch.
    let link_rows: Vec<Row> = sc
        .links
        .iter()
        .map(|l| {
            let d = p.dispatch.clone();
            let start = p.on_edit_start.clone();
            let id = l.id.clone();
            let onchange = Callback::from(move |e: Event| {
                let i: web_sys::HtmlInputElement = e.target_unchecked_into();
                start.emit(());
                d.emit(Action::Edit(
                    "links",
                    DnsEdit::SetLinkDns {
                        link: id.clone(),
                        allowed: i.checked(),
                    },
                ));
            });
            let box_id = format!("{}-link-dns-{}", p.uid, l.id);
            Row {
                id: l.id.clone(),
                text: format!(
                    "`{}`: {} between `{}` and `{}`, DNS (port 53) {}",
                    l.id,
                    l.kind.label(),
                    l.a,
                    l.b,
                    if l.dns_allowed { "allowed" } else { "blocked" }
                ),
                values: values(&[
                    ("id", l.id.clone()),
                    ("kind", s(&json!(l.kind))),
                    ("a", l.a.clone()),
                    ("b", l.b.clone()),
                    ("dns_allowed", if l.dns_allowed { "true".into() } else { String::new() }),
                    ("google", if l.routes_google_dns_range { "true".into() } else { String::new() }),
                ]),
                extra: html! {
                    <label class="dns-switch" for={box_id.clone()}>
                        <input id={box_id} type="checkbox" class="dns-link-dns" checked={l.dns_allowed} {onchange} />
                        { "port 53" }
                    </label>
                },
            }
        })
        .collect();
    let link_fields = vec![
        Field::text("id", "Id", "vpn-2"),
        Field::select(
            "kind",
            "Kind",
            labelled(&[
                ("tunnel", "VPN tunnel"),
                ("interconnect", "interconnect"),
                ("peering", "peering"),
            ]),
        ),
        Field::select("a", "From network", net_ids()),
        Field::select("b", "To network", net_ids()),
        Field::check("dns_allowed", "DNS (port 53) allowed"),
        Field::check("google", "Routes Google's 35.199.192.0/19 back"),
    ];

    // Servers.
    let server_rows: Vec<Row> = sc
        .servers
        .iter()
        .map(|x| {
            let fw = x
                .forwarders
                .iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let mut text = format!(
                "`{}` in `{}` at {}{}{}",
                x.id,
                x.network,
                x.address,
                if x.domain_controller {
                    ", AD domain controller"
                } else {
                    ""
                },
                if x.recursion { ", recursive" } else { "" }
            );
            if !fw.is_empty() {
                text.push_str(&format!(", forwards the rest to {fw}"));
            }
            if let Some(m) = x.min_cache_ttl {
                text.push_str(&format!(", keeps every answer at least {m} s"));
            }
            Row {
                id: x.id.clone(),
                text,
                values: values(&[
                    ("id", x.id.clone()),
                    ("network", x.network.clone()),
                    ("address", x.address.to_string()),
                    (
                        "recursion",
                        if x.recursion {
                            "true".into()
                        } else {
                            String::new()
                        },
                    ),
                    ("forwarders", fw),
                    (
                        "min_cache_ttl",
                        x.min_cache_ttl.map(|m| m.to_string()).unwrap_or_default(),
                    ),
                    (
                        "dc",
                        if x.domain_controller {
                            "true".into()
                        } else {
                            String::new()
                        },
                    ),
                ]),
                extra: html! {},
            }
        })
        .collect();
    let server_fields = vec![
        Field::text("id", "Id", "dns2"),
        Field::select("network", "Network", net_ids()),
        Field::text("address", "Address", "192.168.10.11"),
        Field::check("recursion", "Recursive (answers clients)"),
        Field::text(
            "forwarders",
            "Forwarders (addresses)",
            "10.16.0.10, 10.16.1.10",
        ),
        Field::text("min_cache_ttl", "Minimum cache time, s (blank: none)", ""),
        Field::check("dc", "Active Directory domain controller"),
    ];

    // Endpoints.
    let endpoint_rows: Vec<Row> = sc
        .endpoints
        .iter()
        .map(|e| {
            let addrs = e
                .addresses
                .iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            Row {
                id: e.id.clone(),
                text: format!(
                    "`{}`: {} in `{}` at {}",
                    e.id,
                    e.kind.label(),
                    e.network,
                    if addrs.is_empty() {
                        "no address".to_string()
                    } else {
                        addrs.clone()
                    }
                ),
                values: values(&[
                    ("id", e.id.clone()),
                    ("kind", s(&json!(e.kind))),
                    ("network", e.network.clone()),
                    ("addresses", addrs),
                ]),
                extra: html! {},
            }
        })
        .collect();
    let endpoint_fields = vec![
        Field::text("id", "Id", "in-1"),
        Field::select(
            "kind",
            "Kind",
            labelled(&[
                ("route53_inbound", "Route 53 Resolver inbound endpoint"),
                ("route53_outbound", "Route 53 Resolver outbound endpoint"),
                (
                    "azure_inbound",
                    "Azure DNS Private Resolver inbound endpoint",
                ),
                (
                    "azure_outbound",
                    "Azure DNS Private Resolver outbound endpoint",
                ),
                ("gcp_inbound", "Cloud DNS inbound server policy"),
            ]),
        ),
        Field::select("network", "Network", net_ids()),
        Field::text("addresses", "Addresses", "10.16.0.10, 10.16.1.10"),
    ];

    // Rules.
    let rule_rows: Vec<Row> = sc
        .rules
        .iter()
        .map(|r| {
            let j = serde_json::to_value(r).unwrap_or_default();
            let action = s(&j["action"]["kind"]);
            let what = match action.as_str() {
                "forward" => format!("forward to {}", joined(&j["action"]["targets"])),
                "peer" => format!("peer with `{}`", s(&j["action"]["network"])),
                "system" => "SYSTEM (resolve in the cloud)".into(),
                other => other.to_string(),
            };
            let nets = r.scope.networks().join(", ");
            let whose = if nets.is_empty() {
                format!("on `{}`", s(&j["scope"]["server"]))
            } else {
                format!("for {nets}")
            };
            Row {
                id: r.id.clone(),
                text: format!(
                    "`{}`: {} {}: {what}, {whose}",
                    r.id,
                    r.scope.label(),
                    r.domain
                ),
                values: values(&[
                    ("id", r.id.clone()),
                    ("domain", r.domain.to_string()),
                    ("action", action),
                    ("targets", joined(&j["action"]["targets"])),
                    ("peer", s(&j["action"]["network"])),
                    ("scope", s(&j["scope"]["kind"])),
                    ("endpoint", s(&j["scope"]["endpoint"])),
                    ("ruleset", s(&j["scope"]["ruleset"])),
                    ("networks", nets),
                    ("server", s(&j["scope"]["server"])),
                ]),
                extra: html! {},
            }
        })
        .collect();
    let mut endpoint_opts = vec![(String::new(), "(none)".to_string())];
    endpoint_opts.extend(opts(
        sc.endpoints
            .iter()
            .filter(|e| !e.kind.answers())
            .map(|e| e.id.as_str()),
    ));
    let mut server_opts = vec![(String::new(), "(none)".to_string())];
    server_opts.extend(opts(sc.servers.iter().map(|x| x.id.as_str())));
    let rule_fields = vec![
        Field::text("id", "Id", "corp-fwd"),
        Field::text("domain", "Domain", "corp.example.com"),
        Field::select(
            "scope",
            "Kind",
            labelled(&[
                ("route53", "Route 53 Resolver rule"),
                ("azure_ruleset", "Azure DNS forwarding ruleset rule"),
                ("cloud_dns", "Cloud DNS forwarding or peering zone"),
                ("server", "conditional forwarder on a DNS server"),
            ]),
        ),
        Field::select(
            "action",
            "Action",
            labelled(&[
                ("forward", "forward"),
                ("system", "SYSTEM"),
                ("delegate", "delegate"),
                ("peer", "peer (Cloud DNS)"),
            ]),
        ),
        Field::text("targets", "Forward to (addresses)", "192.168.10.10"),
        Field::select("endpoint", "Outbound endpoint", endpoint_opts),
        Field::text("networks", "Associated networks", "vpc-app"),
        Field::text("ruleset", "Ruleset (Azure)", "corp-ruleset"),
        Field::select("server", "Server (conditional forwarder)", server_opts),
        Field::select("peer", "Peer network (Cloud DNS)", {
            let mut v = vec![(String::new(), "(none)".to_string())];
            v.extend(net_ids());
            v
        }),
    ];

    // Zones.
    let zone_rows: Vec<Row> = sc
        .zones
        .iter()
        .map(|z| {
            let j = serde_json::to_value(&z.scope).unwrap_or_default();
            let members = z.scope.members().join(", ");
            Row {
                id: z.id.clone(),
                text: format!(
                    "`{}`: {} {}{}, {} records",
                    z.id,
                    z.scope.label(),
                    z.origin,
                    if members.is_empty() {
                        String::new()
                    } else {
                        format!(" for {members}")
                    },
                    z.records.len()
                ),
                values: values(&[
                    ("id", z.id.clone()),
                    ("origin", z.origin.to_string()),
                    ("scope", s(&j["kind"])),
                    ("members", members),
                    ("negative_ttl", z.negative_ttl.to_string()),
                ]),
                extra: html! {},
            }
        })
        .collect();
    let zone_fields = vec![
        Field::text("id", "Id", "shared-private"),
        Field::text("origin", "Origin", "shared.corp.example.com"),
        Field::select(
            "scope",
            "Kind",
            labelled(&[
                ("route53_private", "Route 53 private hosted zone"),
                ("azure_private", "Azure private DNS zone"),
                ("cloud_dns_private", "Cloud DNS private zone"),
                ("servers", "zone on DNS servers (AD-integrated)"),
                ("public", "public zone"),
            ]),
        ),
        Field::text("members", "Associated networks or servers", "vpc-app"),
        Field::text("negative_ttl", "Negative TTL, s", "300"),
    ];

    // Records, every zone's.
    let mut record_rows = Vec::new();
    for z in &sc.zones {
        for r in &z.records {
            let same: Vec<&str> = z
                .records
                .iter()
                .filter(|o| o.name == r.name && o.rtype == r.rtype)
                .map(|o| o.value.as_str())
                .collect();
            record_rows.push(Row {
                id: format!("{}/{}/{}/{}", z.id, r.name, r.rtype, r.value),
                text: format!(
                    "`{}`: {} {} {} (TTL {} s)",
                    z.id, r.name, r.rtype, r.value, r.ttl
                ),
                values: values(&[
                    ("zone", z.id.clone()),
                    ("name", r.name.to_string()),
                    ("type", r.rtype.to_string()),
                    ("ttl", r.ttl.to_string()),
                    ("values", same.join(", ")),
                ]),
                extra: html! {},
            });
        }
    }
    let record_fields = vec![
        Field::select("zone", "Zone", opts(sc.zones.iter().map(|z| z.id.as_str()))),
        Field::text("name", "Name", "app.corp.example.com"),
        Field::select(
            "type",
            "Type",
            RecordType::ALL
                .iter()
                .map(|t| (t.to_string(), t.to_string()))
                .collect(),
        ),
        Field::text("ttl", "TTL, s", "300"),
        Field::text("values", "Values (blank removes)", "10.16.4.50"),
    ];
    let remove_record = {
        let d = p.dispatch.clone();
        let start = p.on_edit_start.clone();
        let sc = p.sc.clone();
        Some(Callback::from(move |row: String| {
            // The row id is zone/name/type/value: remove that one value.
            let parts: Vec<&str> = row.splitn(4, '/').collect();
            let [zone, name, rtype, value] = parts[..] else {
                return;
            };
            let Some(z) = sc.zone(zone) else { return };
            let (ttl, rest): (u32, Vec<String>) = {
                let same: Vec<_> = z
                    .records
                    .iter()
                    .filter(|r| r.name.as_str() == name && r.rtype.to_string() == rtype)
                    .collect();
                (
                    same.first().map_or(300, |r| r.ttl),
                    same.iter()
                        .filter(|r| r.value != value)
                        .map(|r| r.value.clone())
                        .collect(),
                )
            };
            match edit(
                json!({"edit": "set_records", "zone": zone, "name": name, "type": rtype, "ttl": ttl, "values": rest}),
            ) {
                Ok(e) => {
                    start.emit(());
                    d.emit(Action::Edit("records", e));
                }
                Err(why) => d.emit(Action::Refuse("records", why)),
            }
        }))
    };

    // Clients.
    let client_rows: Vec<Row> = sc
        .clients
        .iter()
        .map(|c| Row {
            id: c.id.clone(),
            text: format!(
                "`{}` in `{}`, asks {}",
                c.id,
                c.network,
                c.resolver.map_or_else(
                    || "its network's built-in resolver".to_string(),
                    |a| a.to_string()
                )
            ),
            values: values(&[
                ("id", c.id.clone()),
                ("network", c.network.clone()),
                (
                    "resolver",
                    c.resolver.map(|a| a.to_string()).unwrap_or_default(),
                ),
            ]),
            extra: html! {},
        })
        .collect();
    let client_fields = vec![
        Field::text("id", "Id", "vm-2"),
        Field::select("network", "Network", net_ids()),
        Field::text(
            "resolver",
            "Resolver address (blank: the network's own)",
            "192.168.10.10",
        ),
    ];

    let sc2 = p.sc.clone();
    html! {
        <div class="dns-editors">
            <Card uid={p.uid.clone()} card="rules" title="Rules and conditional forwarders"
                about="Which names a resolver sends elsewhere: Route 53 Resolver rules, Azure ruleset rules, Cloud DNS forwarding zones, and forwarders on your DNS servers. The most specific domain wins."
                rows={Rc::new(rule_rows)} fields={Rc::new(rule_fields)} on_save={save("rules", Rc::new(rule_edit))}
                on_remove={remove("rules", Entity::Rule)} refused={refused("rules")} />
            <Card uid={p.uid.clone()} card="links" title="Links"
                about="Tunnels, interconnects and peerings between networks, and whether DNS (port 53) may cross them."
                rows={Rc::new(link_rows)} fields={Rc::new(link_fields)} on_save={save("links", Rc::new(link_edit))}
                on_remove={remove("links", Entity::Link)} refused={refused("links")} />
            <Card uid={p.uid.clone()} card="endpoints" title="Resolver endpoints"
                about="Inbound endpoints let other networks ask a cloud's resolver; outbound endpoints carry its forwarded queries out."
                rows={Rc::new(endpoint_rows)} fields={Rc::new(endpoint_fields)} on_save={save("endpoints", Rc::new(endpoint_edit))}
                on_remove={remove("endpoints", Entity::Endpoint)} refused={refused("endpoints")} />
            <Card uid={p.uid.clone()} card="records" title="Records"
                about="Each record's name, type, TTL and value. Saving sets all the values of one name and type; a blank value removes them."
                rows={Rc::new(record_rows)} fields={Rc::new(record_fields)} on_save={save("records", Rc::new(record_edit))}
                on_remove={remove_record} refused={refused("records")} />
            <Card uid={p.uid.clone()} card="zones" title="Zones"
                about="Public zones, private zones associated with cloud networks, and zones hosted on your DNS servers (Active Directory-integrated)."
                rows={Rc::new(zone_rows)} fields={Rc::new(zone_fields)} on_save={save("zones", Rc::new(move |v: &Values| zone_edit(&sc2, v)))}
                on_remove={remove("zones", Entity::Zone)} refused={refused("zones")} />
            <Card uid={p.uid.clone()} card="servers" title="DNS servers"
                about="The servers you run: domain controllers, BIND or Unbound, with their forwarders and cache settings."
                rows={Rc::new(server_rows)} fields={Rc::new(server_fields)} on_save={save("servers", Rc::new(server_edit))}
                on_remove={remove("servers", Entity::Server)} refused={refused("servers")} />
            <Card uid={p.uid.clone()} card="networks" title="Networks"
                about="VPCs, VNets, Google Cloud VPC networks and on-premises sites, each with its address range."
                rows={Rc::new(net_rows)} fields={Rc::new(net_fields)} on_save={save("networks", Rc::new(network_edit))}
                on_remove={remove("networks", Entity::Network)} refused={refused("networks")} />
            <Card uid={p.uid.clone()} card="clients" title="Clients"
                about="The machines that ask. A cloud instance asks its network's resolver; an on-premises host asks its DNS server."
                rows={Rc::new(client_rows)} fields={Rc::new(client_fields)} on_save={save("clients", Rc::new(client_edit))}
                on_remove={remove("clients", Entity::Client)} refused={refused("clients")} />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudhop_core::labs::DnsState;

    fn v(pairs: &[(&'static str, &str)]) -> Values {
        pairs.iter().map(|(k, x)| (*k, x.to_string())).collect()
    }

    #[test]
    fn the_rule_form_makes_the_rule_that_solves_ec2_to_ad() {
        let mut st = DnsState::preset("ec2-to-ad");
        let e = rule_edit(&v(&[
            ("id", "corp-fwd"),
            ("domain", "corp.example.com"),
            ("scope", "route53"),
            ("action", "forward"),
            ("targets", "192.168.10.10"),
            ("endpoint", "out-1"),
            ("networks", "vpc-app"),
        ]))
        .unwrap();
        st.sc.apply(&e).unwrap();
        assert!(st
            .sc
            .rule("corp-fwd")
            .unwrap()
            .applies_to_network("vpc-app"));
        let bad = rule_edit(&v(&[
            ("id", "x"),
            ("domain", "corp.example.com"),
            ("scope", "route53"),
            ("action", "forward"),
            ("targets", "not-an-ip"),
        ]));
        assert!(bad.is_err());
    }

    #[test]
    fn records_and_servers_forms_read_numbers_and_blanks() {
        let mut st = DnsState::preset("failover-ttl");
        let e = record_edit(&v(&[
            ("zone", "corp"),
            ("name", "app.corp.example.com"),
            ("type", "A"),
            ("ttl", "30"),
            ("values", "10.16.4.50"),
        ]))
        .unwrap();
        st.sc.apply(&e).unwrap();
        assert!(record_edit(&v(&[
            ("zone", "corp"),
            ("name", "a.corp.example.com"),
            ("type", "A"),
            ("ttl", "soon")
        ]))
        .unwrap_err()
        .contains("soon"));
        let fwd = st.sc.server("fwd1").unwrap().clone();
        let e = server_edit(&v(&[
            ("id", "fwd1"),
            ("network", &fwd.network),
            ("address", &fwd.address.to_string()),
            ("recursion", if fwd.recursion { "true" } else { "" }),
            (
                "forwarders",
                &fwd.forwarders
                    .iter()
                    .map(|a| a.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ("min_cache_ttl", ""),
        ]))
        .unwrap();
        st.sc.apply(&e).unwrap();
        assert_eq!(st.sc.server("fwd1").unwrap().min_cache_ttl, None);
    }

    #[test]
    fn the_zone_form_keeps_the_zone_s_records() {
        let st = DnsState::preset("hybrid");
        let z = st.sc.zone("aws-private").unwrap();
        let e = zone_edit(
            &st.sc,
            &v(&[
                ("id", "aws-private"),
                ("origin", "aws.corp.example.com"),
                ("scope", "route53_private"),
                ("members", "vpc-app"),
            ]),
        )
        .unwrap();
        let mut sc = st.sc.clone();
        sc.apply(&e).unwrap();
        assert_eq!(sc.zone("aws-private").unwrap().records, z.records);
    }
}
