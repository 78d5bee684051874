//! A plan: named networks in clouds and on-premises, each with CIDR blocks. The checker
//! reports every overlapping pair, blocks that break provider rules, and a free
//! replacement block of the same size for each conflict. The JSON format is documented in
//! `docs/plan-format.md`.
//!
//! ```
//! use cloudhop_core::cidr::plan::{check_plan, Plan};
//! let plan = Plan::from_json(r#"{"networks": [
//!   {"name": "office", "provider": "onprem", "blocks": ["10.0.0.0/16"]},
//!   {"name": "aws-prod", "provider": "aws", "kind": "vpc", "blocks": ["10.0.128.0/17"]}
//! ]}"#).unwrap();
//! let r = check_plan(&plan).unwrap();
//! assert_eq!(r.overlaps.len(), 1);
//! assert_eq!(r.overlaps[0].overlap, "10.0.128.0/17");
//! assert_eq!(r.suggestions[0].replacement, "10.1.0.0/17");
//! ```

mod avoid;
mod blocks;
mod edit;
mod free;
mod names;
mod overlaps;
mod rule;
mod suggest;
mod within;

pub use avoid::{AvoidRange, AVOID};
pub use edit::blocks_from_text;
pub use rule::Rule;

pub(crate) use blocks::parse_blocks;
pub(crate) use free::FreeFinder;

use super::error::CidrError;
use super::prefix::parse_prefix;
use super::provider::{Kind, Provider};
use ipnet::IpNet;
use serde::{Deserialize, Serialize};

/// A plan as written in JSON (see `docs/plan-format.md`).
///
/// ```
/// use cloudhop_core::cidr::plan::Plan;
/// let plan = Plan::from_json(r#"{"title": "Lab", "space": ["10.0.0.0/8"], "networks": [
///   {"name": "hub", "provider": "azure", "kind": "vnet", "blocks": ["10.1.0.0/16"]}
/// ]}"#).unwrap();
/// assert_eq!((plan.title.as_str(), plan.space.len(), plan.networks.len()), ("Lab", 1, 1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Optional plan title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Where replacement blocks may come from. Empty: the private range (RFC 1918,
    /// RFC 6598 or ULA) that holds the conflicting block.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub space: Vec<String>,
    /// The networks.
    #[serde(default)]
    pub networks: Vec<Network>,
}

/// One network of a plan. Provider and kind default to an on-premises subnet.
///
/// ```
/// use cloudhop_core::cidr::plan::Plan;
/// use cloudhop_core::cidr::provider::{Kind, Provider};
/// let plan = Plan::from_json(r#"{"networks": [
///   {"name": "vpc", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]},
///   {"name": "web", "provider": "aws", "blocks": ["10.0.1.0/24"], "within": "vpc"},
///   {"name": "office"}
/// ]}"#).unwrap();
/// assert_eq!(plan.networks[1].within.as_deref(), Some("vpc"));
/// assert_eq!((plan.networks[2].provider, plan.networks[2].kind), (Provider::Onprem, Kind::Subnet));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// Unique name.
    pub name: String,
    /// Where it lives.
    #[serde(default)]
    pub provider: Provider,
    /// A whole VPC / VNet address space (`vpc`) or a subnet / site (`subnet`).
    #[serde(default)]
    pub kind: Kind,
    /// Its CIDR blocks (IPv4 and IPv6).
    #[serde(default)]
    pub blocks: Vec<String>,
    /// Name of the network this one is carved from (a subnet's VPC). Blocks must lie
    /// inside the parent, and overlapping the parent is expected, not a conflict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
}

impl Plan {
    /// Parse plan JSON with a message that says where it is wrong.
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::Plan;
    /// let plan = Plan::from_json(r#"{"networks": [{"name": "a", "blocks": ["10.0.0.0/8"]}]}"#).unwrap();
    /// assert_eq!(plan.networks[0].name, "a");
    /// let e = Plan::from_json(r#"{"networks": [{"name": "a", "cidr": "1"}]}"#).unwrap_err();
    /// assert!(e.to_string().starts_with("the plan is not valid: unknown field `cidr`"));
    /// ```
    pub fn from_json(text: &str) -> Result<Plan, CidrError> {
        serde_json::from_str(text)
            .map_err(|e| CidrError::Plan(format!("the plan is not valid: {e}")))
    }

