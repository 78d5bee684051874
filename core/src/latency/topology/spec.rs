//! What topology to evaluate: its kind, how a hub or exchange is chosen, and the text form
//! (`mesh`, `hub:ID`, `hub:best`, `relay`, `exchange:METRO`, ...).

use crate::latency::error::LatencyError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How a hub or exchange is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// This site (id).
    Site(String),
    /// The candidate with the lowest mean pair RTT.
    BestMean,
    /// The candidate with the lowest worst-pair RTT.
    BestWorst,
}

impl Choice {
    /// The text form after the colon: the site id, `best` or `best-worst` (the value of
    /// the lab's hub chooser).
    ///
    /// ```
    /// use cloudhop_core::latency::topology::Choice;
    /// assert_eq!(Choice::BestWorst.value(), "best-worst");
    /// assert_eq!(Choice::Site("ix:paris".into()).value(), "ix:paris");
    /// ```
    pub fn value(&self) -> String {
        match self {
            Choice::Site(id) => id.clone(),
            Choice::BestMean => "best".into(),
            Choice::BestWorst => "best-worst".into(),
        }
    }

    /// The choice a chooser value stands for: `best`, `best-worst`, else a site id.
    ///
    /// ```
    /// use cloudhop_core::latency::topology::Choice;
    /// assert_eq!(Choice::from_value("best"), Choice::BestMean);
    /// assert_eq!(Choice::from_value("aws:us-east-1"), Choice::Site("aws:us-east-1".into()));
    /// ```
    pub fn from_value(value: &str) -> Choice {
        match value {
            "best" => Choice::BestMean,
            "best-worst" => Choice::BestWorst,
            id => Choice::Site(id.to_string()),
        }
    }
}

/// The four kinds of topology. Serialised (and shown) as `mesh`, `hub`, `relay`,
/// `exchange`.
///
/// ```
/// use cloudhop_core::latency::topology::{TopologyKind, TopologySpec};
/// let spec = TopologySpec::parse("hub:best").unwrap();
/// assert_eq!(spec.kind(), TopologyKind::Hub);
/// assert_eq!(spec.kind().to_string(), "hub");
/// assert_eq!(serde_json::to_string(&TopologyKind::Exchange).unwrap(), "\"exchange\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TopologyKind {
    /// Full mesh of direct tunnels.
    Mesh,
    /// Hub and spoke.
    Hub,
    /// Direct with relay fallback.
    Relay,
    /// Through a cloud-exchange metro.
    Exchange,
}

