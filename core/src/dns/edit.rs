//! The edits a learner makes in the DNS lab, applied to a [`Scenario`] by one function
//! that validates the result: an edit that would leave the scenario inconsistent is
//! refused with a message and the scenario stays as it was.
//!
//! Edits travel as JSON (`{"edit": "set_link_dns", "link": "vpn", "allowed": true}`), so
//! the app, lesson files and the CLI write them the same way.
//!
//! ```
//! use cloudhop_core::dns::edit::DnsEdit;
//! use cloudhop_core::dns::presets;
//! let mut sc = presets::preset("ec2-to-ad").unwrap().scenario;
//! let e: DnsEdit = serde_json::from_str(r#"{"edit": "set_link_dns", "link": "vpn", "allowed": true}"#).unwrap();
//! sc.apply(&e).unwrap();
//! assert!(sc.link("vpn").unwrap().dns_allowed);
//! let bad = DnsEdit::SetLinkDns { link: "nope".into(), allowed: true };
//! assert!(sc.apply(&bad).unwrap_err().to_string().contains("nope"));
//! ```

use super::error::DnsError;
use super::names::DomainName;
use super::network::{Client, Link, Network};
use super::records::{Record, RecordType, Zone};
use super::resolvers::{DnsServer, Endpoint};
use super::rules::Rule;
use super::scenario::Scenario;
use super::tagged::ObjectOrId;
use serde::{Deserialize, Serialize};

/// The kinds of things in a scenario, for [`DnsEdit::Remove`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    /// A network.
    Network,
    /// A link.
    Link,
    /// A DNS server.
    Server,
    /// An endpoint.
    Endpoint,
    /// A rule.
    Rule,
    /// A zone.
    Zone,
    /// A client.
    Client,
}

impl Entity {
    /// The word for it.
    pub fn label(self) -> &'static str {
        match self {
            Entity::Network => "network",
            Entity::Link => "link",
            Entity::Server => "server",
            Entity::Endpoint => "endpoint",
            Entity::Rule => "rule",
            Entity::Zone => "zone",
            Entity::Client => "client",
        }
    }
}

/// One edit of a DNS scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case", try_from = "DnsEditRepr")]
pub enum DnsEdit {
    /// Add a network, or replace the one with its id.
    PutNetwork {
        /// The network.
        network: Network,
    },
    /// Add a link, or replace the one with its id.
    PutLink {
        /// The link.
        link: Link,
    },
    /// Add a DNS server, or replace the one with its id.
    PutServer {
        /// The server.
        server: DnsServer,
    },
    /// Add an endpoint, or replace the one with its id.
    PutEndpoint {
        /// The endpoint.
        endpoint: Endpoint,
    },
    /// Add a rule, or replace the one with its id.
    PutRule {
        /// The rule.
        rule: Rule,
    },
    /// Add a zone, or replace the one with its id.
    PutZone {
        /// The zone.
        zone: Zone,
    },
    /// Add a client, or replace the one with its id.
    PutClient {
        /// The client.
        client: Client,
    },
    /// Remove something (refused while something else refers to it).
    Remove {
        /// What kind.
        kind: Entity,
        /// Its id.
        id: String,
    },
    /// Allow or block DNS (port 53) across a link.
    SetLinkDns {
        /// The link.
        link: String,
        /// Allowed or not.
        allowed: bool,
    },
    /// Set the networks a rule applies to (Route 53 associations, ruleset links,
    /// authorised networks).
    SetRuleNetworks {
        /// The rule.
        rule: String,
        /// The networks.
        networks: Vec<String>,
    },
    /// Set the networks a private zone is associated with or linked to (or the servers
    /// hosting a server zone).
    SetZoneMembers {
        /// The zone.
        zone: String,
        /// Network or server ids.
        members: Vec<String>,
    },
    /// Set the records of one name and type in a zone (an empty list removes them).
    SetRecords {
        /// The zone.
        zone: String,
        /// The owner name.
        name: DomainName,
        /// The type.
        #[serde(rename = "type")]
        rtype: RecordType,
        /// The TTL for all of them.
        ttl: u32,
        /// The values.
        values: Vec<String>,
    },
    /// Change the values of one name and type in a zone, keeping their TTL (a failover
    /// switching an address).
    SetRecordValues {
        /// The zone.
        zone: String,
        /// The owner name.
        name: DomainName,
        /// The type.
        #[serde(rename = "type")]
        rtype: RecordType,
        /// The new values.
        values: Vec<String>,
    },
    /// Change the TTL of the records of one name and type in a zone.
    SetTtl {
        /// The zone.
        zone: String,
        /// The owner name.
        name: DomainName,
        /// The type.
        #[serde(rename = "type")]
        rtype: RecordType,
        /// The new TTL.
        ttl: u32,
    },
}

