//! Edits the planner makes to a plan: add a network, give it a block, take a blocks field
//! as typed, apply a suggested fix.

use super::{Network, Plan, Suggestion};
use crate::cidr::error::CidrError;
use crate::cidr::prefix::parse_prefix;
use ipnet::IpNet;

impl Plan {
    /// Add a network with no blocks, named by [`Plan::next_network_name`]; its index.
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::Plan;
    /// let mut plan = Plan::from_json(r#"{"networks": [{"name": "net-2"}]}"#).unwrap();
    /// let i = plan.add_network();
    /// assert_eq!(plan.networks[i].name, "net-3");
    /// ```
    pub fn add_network(&mut self) -> usize {
        let name = self.next_network_name();
        self.networks.push(Network {
            name,
            ..Default::default()
        });
        self.networks.len() - 1
    }

    /// Give `block` to network `target`, or to a new network (see
    /// [`Plan::add_network`]) when there is no such target; the index of the network
    /// that received it.
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::Plan;
    /// let mut plan = Plan::from_json(r#"{"networks": [{"name": "a", "blocks": ["10.0.0.0/16"]}]}"#).unwrap();
    /// let block = "10.1.0.0/16".parse().unwrap();
    /// assert_eq!(plan.add_block(Some(0), block), 0);
    /// assert_eq!(plan.networks[0].blocks, ["10.0.0.0/16", "10.1.0.0/16"]);
    /// assert_eq!(plan.add_block(None, block), 1);
    /// assert_eq!(plan.networks[1].name, "net-2");
    /// ```
    pub fn add_block(&mut self, target: Option<usize>, block: IpNet) -> usize {
        let i = match target.filter(|i| *i < self.networks.len()) {
            Some(i) => i,
            None => self.add_network(),
        };
        if let Some(n) = self.networks.get_mut(i) {
            n.blocks.push(block.to_string());
        }
        i
    }

    /// The plan with a suggestion applied: every block of the suggestion's network that is
    /// its conflicting block (in any spelling) becomes the replacement. An error if the
    /// network is not in the plan, holds no such block, or the replacement is not a
    /// prefix.
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::{check_plan, Plan};
    /// let plan = Plan::from_json(r#"{"networks": [
    ///   {"name": "a", "blocks": ["10.0.0.0/16"]}, {"name": "b", "blocks": ["10.0.0.0/16"]}]}"#).unwrap();
    /// let fix = check_plan(&plan).unwrap().suggestions.remove(0);
    /// let fixed = plan.apply_suggestion(&fix).unwrap();
    /// assert_eq!(fixed.networks[1].blocks, ["10.1.0.0/16"]);
    /// assert!(check_plan(&fixed).unwrap().is_clean());
    /// assert!(fixed.apply_suggestion(&fix).unwrap_err().to_string().contains("has no block 10.0.0.0/16"));
    /// ```
    pub fn apply_suggestion(&self, suggestion: &Suggestion) -> Result<Plan, CidrError> {
        let Suggestion {
            network,
            cidr,
            replacement,
            ..
        } = suggestion;
        parse_prefix(replacement).map_err(|e| e.context("the replacement"))?;
        let mut plan = self.clone();
        let i = plan
            .position(network)
            .ok_or_else(|| CidrError::Edit(format!("`{network}` is not in the plan")))?;
        let mut moved = false;
        if let Some(n) = plan.networks.get_mut(i) {
            for b in n.blocks.iter_mut() {
                if parse_prefix(b).is_ok_and(|p| p.to_string() == *cidr) {
                    b.clone_from(replacement);
                    moved = true;
                }
            }
        }
        if !moved {
            return Err(CidrError::Edit(format!("`{network}` has no block {cidr}")));
        }
        Ok(plan)
    }
}

impl Network {
    /// The blocks field as one text, the way the planner shows it.
    ///
    /// ```
    /// use cloudhop_core::cidr::plan::Network;
    /// let n = Network { blocks: vec!["10.0.0.0/16".into(), "fd00::/48".into()], ..Default::default() };
    /// assert_eq!(n.blocks_text(), "10.0.0.0/16, fd00::/48");
    /// ```
    pub fn blocks_text(&self) -> String {
        self.blocks.join(", ")
    }
}