    /// The plan as compact JSON.
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::{Network, Plan};
    /// let plan = Plan { networks: vec![Network { name: "a".into(), ..Default::default() }], ..Default::default() };
    /// assert_eq!(plan.to_json(), r#"{"networks":[{"name":"a","provider":"onprem","kind":"subnet","blocks":[]}]}"#);
    /// assert_eq!(Plan::from_json(&plan.to_json()).unwrap(), plan);
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The plan as indented JSON (what the planner downloads as `plan.json`).
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::Plan;
    /// let plan = Plan { title: "t".into(), ..Default::default() };
    /// assert_eq!(plan.to_json_pretty(), "{\n  \"title\": \"t\",\n  \"networks\": []\n}");
    /// ```
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A network by name.
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::Plan;
    /// let plan = Plan::from_json(r#"{"networks": [{"name": "a"}]}"#).unwrap();
    /// assert!(plan.network("a").is_some());
    /// assert!(plan.network("b").is_none());
    /// ```
    pub fn network(&self, name: &str) -> Option<&Network> {
        self.networks.iter().find(|n| n.name == name)
    }

    /// The position of a network by name.
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::Plan;
    /// let plan = Plan::from_json(r#"{"networks": [{"name": "a"}, {"name": "b"}]}"#).unwrap();
    /// assert_eq!(plan.position("b"), Some(1));
    /// ```
    pub fn position(&self, name: &str) -> Option<usize> {
        self.networks.iter().position(|n| n.name == name)
    }
}

impl Network {
    /// Each block that parses, with its usable addresses for this network's provider and
    /// kind; blocks that do not parse or that the provider refuses are left out (the plan
    /// check reports those).
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::Plan;
    /// let plan = Plan::from_json(r#"{"networks": [
    ///   {"name": "web", "provider": "gcp", "blocks": ["10.9.0.0/24", "oops", "10.0.0.0/30"]}
    /// ]}"#).unwrap();
    /// let u = plan.networks[0].usable_blocks();
    /// assert_eq!(u.len(), 1);
    /// assert_eq!((u[0].0.to_string(), u[0].1.as_str()), ("10.9.0.0/24".to_string(), "252"));
    /// ```
    pub fn usable_blocks(&self) -> Vec<(IpNet, String)> {
        self.blocks
            .iter()
            .filter_map(|b| parse_prefix(b).ok())
            .filter_map(|p| {
                super::provider::usable(self.provider, self.kind, &p)
                    .ok()
                    .map(|u| (p, u))
            })
            .collect()
    }
}

/// Two blocks of different networks that share addresses.
///
/// ```
/// use cloudhop_core::cidr::plan::{check_plan, Plan};
/// let plan = Plan::from_json(r#"{"networks": [
///   {"name": "a", "blocks": ["10.0.0.0/16"]}, {"name": "b", "blocks": ["10.0.5.0/24"]}]}"#).unwrap();
/// let o = &check_plan(&plan).unwrap().overlaps[0];
/// assert_eq!((o.a.as_str(), o.b_cidr.as_str(), o.overlap.as_str()), ("a", "10.0.5.0/24", "10.0.5.0/24"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overlap {
    /// First network (earlier in the plan).
    pub a: String,
    /// Its block.
    pub a_cidr: String,
    /// Second network.
    pub b: String,
    /// Its block.
    pub b_cidr: String,
    /// The addresses they share.
    pub overlap: String,
}

/// A block (or network) that breaks a rule.
///
/// ```
/// use cloudhop_core::cidr::plan::{check_plan, Plan, Rule};
/// let plan = Plan::from_json(r#"{"networks": [{"name": "a", "provider": "aws", "blocks": ["192.0.2.0/24"]}]}"#).unwrap();
/// let v = &check_plan(&plan).unwrap().violations[0];
/// assert_eq!((v.rule, v.cidr.as_deref()), (Rule::Special, Some("192.0.2.0/24")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// The network.
    pub network: String,
    /// The block, when the problem is with one block.
    pub cidr: Option<String>,
    /// Which rule: in JSON its short id, `parse`, `size`, `reserved`, `within`, `name`,
    /// `special` or `empty`.
    pub rule: Rule,
    /// What is wrong, for a person.
    pub message: String,
}