/// [`DnsEdit`] as JSON has it, flat (see `super::tagged`).
#[derive(Deserialize)]
struct DnsEditRepr {
    edit: DnsEditKind,
    network: Option<Network>,
    link: Option<ObjectOrId<Link>>,
    server: Option<DnsServer>,
    endpoint: Option<Endpoint>,
    rule: Option<ObjectOrId<Rule>>,
    zone: Option<ObjectOrId<Zone>>,
    client: Option<Client>,
    kind: Option<Entity>,
    id: Option<String>,
    allowed: Option<bool>,
    networks: Option<Vec<String>>,
    members: Option<Vec<String>>,
    name: Option<DomainName>,
    #[serde(rename = "type")]
    rtype: Option<RecordType>,
    ttl: Option<u32>,
    values: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum DnsEditKind {
    PutNetwork,
    PutLink,
    PutServer,
    PutEndpoint,
    PutRule,
    PutZone,
    PutClient,
    Remove,
    SetLinkDns,
    SetRuleNetworks,
    SetZoneMembers,
    SetRecords,
    SetRecordValues,
    SetTtl,
}

impl TryFrom<DnsEditRepr> for DnsEdit {
    type Error = String;
    fn try_from(r: DnsEditRepr) -> Result<Self, String> {
        use super::tagged::need;
        use DnsEditKind as K;
        Ok(match r.edit {
            K::PutNetwork => DnsEdit::PutNetwork {
                network: need(r.network, "network")?,
            },
            K::PutLink => DnsEdit::PutLink {
                link: ObjectOrId::object(r.link, "link", "a link")?,
            },
            K::PutServer => DnsEdit::PutServer {
                server: need(r.server, "server")?,
            },
            K::PutEndpoint => DnsEdit::PutEndpoint {
                endpoint: need(r.endpoint, "endpoint")?,
            },
            K::PutRule => DnsEdit::PutRule {
                rule: ObjectOrId::object(r.rule, "rule", "a rule")?,
            },
            K::PutZone => DnsEdit::PutZone {
                zone: ObjectOrId::object(r.zone, "zone", "a zone")?,
            },
            K::PutClient => DnsEdit::PutClient {
                client: need(r.client, "client")?,
            },
            K::Remove => DnsEdit::Remove {
                kind: need(r.kind, "kind")?,
                id: need(r.id, "id")?,
            },
            K::SetLinkDns => DnsEdit::SetLinkDns {
                link: ObjectOrId::id(r.link, "link")?,
                allowed: need(r.allowed, "allowed")?,
            },
            K::SetRuleNetworks => DnsEdit::SetRuleNetworks {
                rule: ObjectOrId::id(r.rule, "rule")?,
                networks: need(r.networks, "networks")?,
            },
            K::SetZoneMembers => DnsEdit::SetZoneMembers {
                zone: ObjectOrId::id(r.zone, "zone")?,
                members: need(r.members, "members")?,
            },
            K::SetRecords => DnsEdit::SetRecords {
                zone: ObjectOrId::id(r.zone, "zone")?,
                name: need(r.name, "name")?,
                rtype: need(r.rtype, "type")?,
                ttl: need(r.ttl, "ttl")?,
                values: need(r.values, "values")?,
            },
            K::SetRecordValues => DnsEdit::SetRecordValues {
                zone: ObjectOrId::id(r.zone, "zone")?,
                name: need(r.name, "name")?,
                rtype: need(r.rtype, "type")?,
                values: need(r.values, "values")?,
            },
            K::SetTtl => DnsEdit::SetTtl {
                zone: ObjectOrId::id(r.zone, "zone")?,
                name: need(r.name, "name")?,
                rtype: need(r.rtype, "type")?,
                ttl: need(r.ttl, "ttl")?,
            },
        })
    }
}

fn put<T: Clone>(list: &mut Vec<T>, item: &T, id: impl Fn(&T) -> &str) {
    let key = id(item).to_string();
    match list.iter_mut().find(|x| id(x) == key) {
        Some(slot) => *slot = item.clone(),
        None => list.push(item.clone()),
    }
}

impl Scenario {
    /// Apply `edit` and validate; on error the scenario is unchanged.
    pub fn apply(&mut self, edit: &DnsEdit) -> Result<(), DnsError> {
        let mut next = self.clone();
        next.apply_unchecked(edit)?;
        next.validate()?;
        *self = next;
        Ok(())
    }

    /// Apply several edits in order, all or nothing.
    pub fn apply_all(&mut self, edits: &[DnsEdit]) -> Result<(), DnsError> {
        let mut next = self.clone();
        for (i, e) in edits.iter().enumerate() {
            next.apply(e)
                .map_err(|err| err.context(format!("edit {}", i + 1)))?;
        }
        *self = next;
        Ok(())
    }

