//! Planner exercises: a starting plan, a goal the engine checks, and a proof (by
//! construction) that the goal can be reached.
//!
//! In a lesson file (`lessons/content/exercises/planner.md`) the JSON block holds these
//! fields (the loader adds `"lab": "planner"`):
//!
//! ```
//! use cloudhop_core::cidr::exercise::{check, PlannerExercise};
//! use cloudhop_core::cidr::plan::Plan;
//! let ex: PlannerExercise = serde_json::from_str(r#"{
//!   "goal": "Make the two VPCs peerable.",
//!   "start": {"networks": [
//!     {"name": "vpc-a", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]},
//!     {"name": "vpc-b", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]}
//!   ]},
//!   "locked": ["vpc-a"]
//! }"#).unwrap();
//! ex.validate().unwrap();
//! assert!(!check(&ex, &ex.start).passed);
//! let mut fixed = ex.start.clone();
//! fixed.networks[1].blocks = vec!["10.1.0.0/16".into()];
//! assert!(check(&ex, &fixed).passed);
//! ```

use super::error::CidrError;
use super::plan::{check_plan, parse_blocks, FreeFinder, Plan};
use super::prefix::parse_prefix;
use super::provider::{limits, prefix_len_for_hosts, usable_count};
use super::span::Span;
use super::special::private_range_of;
use crate::exercise::Verdict;
use ipnet::IpNet;
use serde::{Deserialize, Serialize};

/// Parameters of a planner exercise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannerExercise {
    /// The goal in one sentence, shown above the planner.
    pub goal: String,
    /// The plan the learner starts from.
    pub start: Plan,
    /// Networks whose blocks must stay as they are (for example the on-premises site).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub locked: Vec<String>,
    /// If set, every block of the other networks must lie inside one of these prefixes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
    /// If set, a free block of this size must be left for a future network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<Room>,
    /// Networks that must hold at least this many usable IPv4 hosts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub min_hosts: Vec<MinHosts>,
    /// Networks that reach the others only through PrivateLink-style endpoints (the
    /// endpoint takes an address from the consumer's own range, and nothing is routed
    /// between the two ranges), so overlaps involving them are allowed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private_link_only: Vec<String>,
}

/// Space to leave free.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Room {
    /// What the room is for, e.g. "an Azure VNet".
    pub label: String,
    /// Prefix length of the free block.
    pub size: u8,
    /// Where the free block must be.
    pub within: String,
}

/// A host-count requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinHosts {
    /// Network name.
    pub network: String,
    /// Usable IPv4 addresses needed (after the provider's reserved addresses).
    pub hosts: u64,
}

impl PlannerExercise {
    /// Check the parameters and prove the goal reachable by building a plan that passes.
    /// (The error stays a `String`: `crate::exercise::ExerciseSpec::validate` passes it on.)
    ///
    /// ```
    /// use cloudhop_core::cidr::exercise::PlannerExercise;
    /// let ex: PlannerExercise = serde_json::from_str(r#"{"goal": "g", "start": {"networks": [
    ///   {"name": "a", "blocks": ["10.0.0.0/16"]}]}}"#).unwrap();
    /// assert!(ex.validate().unwrap_err().contains("already meets the goal"));
    /// ```
    pub fn validate(&self) -> Result<(), String> {
        let mut v = Vec::new();
        parse_blocks(&self.start, &mut v);
        if let Some(bad) = v.first() {
            return Err(format!("start plan: {}", bad.message));
        }
        for name in self
            .locked
            .iter()
            .chain(self.min_hosts.iter().map(|m| &m.network))
            .chain(self.private_link_only.iter())
        {
            if self.start.network(name).is_none() {
                return Err(format!("`{name}` is not a network of the start plan"));
            }
        }
        self.within_prefixes()?;
        self.room_prefix()?;
        if self.goal.trim().is_empty() {
            return Err("the exercise needs a goal sentence".into());
        }
        if check(self, &self.start).passed {
            return Err("the start plan already meets the goal: nothing to do".into());
        }
        let solution = self.example_solution().map_err(|e| {
            format!("the goal looks unreachable: the best plan found fails with: {e}")
        })?;
        let v = check(self, &solution);
        if !v.passed {
            return Err(format!(
                "the goal looks unreachable: the best plan found fails with: {}",
                v.message
            ));
        }
        Ok(())
    }

    fn within_prefixes(&self) -> Result<Vec<IpNet>, CidrError> {
        self.within
            .iter()
            .map(|w| parse_prefix(w).map_err(|e| e.context("within")))
            .collect()
    }

    fn room_prefix(&self) -> Result<Option<(IpNet, u8)>, CidrError> {
        let Some(r) = &self.room else { return Ok(None) };
        let w = parse_prefix(&r.within).map_err(|e| e.context("room"))?;
        if r.size < w.prefix_len() || r.size > w.max_prefix_len() {
            return Err(CidrError::Space(format!(
                "room: a /{} does not fit in {w}",
                r.size
            )));
        }
        Ok(Some((w, r.size)))
    }

