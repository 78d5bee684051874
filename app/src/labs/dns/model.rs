//! The DNS lab's one reducer: the state on screen (scenario and query), the resolvers'
//! caches with their clock, the traced query and how far it is played, the undo history,
//! and the last refusal. Every change to the scenario is a `DnsEdit` that core applies or
//! refuses; every answer, trace sentence and diagnosis is `DnsState::traced`.

use cloudhop_core::dns::cache::Cache;
use cloudhop_core::dns::edit::DnsEdit;
use cloudhop_core::dns::records::RecordType;
use cloudhop_core::dns::scenario::Scenario;
use cloudhop_core::labs::{DnsState, Traced};
use std::rc::Rc;
use yew::prelude::*;

/// How many earlier states Undo keeps.
pub const UNDO_DEPTH: usize = 50;

/// Which card a refused edit came from, so the message shows beside it.
pub type Card = &'static str;

/// What the learner (or a followed link) does.
pub enum Action {
    /// An edit of the scenario, from the card `Card`.
    Edit(Card, DnsEdit),
    /// An edit the page could not even write (a field core cannot read), and why.
    Refuse(Card, String),
    /// Ask as another client.
    Client(String),
    /// Ask another name (as typed).
    Name(String),
    /// Ask another type.
    Type(RecordType),
    /// Ask the same question again (the caches answer what they still hold).
    AskAgain,
    /// Playback: one step further, one back, to the start, to the end.
    Step,
    Back,
    ToStart,
    ToEnd,
    /// Show the trace up to and including step `i`.
    ShowStep(usize),
    /// Start or stop playing; `Tick` is the player's timer.
    Play(bool),
    Tick,
    /// Move the caches' clock on by some seconds.
    Advance(u64),
    /// Empty every cache.
    Flush,
    /// Back to the state before the last change.
    Undo,
    /// Back to the start (the exercise's, or the preset's), with empty caches.
    Reset(Rc<DnsState>),
    /// Open a preset.
    Preset(String),
    /// The import field as typed, and importing it.
    ImportText(String),
    Import,
    /// A shared link opened while the lab is on screen.
    Follow(Rc<DnsState>),
    /// Something to tell the learner (a download that did not start).
    Notice(String),
}

/// The lab's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// What is on screen (and in the link).
    pub state: DnsState,
    /// The caches of every resolver, kept across edits: a learner sees stale answers.
    pub cache: Cache,
    /// The query traced with `cache`, or why it cannot be asked.
    pub traced: Result<Rc<Traced>, String>,
    /// How many trace steps are shown (the last one is the hop being played).
    pub played: usize,
    /// Playing on a timer.
    pub playing: bool,
    /// Earlier states, newest last.
    pub history: Vec<DnsState>,
    /// The last refused edit: the card it came from and why.
    pub refused: Option<(Card, String)>,
    /// A message for the learner (import results).
    pub notice: Option<String>,
    /// The import field as typed.
    pub import_text: String,
    /// Counts every redraw of the trace (the page measures edit → redraw by it).
    pub traces: u64,
}

impl Model {
    /// The lab showing `state` with empty caches, the trace fully played.
    pub fn new(state: DnsState) -> Model {
        let mut m = Model {
            state,
            cache: Cache::new(),
            traced: Err(String::new()),
            played: 0,
            playing: false,
            history: Vec::new(),
            refused: None,
            notice: None,
            import_text: String::new(),
            traces: 0,
        };
        m.ask();
        m
    }

    /// The number of steps of the current trace.
    pub fn steps(&self) -> usize {
        self.traced.as_ref().map_or(0, |t| t.steps.len())
    }

    /// The step being played (the last one shown).
    pub fn current(&self) -> Option<usize> {
        self.played.checked_sub(1)
    }

    /// Resolve the query again with the caches, and show the whole trace.
    fn ask(&mut self) {
        self.traced = self
            .state
            .traced(&mut self.cache)
            .map(Rc::new)
            .map_err(|e| e.to_string());
        self.played = self.steps();
        self.playing = false;
        self.traces += 1;
    }

    /// A new state from the learner: the old one goes on the undo list.
    fn change(&mut self, next: DnsState) {
        if next == self.state {
            self.ask();
            return;
        }
        let old = std::mem::replace(&mut self.state, next);
        self.history.push(old);
        if self.history.len() > UNDO_DEPTH {
            self.history.remove(0);
        }
        self.refused = None;
        self.ask();
    }