/// A cloud block that is valid but overlaps a range something common already uses (see
/// [`AVOID`]): worth changing, not an error.
///
/// ```
/// use cloudhop_core::cidr::plan::{check_plan, Plan};
/// let plan = Plan::from_json(r#"{"networks": [{"name": "vpc", "provider": "aws", "kind": "vpc", "blocks": ["172.17.0.0/16"]}]}"#).unwrap();
/// let r = check_plan(&plan).unwrap();
/// assert!(r.is_clean(), "a warning is not a violation");
/// assert_eq!(r.warnings[0].range, "172.17.0.0/16");
/// assert!(r.warnings[0].message.contains("Docker"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// The network.
    pub network: String,
    /// Its block.
    pub cidr: String,
    /// The range to avoid that it overlaps.
    pub range: String,
    /// What is wrong and why, for a person.
    pub message: String,
}

/// A proposed fix: move one block to a free block of the same size. Apply it with
/// [`Plan::apply_suggestion`].
///
/// ```
/// use cloudhop_core::cidr::plan::{check_plan, Plan};
/// let plan = Plan::from_json(r#"{"space": ["192.168.0.0/16"], "networks": [
///   {"name": "a", "blocks": ["192.168.0.0/24"]}, {"name": "b", "blocks": ["192.168.0.0/24"]}]}"#).unwrap();
/// let s = &check_plan(&plan).unwrap().suggestions[0];
/// assert_eq!((s.network.as_str(), s.cidr.as_str(), s.replacement.as_str()), ("b", "192.168.0.0/24", "192.168.1.0/24"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The network to change.
    pub network: String,
    /// Its conflicting block.
    pub cidr: String,
    /// A free block of the same size that overlaps nothing in the plan.
    pub replacement: String,
    /// Why.
    pub reason: String,
}

/// The result of [`check_plan`]: what the CLI's `cidr check` prints as JSON.
///
/// ```
/// use cloudhop_core::cidr::plan::{check_plan, Plan};
/// let plan = Plan::from_json(r#"{"networks": [{"name": "a", "blocks": ["10.0.0.0/8"]}]}"#).unwrap();
/// let json = serde_json::to_string(&check_plan(&plan).unwrap()).unwrap();
/// assert_eq!(json, r#"{"overlaps":[],"violations":[],"suggestions":[]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Report {
    /// Every overlapping pair of blocks of different networks (a subnet and the network it
    /// is `within` do not count).
    pub overlaps: Vec<Overlap>,
    /// Rule violations.
    pub violations: Vec<Violation>,
    /// Replacement blocks for conflicting ones.
    pub suggestions: Vec<Suggestion>,
    /// Cloud blocks in ranges to avoid ([`AVOID`]): warnings, which
    /// [`Report::is_clean`] does not count. Left out of the JSON when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

impl Report {
    /// No overlaps and no violations.
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::{check_plan, Plan};
    /// let plan = Plan::from_json(r#"{"networks": [{"name": "a", "blocks": ["10.0.0.0/8"]}]}"#).unwrap();
    /// assert!(check_plan(&plan).unwrap().is_clean());
    /// ```
    pub fn is_clean(&self) -> bool {
        self.overlaps.is_empty() && self.violations.is_empty()
    }

    /// The violations of one network, in report order.
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::{check_plan, Plan, Rule};
    /// let plan = Plan::from_json(r#"{"networks": [{"name": "a", "blocks": ["oops"]}, {"name": "b"}]}"#).unwrap();
    /// let r = check_plan(&plan).unwrap();
    /// assert_eq!(r.violations_of("a")[0].rule, Rule::Parse);
    /// assert_eq!(r.violations_of("b")[0].rule, Rule::Empty);
    /// ```
    pub fn violations_of(&self, network: &str) -> Vec<&Violation> {
        self.violations
            .iter()
            .filter(|v| v.network == network)
            .collect()
    }