    /// A plan that meets the goal, built by keeping the locked networks and giving every
    /// other network free blocks (first fit, largest first). Errors if none is found.
    pub fn example_solution(&self) -> Result<Plan, CidrError> {
        let within = self.within_prefixes()?;
        let room = self.room_prefix()?;
        let mut last_err = CidrError::Space("no plan found".into());
        for room_first in [true, false] {
            match self.try_solution(&within, room, room_first) {
                Ok(p) if check(self, &p).passed => return Ok(p),
                Ok(p) => last_err = CidrError::Space(check(self, &p).message),
                Err(e) => last_err = e,
            }
        }
        Err(last_err)
    }

    fn try_solution(
        &self,
        within: &[IpNet],
        room: Option<(IpNet, u8)>,
        room_first: bool,
    ) -> Result<Plan, CidrError> {
        let mut plan = self.start.clone();
        let locked: Vec<IpNet> = plan
            .networks
            .iter()
            .filter(|n| self.locked.contains(&n.name))
            .flat_map(|n| n.blocks.iter().filter_map(|b| parse_prefix(b).ok()))
            .collect();
        let mut finder = FreeFinder::new(&locked);
        if room_first {
            if let Some((w, size)) = room {
                finder
                    .take(&w, size)
                    .ok_or_else(|| CidrError::Space("no room left for the free block".into()))?;
            }
        }
        // Work list: (network index, block index, wanted length), largest first.
        let mut work: Vec<(usize, usize, IpNet, u8)> = Vec::new();
        for (i, n) in plan.networks.iter().enumerate() {
            if self.locked.contains(&n.name) {
                continue;
            }
            let need = self
                .min_hosts
                .iter()
                .find(|m| m.network == n.name)
                .map(|m| m.hosts as u128);
            let mut first_v4 = true;
            for (k, b) in n.blocks.iter().enumerate() {
                let p = parse_prefix(b)?;
                let v6 = matches!(p, IpNet::V6(_));
                let mut len = p.prefix_len();
                if let Some(l) = limits(n.provider, n.kind, v6) {
                    len = len.clamp(l.shortest, l.longest);
                }
                if let (Some(h), false, true) = (need, v6, first_v4) {
                    let want = prefix_len_for_hosts(n.provider, n.kind, false, h)?;
                    len = len.min(want);
                }
                if !v6 {
                    first_v4 = false;
                }
                work.push((i, k, p, len));
            }
        }
        // Subnets of a network that moves keep their offset inside it; place them last.
        let children: Vec<(usize, usize)> = plan
            .networks
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                let parent = n.within.as_deref()?;
                if self.locked.iter().any(|l| l == parent) {
                    return None;
                }
                let pi = plan.networks.iter().position(|x| x.name == parent)?;
                Some((i, pi))
            })
            .collect();
        work.retain(|(i, _, _, _)| !children.iter().any(|(c, _)| c == i));
        crate::order::sort_by_key(&mut work, |(i, k, _, len)| (*len, *i, *k));
        for (i, k, p, len) in work {
            let spaces: Vec<IpNet> = if within.is_empty() {
                private_range_of(&p)
                    .into_iter()
                    .chain(default_space(&p))
                    .collect()
            } else {
                within.to_vec()
            };
            let got = spaces
                .iter()
                .filter(|s| s.max_prefix_len() == p.max_prefix_len())
                .find_map(|s| finder.take(s, len))
                .ok_or_else(|| CidrError::Space(format!("no free /{len} left for {p}")))?;
            if let Some(slot) = plan.networks.get_mut(i).and_then(|n| n.blocks.get_mut(k)) {
                *slot = got.to_string();
            }
        }
        for (c, pi) in children {
            let (Some(old_parent), Some(new_parent)) =
                (self.start.networks.get(pi), plan.networks.get(pi).cloned())
            else {
                continue;
            };
            let Some(child) = plan.networks.get_mut(c) else {
                continue;
            };
            for b in child.blocks.iter_mut() {
                let p = parse_prefix(b)?;
                let cs = Span::of(&p);
                let slot = old_parent
                    .blocks
                    .iter()
                    .position(|ob| parse_prefix(ob).is_ok_and(|o| Span::of(&o).contains(&cs)));
                let Some(new_block) = slot
                    .and_then(|k| new_parent.blocks.get(k))
                    .and_then(|nb| parse_prefix(nb).ok())
                else {
                    continue;
                };
                let old_lo = slot
                    .and_then(|k| old_parent.blocks.get(k))
                    .and_then(|ob| parse_prefix(ob).ok())
                    .map_or(cs.lo, |o| Span::of(&o).lo);
                let lo = Span::of(&new_block).lo + (cs.lo - old_lo);
                *b = super::span::net_at(cs.family, lo, p.prefix_len()).to_string();
            }
        }
        Ok(plan)
    }
}