/// A blocks field as typed, split into blocks: commas, semicolons and white space
/// separate them, and spaces around `/` are dropped. Nothing is parsed: the plan check
/// reports the blocks that are not prefixes.
///
/// ```
/// use cloudhop_core::cidr::plan::blocks_from_text;
/// assert_eq!(blocks_from_text("10.0.0.0 / 16, fd00::/48;x"), ["10.0.0.0/16", "fd00::/48", "x"]);
/// assert!(blocks_from_text("  ").is_empty());
/// ```
pub fn blocks_from_text(text: &str) -> Vec<String> {
    let cleaned = text.replace(" /", "/").replace("/ ", "/");
    cleaned
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cidr::plan::{check_plan, Rule};

    fn plan(json: &str) -> Plan {
        Plan::from_json(json).unwrap()
    }

    /// Bug fix (issue 10): giving a free block to "no network" made a new network named
    /// `net-{len+1}` without checking the name was free, so a plan holding `net-2` and
    /// one other network got a second `net-2`. The planner's "Use" now goes through
    /// `add_block`, which names the network with `next_network_name`.
    #[test]
    fn a_block_for_no_network_makes_a_network_with_a_free_name() {
        let mut p = plan(r#"{"networks": [{"name": "net-2", "blocks": ["10.0.0.0/24"]}]}"#);
        let i = p.add_block(None, "10.0.1.0/24".parse().unwrap());
        assert_eq!(p.networks[i].name, "net-3");
        let r = check_plan(&p).unwrap();
        assert!(!r.violations.iter().any(|v| v.rule == Rule::Name), "{r:?}");
        assert!(r.is_clean(), "{r:?}");
    }

    #[test]
    fn next_name_skips_every_taken_name() {
        let p = plan(r#"{"networks": [{"name": "net-3"}, {"name": "net-4"}]}"#);
        assert_eq!(p.next_network_name(), "net-5");
        let p = plan(r#"{"networks": [{"name": "net-1"}, {"name": "x"}]}"#);
        assert_eq!(p.next_network_name(), "net-3");
        let mut p = Plan::default();
        for want in ["net-1", "net-2", "net-3"] {
            let i = p.add_network();
            assert_eq!(p.networks[i].name, want);
        }
    }

    #[test]
    fn a_block_for_a_missing_target_makes_a_network() {
        let mut p = plan(r#"{"networks": [{"name": "a"}]}"#);
        assert_eq!(p.add_block(Some(7), "10.0.0.0/8".parse().unwrap()), 1);
        assert_eq!(p.networks[1].blocks, ["10.0.0.0/8"]);
    }

    #[test]
    fn applying_a_suggestion_moves_the_block_in_any_spelling() {
        let p = plan(
            r#"{"networks": [
            {"name": "a", "blocks": ["10.0.0.0/16"]},
            {"name": "b", "blocks": ["10.0.0.0 / 16", "fd00::/48"]}]}"#,
        );
        let r = check_plan(&p).unwrap();
        let fix = r.suggestion_for(&r.overlaps[0]).unwrap();
        let fixed = p.apply_suggestion(fix).unwrap();
        assert_eq!(fixed.networks[1].blocks, ["10.1.0.0/16", "fd00::/48"]);
        assert_eq!(fixed.networks[0], p.networks[0]);
        assert!(check_plan(&fixed).unwrap().is_clean());
    }

    #[test]
    fn a_suggestion_that_does_not_fit_the_plan_is_an_error() {
        let p = plan(r#"{"networks": [{"name": "a", "blocks": ["10.0.0.0/16"]}]}"#);
        let s = |network: &str, cidr: &str, replacement: &str| Suggestion {
            network: network.into(),
            cidr: cidr.into(),
            replacement: replacement.into(),
            reason: String::new(),
        };
        let e = p
            .apply_suggestion(&s("zz", "10.0.0.0/16", "10.1.0.0/16"))
            .unwrap_err();
        assert_eq!(e, CidrError::Edit("`zz` is not in the plan".into()));
        let e = p
            .apply_suggestion(&s("a", "10.9.0.0/16", "10.1.0.0/16"))
            .unwrap_err();
        assert_eq!(e.to_string(), "`a` has no block 10.9.0.0/16");
        let e = p
            .apply_suggestion(&s("a", "10.0.0.0/16", "nope"))
            .unwrap_err();
        assert!(matches!(e, CidrError::Parse(_)));
        assert!(e.starts_with("the replacement: "), "{e}");
    }

    #[test]
    fn blocks_text_round_trips_through_the_field() {
        let n = Network {
            blocks: vec!["10.0.0.0/16".into(), "fd00::/48".into()],
            ..Default::default()
        };
        assert_eq!(blocks_from_text(&n.blocks_text()), n.blocks);
        assert_eq!(blocks_from_text("a\tb\nc"), ["a", "b", "c"]);
    }
}