    /// A fresh start: empty caches, no history of the old scenario's answers.
    fn restart(&mut self, next: DnsState) {
        self.cache = Cache::new();
        self.change(next);
    }
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut m = (*self).clone();
        m.notice = None;
        match action {
            Action::Edit(card, edit) => {
                let mut next = m.state.clone();
                match next.sc.apply(&edit) {
                    Ok(()) => m.change(next),
                    Err(e) => m.refused = Some((card, e.to_string())),
                }
            }
            Action::Refuse(card, why) => m.refused = Some((card, why)),
            Action::Client(c) => {
                let mut next = m.state.clone();
                next.client = c;
                m.change(next);
            }
            Action::Name(n) => {
                let mut next = m.state.clone();
                next.name = n.trim().to_string();
                m.change(next);
            }
            Action::Type(t) => {
                let mut next = m.state.clone();
                next.rtype = t;
                m.change(next);
            }
            Action::AskAgain => m.ask(),
            Action::Step => m.played = (m.played + 1).min(m.steps()),
            Action::Back => m.played = m.played.saturating_sub(1),
            Action::ToStart => {
                m.played = 0;
                m.playing = false;
            }
            Action::ToEnd => {
                m.played = m.steps();
                m.playing = false;
            }
            Action::ShowStep(i) => {
                m.played = (i + 1).min(m.steps());
                m.playing = false;
            }
            Action::Play(on) => {
                if on && m.played >= m.steps() {
                    m.played = 0;
                }
                m.playing = on && m.steps() > 0;
            }
            Action::Tick => {
                if m.playing {
                    m.played = (m.played + 1).min(m.steps());
                    m.playing = m.played < m.steps();
                }
            }
            Action::Advance(s) => {
                m.cache.advance(s);
                m.ask();
            }
            Action::Flush => {
                m.cache.flush();
                m.ask();
            }
            Action::Undo => {
                if let Some(prev) = m.history.pop() {
                    m.state = prev;
                    m.refused = None;
                    m.ask();
                }
            }
            Action::Reset(start) => m.restart((*start).clone()),
            Action::Preset(id) => m.restart(DnsState::preset(&id)),
            Action::ImportText(t) => m.import_text = t,
            Action::Import => match Scenario::from_json(&m.import_text) {
                Ok(sc) => {
                    let mut next = DnsState::of(sc, m.state.name.clone());
                    if next.sc.client(&m.state.client).is_some() {
                        next.client = m.state.client.clone();
                    }
                    next.rtype = m.state.rtype;
                    m.import_text.clear();
                    m.restart(next);
                    m.notice = Some("Scenario imported.".into());
                }
                Err(e) => m.notice = Some(format!("The scenario could not be imported: {e}")),
            },
            Action::Follow(state) => {
                m.state = (*state).clone();
                m.cache = Cache::new();
                m.ask();
            }
            Action::Notice(n) => m.notice = Some(n),
        }
        Rc::new(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudhop_core::dns::edit::Entity;

    fn lab(preset: &str) -> Rc<Model> {
        Rc::new(Model::new(DnsState::preset(preset)))
    }

    fn code(m: &Model) -> &'static str {
        m.traced.as_ref().unwrap().resolution.answer.code()
    }

    #[test]
    fn opens_with_the_whole_trace_played() {
        let m = lab("hybrid");
        assert_eq!(code(&m), "NOERROR");
        assert!(m.steps() > 2);
        assert_eq!(m.played, m.steps());
        assert_eq!(m.current(), Some(m.steps() - 1));
    }

    #[test]
    fn a_refused_edit_changes_nothing_and_says_why_beside_its_card() {
        let m = lab("ec2-to-ad");
        let r = m.clone().reduce(Action::Edit(
            "links",
            DnsEdit::SetLinkDns {
                link: "nope".into(),
                allowed: true,
            },
        ));
        assert_eq!(r.state, m.state);
        let (card, why) = r.refused.clone().unwrap();
        assert_eq!(card, "links");
        assert!(why.contains("nope"), "{why}");
        assert!(r.history.is_empty());
    }