fn default_space(p: &IpNet) -> Option<IpNet> {
    let text = if matches!(p, IpNet::V4(_)) {
        "10.0.0.0/8"
    } else {
        "fd00::/8"
    };
    text.parse().ok()
}

/// `text` with its first letter in upper case, to start a sentence ("the Azure VNet" ->
/// "The Azure VNet").
fn sentence_start(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Check an attempt against the exercise's goal.
pub fn check(ex: &PlannerExercise, attempt: &Plan) -> Verdict {
    // Every starting network must still be there, with its provider.
    for n in &ex.start.networks {
        match attempt.network(&n.name) {
            None => {
                return Verdict::fail(format!(
                    "`{}` is missing: move networks to new blocks instead of deleting them",
                    n.name
                ))
            }
            Some(a) if a.provider != n.provider => {
                return Verdict::fail(format!("`{}` must stay in {}", n.name, n.provider.title()))
            }
            Some(a) if a.blocks.is_empty() => {
                return Verdict::fail(format!("`{}` needs at least one block", n.name))
            }
            _ => {}
        }
    }
    for name in &ex.locked {
        let canon = |p: &Plan| -> Vec<String> {
            let mut v: Vec<String> = p
                .network(name)
                .map(|n| {
                    n.blocks
                        .iter()
                        .map(|b| parse_prefix(b).map_or(b.clone(), |p| p.to_string()))
                        .collect()
                })
                .unwrap_or_default();
            crate::order::sort(&mut v);
            v
        };
        if canon(&ex.start) != canon(attempt) {
            return Verdict::fail(format!(
                "`{name}` is fixed in this exercise: put its blocks back to {}",
                canon(&ex.start).join(", ")
            ));
        }
    }
    let report = match check_plan(attempt) {
        Ok(r) => r,
        Err(e) => return Verdict::fail(e),
    };
    if let Some(v) = report.violations.first() {
        return Verdict::fail(v.message.clone());
    }
    let over_link = |name: &str| ex.private_link_only.iter().any(|n| n == name);
    let (allowed, blocking): (Vec<_>, Vec<_>) = report
        .overlaps
        .iter()
        .partition(|o| over_link(&o.a) || over_link(&o.b));
    if let Some(o) = blocking.first() {
        return Verdict::fail(format!(
            "`{}` ({}) and `{}` ({}) still overlap in {}",
            o.a, o.a_cidr, o.b, o.b_cidr, o.overlap
        ));
    }
    let mut link_msg = String::new();
    if !allowed.is_empty() {
        let mut names: Vec<&str> = ex.private_link_only.iter().map(String::as_str).collect();
        names.retain(|n| allowed.iter().any(|o| o.a == *n || o.b == *n));
        let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        link_msg = format!(
            " Overlaps with {} remain, and that is fine: they reach you only through PrivateLink endpoints, so no route joins the ranges.",
            list.join(", ")
        );
    }
    let within: Vec<IpNet> = ex
        .within
        .iter()
        .filter_map(|w| parse_prefix(w).ok())
        .collect();
    let mut all: Vec<IpNet> = Vec::new();
    for n in &attempt.networks {
        for b in &n.blocks {
            let Ok(p) = parse_prefix(b) else { continue };
            all.push(p);
            if !within.is_empty()
                && !ex.locked.contains(&n.name)
                && !within.iter().any(|w| Span::of(w).contains(&Span::of(&p)))
            {
                let list: Vec<String> = within.iter().map(|w| w.to_string()).collect();
                return Verdict::fail(format!(
                    "{p} of `{}` is outside the space for this plan ({})",
                    n.name,
                    list.join(", ")
                ));
            }
        }
    }
    for m in &ex.min_hosts {
        let Some(n) = attempt.network(&m.network) else {
            continue;
        };
        let total: u128 = n
            .blocks
            .iter()
            .filter_map(|b| parse_prefix(b).ok())
            .filter(|p| matches!(p, IpNet::V4(_)))
            .map(|p| usable_count(n.provider, n.kind, &p).unwrap_or(0))
            .fold(0u128, |a, b| a.saturating_add(b));
        if total < m.hosts as u128 {
            return Verdict::fail(format!(
                "`{}` holds {total} usable addresses in {}, but needs {}",
                m.network,
                n.provider.title(),
                m.hosts
            ));
        }
    }
    let mut room_msg = String::new();
    if let Some(r) = &ex.room {
        let Ok(w) = parse_prefix(&r.within) else {
            return Verdict::fail("the exercise's room is not a valid prefix");
        };
        match FreeFinder::new(&all).take(&w, r.size) {
            Some(free) => room_msg = format!(" {} still fits at {free}.", sentence_start(&r.label)),
            None => {
                return Verdict::fail(format!(
                    "no free /{} is left in {w} for {}",
                    r.size, r.label
                ))
            }
        }
    }
    let lead = if link_msg.is_empty() {
        "No overlaps, and every block follows its provider's rules."
    } else {
        "No overlaps between routed networks, and every block follows its provider's rules."
    };
    Verdict::pass(format!("{lead}{link_msg}{room_msg}"))
}