impl TopologyKind {
    /// `mesh`, `hub`, `relay` or `exchange`.
    pub fn as_str(self) -> &'static str {
        match self {
            TopologyKind::Mesh => "mesh",
            TopologyKind::Hub => "hub",
            TopologyKind::Relay => "relay",
            TopologyKind::Exchange => "exchange",
        }
    }

    /// The kind's name for people (the lab's tab titles).
    ///
    /// ```
    /// use cloudhop_core::latency::topology::TopologyKind;
    /// assert_eq!(TopologyKind::Relay.title(), "Mesh + relays");
    /// ```
    pub fn title(self) -> &'static str {
        match self {
            TopologyKind::Mesh => "Full mesh",
            TopologyKind::Hub => "Hub and spoke",
            TopologyKind::Relay => "Mesh + relays",
            TopologyKind::Exchange => "Cloud exchange",
        }
    }

    /// Tunnels a pair's path crosses: one end-to-end tunnel in a mesh or through a relay,
    /// two through a hub (it decrypts and re-encrypts; one when the hub is an end), none
    /// over an exchange's private circuits. `via` says whether the path has an
    /// intermediate site.
    ///
    /// ```
    /// use cloudhop_core::latency::topology::TopologyKind;
    /// assert_eq!(TopologyKind::Hub.tunnels_on_path(true), 2);
    /// assert_eq!(TopologyKind::Hub.tunnels_on_path(false), 1);
    /// assert_eq!(TopologyKind::Relay.tunnels_on_path(true), 1);
    /// assert_eq!(TopologyKind::Exchange.tunnels_on_path(true), 0);
    /// ```
    pub fn tunnels_on_path(self, via: bool) -> u32 {
        match self {
            TopologyKind::Exchange => 0,
            TopologyKind::Hub if via => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for TopologyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A topology to evaluate. As text: `mesh`, `hub:ID`, `hub:best`, `hub:best-worst`,
/// `relay`, `exchange:ID` (`exchange:frankfurt` means `ix:frankfurt`), `exchange:best`,
/// `exchange:best-worst`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum TopologySpec {
    /// Full mesh of direct tunnels.
    Mesh,
    /// Hub and spoke.
    Hub(Choice),
    /// Direct with relay fallback for the NAT share of pairs.
    Relay,
    /// Through a cloud-exchange metro.
    Exchange(Choice),
}

impl TopologySpec {
    /// Parse the text form.
    ///
    /// ```
    /// use cloudhop_core::latency::topology::{Choice, TopologySpec};
    /// assert_eq!(TopologySpec::parse("hub:best").unwrap(), TopologySpec::Hub(Choice::BestMean));
    /// assert_eq!(TopologySpec::parse("exchange:frankfurt").unwrap().label(), "exchange:ix:frankfurt");
    /// assert!(TopologySpec::parse("star").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<TopologySpec, LatencyError> {
        let t = text.trim();
        let choice = |rest: &str, exchange: bool| -> Result<Choice, LatencyError> {
            Ok(match rest {
                "best" | "best-mean" => Choice::BestMean,
                "best-worst" => Choice::BestWorst,
                "" => return Err(LatencyError::MissingSiteId(t.to_string())),
                id if exchange && !id.contains(':') => Choice::Site(format!("ix:{id}")),
                id => Choice::Site(id.to_string()),
            })
        };
        match t.split_once(':') {
            None if t == "mesh" => Ok(TopologySpec::Mesh),
            None if t == "relay" || t == "relayed" => Ok(TopologySpec::Relay),
            None if t == "hub" => Ok(TopologySpec::Hub(Choice::BestMean)),
            None if t == "exchange" => Ok(TopologySpec::Exchange(Choice::BestMean)),
            Some(("hub", rest)) => Ok(TopologySpec::Hub(choice(rest, false)?)),
            Some(("exchange", rest)) => Ok(TopologySpec::Exchange(choice(rest, true)?)),
            _ => Err(LatencyError::UnknownTopology(t.to_string())),
        }
    }

    /// The text form.
    pub fn label(&self) -> String {
        match self {
            TopologySpec::Mesh => "mesh".into(),
            TopologySpec::Relay => "relay".into(),
            TopologySpec::Hub(h) => format!("hub:{}", h.value()),
            TopologySpec::Exchange(x) => format!("exchange:{}", x.value()),
        }
    }

    /// Mesh, hub, relay or exchange.
    pub fn kind(&self) -> TopologyKind {
        match self {
            TopologySpec::Mesh => TopologyKind::Mesh,
            TopologySpec::Hub(_) => TopologyKind::Hub,
            TopologySpec::Relay => TopologyKind::Relay,
            TopologySpec::Exchange(_) => TopologyKind::Exchange,
        }
    }

    /// The hub or exchange choice, for the kinds that have one.
    ///
    /// ```
    /// use cloudhop_core::latency::topology::{Choice, TopologySpec};
    /// assert_eq!(TopologySpec::parse("hub:best").unwrap().choice(), Some(&Choice::BestMean));
    /// assert_eq!(TopologySpec::Relay.choice(), None);
    /// ```
    pub fn choice(&self) -> Option<&Choice> {
        match self {
            TopologySpec::Hub(c) | TopologySpec::Exchange(c) => Some(c),
            TopologySpec::Mesh | TopologySpec::Relay => None,
        }
    }

    /// Set the hub or exchange choice (nothing for mesh and relay).
    ///
    /// ```
    /// use cloudhop_core::latency::topology::{Choice, TopologySpec};
    /// let mut t = TopologySpec::Hub(Choice::BestMean);
    /// t.set_choice(Choice::Site("aws:us-east-1".into()));
    /// assert_eq!(t.label(), "hub:aws:us-east-1");
    /// let mut m = TopologySpec::Mesh;
    /// m.set_choice(Choice::BestWorst);
    /// assert_eq!(m, TopologySpec::Mesh);
    /// ```
    pub fn set_choice(&mut self, choice: Choice) {
        if let TopologySpec::Hub(c) | TopologySpec::Exchange(c) = self {
            *c = choice;
        }
    }
}

impl TryFrom<String> for TopologySpec {
    type Error = LatencyError;
    fn try_from(s: String) -> Result<Self, LatencyError> {
        TopologySpec::parse(&s)
    }
}

impl From<TopologySpec> for String {
    fn from(t: TopologySpec) -> String {
        t.label()
    }
}