    fn apply_unchecked(&mut self, edit: &DnsEdit) -> Result<(), DnsError> {
        match edit {
            DnsEdit::PutNetwork { network } => put(&mut self.networks, network, |x| &x.id),
            DnsEdit::PutLink { link } => put(&mut self.links, link, |x| &x.id),
            DnsEdit::PutServer { server } => put(&mut self.servers, server, |x| &x.id),
            DnsEdit::PutEndpoint { endpoint } => put(&mut self.endpoints, endpoint, |x| &x.id),
            DnsEdit::PutRule { rule } => put(&mut self.rules, rule, |x| &x.id),
            DnsEdit::PutZone { zone } => put(&mut self.zones, zone, |x| &x.id),
            DnsEdit::PutClient { client } => put(&mut self.clients, client, |x| &x.id),
            DnsEdit::Remove { kind, id } => self.remove(*kind, id)?,
            DnsEdit::SetLinkDns { link, allowed } => {
                self.links
                    .iter_mut()
                    .find(|l| l.id == *link)
                    .ok_or_else(|| DnsError::new(format!("there is no link `{link}`")))?
                    .dns_allowed = *allowed;
            }
            DnsEdit::SetRuleNetworks { rule, networks } => {
                let r = self
                    .rules
                    .iter_mut()
                    .find(|r| r.id == *rule)
                    .ok_or_else(|| DnsError::new(format!("there is no rule `{rule}`")))?;
                r.scope = r.scope.with_networks(networks.clone());
            }
            DnsEdit::SetZoneMembers { zone, members } => {
                let z = self.zone_mut(zone)?;
                z.scope = z.scope.with_members(members.clone());
            }
            DnsEdit::SetRecords {
                zone,
                name,
                rtype,
                ttl,
                values,
            } => {
                let mut new = Vec::new();
                for v in values {
                    new.push(Record::new(name.as_str(), *rtype, *ttl, v)?);
                }
                let z = self.zone_mut(zone)?;
                z.records
                    .retain(|r| !(r.name == *name && r.rtype == *rtype));
                z.records.extend(new);
            }
            DnsEdit::SetRecordValues {
                zone,
                name,
                rtype,
                values,
            } => {
                let z = self.zone_mut(zone)?;
                let ttl = z
                    .records
                    .iter()
                    .find(|r| r.name == *name && r.rtype == *rtype)
                    .map(|r| r.ttl)
                    .ok_or_else(|| {
                        DnsError::new(format!("zone `{zone}` has no {rtype} record for {name}"))
                    })?;
                let mut new = Vec::new();
                for v in values {
                    new.push(Record::new(name.as_str(), *rtype, ttl, v)?);
                }
                z.records
                    .retain(|r| !(r.name == *name && r.rtype == *rtype));
                z.records.extend(new);
            }
            DnsEdit::SetTtl {
                zone,
                name,
                rtype,
                ttl,
            } => {
                let z = self.zone_mut(zone)?;
                let mut found = false;
                for r in z
                    .records
                    .iter_mut()
                    .filter(|r| r.name == *name && r.rtype == *rtype)
                {
                    r.ttl = *ttl;
                    found = true;
                }
                if !found {
                    return Err(DnsError::new(format!(
                        "zone `{zone}` has no {rtype} record for {name}"
                    )));
                }
            }
        }
        Ok(())
    }

    fn zone_mut(&mut self, id: &str) -> Result<&mut Zone, DnsError> {
        self.zones
            .iter_mut()
            .find(|z| z.id == id)
            .ok_or_else(|| DnsError::new(format!("there is no zone `{id}`")))
    }

    fn remove(&mut self, kind: Entity, id: &str) -> Result<(), DnsError> {
        let before = self.count(kind);
        match kind {
            Entity::Network => self.networks.retain(|x| x.id != id),
            Entity::Link => self.links.retain(|x| x.id != id),
            Entity::Server => self.servers.retain(|x| x.id != id),
            Entity::Endpoint => self.endpoints.retain(|x| x.id != id),
            Entity::Rule => self.rules.retain(|x| x.id != id),
            Entity::Zone => self.zones.retain(|x| x.id != id),
            Entity::Client => self.clients.retain(|x| x.id != id),
        }
        if self.count(kind) == before {
            return Err(DnsError::new(format!(
                "there is no {} `{id}`",
                kind.label()
            )));
        }
        Ok(())
    }

    fn count(&self, kind: Entity) -> usize {
        match kind {
            Entity::Network => self.networks.len(),
            Entity::Link => self.links.len(),
            Entity::Server => self.servers.len(),
            Entity::Endpoint => self.endpoints.len(),
            Entity::Rule => self.rules.len(),
            Entity::Zone => self.zones.len(),
            Entity::Client => self.clients.len(),
        }
    }
}
