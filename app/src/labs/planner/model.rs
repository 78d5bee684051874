//! The lab's state and its one reducer. Every change to the plan or the address-space
//! view is made by `cloudhop_core::cidr` (`Plan::add_network`, `Plan::add_block`,
//! `Plan::apply_suggestion`, `AddressSpace::split` / `join` / `reveal`); this file only
//! keeps the UI state around it (drafts as typed, selection, texts, notices).

use cloudhop_core::cidr::plan::{blocks_from_text, Plan, Suggestion};
use cloudhop_core::cidr::prefix::parse_prefix;
use cloudhop_core::cidr::provider::{Kind, Provider};
use cloudhop_core::cidr::space::AddressSpace;
use cloudhop_core::cidr::IpNet;
use std::rc::Rc;
use yew::prelude::*;

/// The lab's state.
#[derive(Clone, PartialEq)]
pub struct Model {
    pub plan: Plan,
    /// The blocks field of each network as typed (the plan keeps the split list).
    pub drafts: Vec<String>,
    pub selected: Option<usize>,
    /// The address space to show, as typed.
    pub root_text: String,
    /// The address-space view (its root is the last valid `root_text`).
    pub space: AddressSpace,
    pub inspect: String,
    pub import_text: String,
    pub notice: Option<String>,
    /// Networks an exercise does not let the learner change.
    pub locked: Vec<String>,
}

/// What the learner did.
pub enum Action {
    Name(usize, String),
    Provider(usize, Provider),
    Kind(usize, Kind),
    Blocks(usize, String),
    Remove(usize),
    Add,
    Select(usize),
    Fix(Suggestion),
    Root(String),
    Split(IpNet),
    Join(IpNet),
    UseLeaf(IpNet),
    Inspect(String),
    ImportText(String),
    Import,
    Notice(String),
}

/// How components send actions.
pub type Dispatch = UseReducerDispatcher<Model>;

impl Model {
    pub fn new(plan: Plan, locked: Vec<String>, notice: Option<String>) -> Model {
        let space = AddressSpace::default_for(&plan);
        let drafts = plan.networks.iter().map(|n| n.blocks_text()).collect();
        let inspect = plan
            .networks
            .first()
            .and_then(|n| n.blocks.first().cloned())
            .unwrap_or_else(|| space.root.to_string());
        Model {
            root_text: space.root.to_string(),
            space,
            plan,
            drafts,
            selected: None,
            inspect,
            import_text: String::new(),
            notice,
            locked,
        }
    }

    /// The address space to show, if its text is a prefix.
    pub fn root(&self) -> Option<IpNet> {
        parse_prefix(&self.root_text).ok()
    }

    pub fn is_locked(&self, i: usize) -> bool {
        self.plan
            .networks
            .get(i)
            .is_some_and(|n| self.locked.contains(&n.name))
    }

    /// After the plan changed: show its blocks in the bar.
    fn reveal(&mut self) {
        if self.root().is_some() {
            self.space.reveal(&self.plan);
        }
    }

    /// After network `i`'s blocks changed: its field shows them.
    fn redraft(&mut self, i: usize) {
        self.drafts.resize(self.plan.networks.len(), String::new());
        if let (Some(d), Some(n)) = (self.drafts.get_mut(i), self.plan.networks.get(i)) {
            *d = n.blocks_text();
        }
    }
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut m = (*self).clone();
        match action {
            Action::Name(i, v) if !m.is_locked(i) => {
                if let Some(n) = m.plan.networks.get_mut(i) {
                    n.name = v;
                }
            }
            Action::Provider(i, p) if !m.is_locked(i) => {
                if let Some(n) = m.plan.networks.get_mut(i) {
                    n.provider = p;
                }
            }
            Action::Kind(i, k) if !m.is_locked(i) => {
                if let Some(n) = m.plan.networks.get_mut(i) {
                    n.kind = k;
                }
            }
            Action::Blocks(i, text) if !m.is_locked(i) => {
                if let Some(n) = m.plan.networks.get_mut(i) {
                    n.blocks = blocks_from_text(&text);
                }
                if let Some(d) = m.drafts.get_mut(i) {
                    *d = text;
                }
                m.reveal();
            }
            Action::Remove(i) if !m.is_locked(i) => {
                if i < m.plan.networks.len() {
                    m.plan.networks.remove(i);
                    m.drafts.remove(i);
                    m.selected = None;
                }
            }
            Action::Add => {
                let i = m.plan.add_network();
                m.drafts.push(String::new());
                m.selected = Some(i);
            }
            Action::Select(i) => {
                m.selected = if m.selected == Some(i) { None } else { Some(i) };
                if let Some(b) = m.plan.networks.get(i).and_then(|n| n.blocks.first()) {
                    m.inspect = b.clone();
                }
            }
            Action::Fix(s) => {
                if let Some(i) = m.plan.position(&s.network).filter(|i| !m.is_locked(*i)) {
                    match m.plan.apply_suggestion(&s) {
                        Ok(plan) => {
                            m.plan = plan;
                            m.redraft(i);
                            m.notice = Some(format!(
                                "Moved `{}` from {} to {}.",
                                s.network, s.cidr, s.replacement
                            ));
                            m.reveal();
                        }
                        Err(e) => m.notice = Some(e.to_string()),
                    }
                }
            }
            Action::Root(t) => {
                m.root_text = t;
                if let Some(root) = m.root() {
                    m.space = AddressSpace::for_plan(&m.plan, root);
                }
            }
            Action::Split(n) => {
                m.space.split(n);
                m.inspect = n.to_string();
            }
            Action::Join(n) => {
                if let Some(parent) = m.space.join(&n) {
                    m.inspect = parent.to_string();
                }
            }
            Action::UseLeaf(leaf) => {
                let target = m.selected.filter(|i| !m.is_locked(*i));
                let i = m.plan.add_block(target, leaf);
                m.redraft(i);
                if let Some(n) = m.plan.networks.get(i) {
                    m.notice = Some(format!("Added {leaf} to `{}`.", n.name));
                }
                m.selected = Some(i);
            }
            Action::Inspect(t) => m.inspect = t,
            Action::ImportText(t) => m.import_text = t,
            Action::Import => match Plan::from_json(&m.import_text) {
                Ok(plan) => {
                    let locked = m.locked.clone();
                    let mut fresh = Model::new(plan, locked, Some("Plan imported.".into()));
                    fresh.import_text = String::new();
                    return Rc::new(fresh);
                }
                Err(e) => m.notice = Some(e.to_string()),
            },
            Action::Notice(n) => m.notice = Some(n),
            _ => m.notice = Some("That network is fixed in this exercise.".into()),
        }
        Rc::new(m)
    }
}
