//! Network names: each must be non-empty and unique, and a new network gets the next
//! free `net-N`.

use super::{Plan, Rule, Violation};
use std::collections::HashMap;

/// Report empty names and names used twice (once per repeated name).
pub(super) fn check_names(plan: &Plan, violations: &mut Vec<Violation>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for n in &plan.networks {
        if n.name.trim().is_empty() {
            violations.push(Violation {
                network: n.name.clone(),
                cidr: None,
                rule: Rule::Name,
                message: "a network has an empty name".into(),
            });
        }
        let c = seen.entry(n.name.as_str()).or_insert(0);
        *c += 1;
        if *c == 2 {
            violations.push(Violation {
                network: n.name.clone(),
                cidr: None,
                rule: Rule::Name,
                message: format!("two networks are named `{}`; names must be unique", n.name),
            });
        }
    }
}

impl Plan {
    /// The name for a new network: `net-N` with N one more than the number of networks,
    /// or the next N after it that no network uses yet. Every place that adds a network
    /// names it with this, so a new network never repeats a name.
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::Plan;
    /// let plan = Plan::from_json(r#"{"networks": [{"name": "a"}, {"name": "net-3"}]}"#).unwrap();
    /// assert_eq!(plan.next_network_name(), "net-4");
    /// assert_eq!(Plan::default().next_network_name(), "net-1");
    /// ```
    pub fn next_network_name(&self) -> String {
        let mut k = self.networks.len().saturating_add(1);
        loop {
            let name = format!("net-{k}");
            if self.network(&name).is_none() {
                return name;
            }
            k = k.saturating_add(1);
        }
    }
}