    /// Whether a network is in at least one overlap.
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::{check_plan, Plan};
    /// let plan = Plan::from_json(r#"{"networks": [
    ///   {"name": "a", "blocks": ["10.0.0.0/16"]}, {"name": "b", "blocks": ["10.0.0.0/24"]},
    ///   {"name": "c", "blocks": ["10.1.0.0/16"]}]}"#).unwrap();
    /// let r = check_plan(&plan).unwrap();
    /// assert!(r.in_conflict("a") && r.in_conflict("b"));
    /// assert!(!r.in_conflict("c"));
    /// ```
    pub fn in_conflict(&self, network: &str) -> bool {
        self.overlaps
            .iter()
            .any(|o| o.a == network || o.b == network)
    }

    /// The suggestion that resolves an overlap: one that moves either of its blocks.
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::{check_plan, Plan};
    /// let plan = Plan::from_json(r#"{"networks": [
    ///   {"name": "a", "blocks": ["10.0.0.0/16"]}, {"name": "b", "blocks": ["10.0.0.0/16"]}]}"#).unwrap();
    /// let r = check_plan(&plan).unwrap();
    /// let s = r.suggestion_for(&r.overlaps[0]).unwrap();
    /// assert_eq!((s.network.as_str(), s.replacement.as_str()), ("b", "10.1.0.0/16"));
    /// ```
    pub fn suggestion_for(&self, overlap: &Overlap) -> Option<&Suggestion> {
        self.suggestions.iter().find(|s| {
            (s.network == overlap.b && s.cidr == overlap.b_cidr)
                || (s.network == overlap.a && s.cidr == overlap.a_cidr)
        })
    }
}

/// Check a plan. `Err` only for a plan that cannot be read at all (a bad `space` entry);
/// everything else is reported: block syntax, names, `within` parents, provider sizes and
/// reserved addresses, special-use ranges, containment in the parent, overlaps, and a
/// replacement block for each conflict.
///
/// ```
/// use cloudhop_core::cidr::plan::{check_plan, Plan, Rule};
/// let plan = Plan::from_json(r#"{"networks": [
///   {"name": "web", "provider": "gcp", "blocks": ["10.0.0.0/30"]}
/// ]}"#).unwrap();
/// let r = check_plan(&plan).unwrap();
/// assert_eq!(r.violations[0].rule, Rule::Size);
/// let bad = Plan::from_json(r#"{"space": ["nope"]}"#).unwrap();
/// assert!(check_plan(&bad).unwrap_err().to_string().starts_with("space, item 1: "));
/// ```
pub fn check_plan(plan: &Plan) -> Result<Report, CidrError> {
    let space = parse_space(plan)?;
    let mut report = Report::default();
    let blocks = parse_blocks(plan, &mut report.violations);
    names::check_names(plan, &mut report.violations);
    let parents = within::parent_indexes(plan, &mut report.violations);
    let tree = within::Ancestry::new(&parents);
    blocks::check_block_rules(plan, &blocks, &mut report.violations);
    report.warnings = avoid::warnings(plan, &blocks);
    let by_net = blocks::by_network(plan, &blocks);
    within::check_containment(plan, &blocks, &by_net, &parents, &mut report.violations);
    let found = overlaps::find(&blocks, &tree);
    report.overlaps = found.overlaps(plan, &blocks);
    report.suggestions = suggest::suggestions(&suggest::Context {
        plan,
        space: &space,
        blocks: &blocks,
        by_net: &by_net,
        parents: &parents,
        tree: &tree,
        pairs: &found.pairs,
        conflicts: found.conflicts,
    });
    Ok(report)
}

/// The plan's `space` entries, parsed; the error names the entry.
fn parse_space(plan: &Plan) -> Result<Vec<IpNet>, CidrError> {
    plan.space
        .iter()
        .enumerate()
        .map(|(i, s)| {
            parse_prefix(s).map_err(|e| CidrError::Plan(format!("space, item {}: {e}", i + 1)))
        })
        .collect()
}