    #[test]
    fn edits_undo_in_order_and_reset_goes_back_to_the_start() {
        let start = lab("forwarding-loop");
        assert_eq!(code(&start), "SERVFAIL");
        let m = start.clone().reduce(Action::Edit(
            "rules",
            DnsEdit::Remove {
                kind: Entity::Rule,
                id: "aws-to-dc".into(),
            },
        ));
        assert_eq!(code(&m), "NOERROR");
        let m = m.reduce(Action::Client("ec2-app".into()));
        assert_eq!(m.history.len(), 2);
        let m = m.reduce(Action::Undo);
        assert_eq!(m.state.client, "laptop");
        let m = m.reduce(Action::Undo);
        assert_eq!(m.state, start.state);
        let m = m.reduce(Action::Undo);
        assert_eq!(m.state, start.state);
        let r = m
            .reduce(Action::Name("www.example.com".into()))
            .reduce(Action::Reset(Rc::new(DnsState::preset("forwarding-loop"))));
        assert_eq!(r.state, start.state);
        assert_eq!(r.cache.entries().count(), start.cache.entries().count());
    }

    #[test]
    fn playback_steps_back_and_plays_to_the_end() {
        let m = lab("onprem-to-phz").reduce(Action::ToStart);
        assert_eq!((m.played, m.current()), (0, None));
        let m = m
            .reduce(Action::Step)
            .reduce(Action::Step)
            .reduce(Action::Back);
        assert_eq!(m.played, 1);
        let mut m = m.reduce(Action::Play(true));
        assert!(m.playing);
        assert_eq!(m.played, 1);
        for _ in 0..200 {
            m = m.reduce(Action::Tick);
        }
        assert!(!m.playing);
        assert_eq!(m.played, m.steps());
        // Play at the end starts again from the first step.
        let m = m.reduce(Action::Play(true));
        assert_eq!(m.played, 0);
        let d = m.traced.as_ref().unwrap().diagnosis.clone().unwrap();
        let m = m.reduce(Action::ShowStep(d.step.unwrap()));
        assert_eq!(m.current(), d.step);
        assert!(!m.playing);
    }

    #[test]
    fn the_cache_keeps_the_old_answer_until_its_ttl_runs_out() {
        let m = lab("hybrid");
        let before = m
            .traced
            .as_ref()
            .unwrap()
            .resolution
            .answer
            .values(RecordType::A);
        assert_eq!(before, ["10.16.4.21"]);
        let m = m.reduce(Action::Edit(
            "zones",
            DnsEdit::SetRecordValues {
                zone: "aws-private".into(),
                name: cloudhop_core::dns::names::DomainName::parse("db.aws.corp.example.com")
                    .unwrap(),
                rtype: RecordType::A,
                values: vec!["10.16.4.99".into()],
            },
        ));
        let t = m.traced.as_ref().unwrap();
        assert!(t.resolution.used_cache());
        assert_eq!(t.resolution.answer.values(RecordType::A), ["10.16.4.21"]);
        let m = m.reduce(Action::Advance(301));
        let t = m.traced.as_ref().unwrap();
        assert_eq!(t.resolution.answer.values(RecordType::A), ["10.16.4.99"]);
        let m = m.reduce(Action::Flush);
        assert!(!m.traced.as_ref().unwrap().resolution.used_cache());
    }

    #[test]
    fn a_bad_name_is_a_message_and_import_takes_only_a_valid_scenario() {
        let m = lab("hybrid").reduce(Action::Name("not a name!".into()));
        assert!(m.traced.is_err());
        assert_eq!(m.steps(), 0);
        let m = m
            .reduce(Action::ImportText("{\"networks\": 3}".into()))
            .reduce(Action::Import);
        assert!(m
            .notice
            .as_deref()
            .unwrap()
            .contains("could not be imported"));
        let sc = DnsState::preset("ec2-to-ad").sc.to_json();
        let m = m.reduce(Action::ImportText(sc)).reduce(Action::Import);
        assert_eq!(m.notice.as_deref(), Some("Scenario imported."));
        assert_eq!(m.state.sc, DnsState::preset("ec2-to-ad").sc);
        assert_eq!(m.state.client, "laptop");
        assert!(m.import_text.is_empty());
    }
}
