//! The labs, listed once. Each lab implements [`crate::exercise::Lab`] in its own module
//! here; the `labs!` list below makes from them everything that must know every lab:
//! [`LabId`] (names and titles, in menu order) and [`ExerciseSpec`] (an exercise of any
//! lab, as lesson files carry it). Adding a lab means one module and one line in the list.
//!
//! ```
//! use cloudhop_core::labs::{ExerciseSpec, LabId};
//! assert_eq!(LabId::from_slug("bgp"), Some(LabId::Bgp));
//! assert_eq!(LabId::Bgp.title(), "BGP lab");
//! let err = ExerciseSpec::from_lab_json("teleport", serde_json::json!({})).unwrap_err();
//! assert!(err.contains("unknown lab `teleport`"));
//! ```

pub mod bgp;
pub mod dns;
pub mod failover;
pub mod latency;
pub mod planner;

pub use bgp::{Bgp, BgpState};
pub use dns::{Dns, DnsState, Traced};
pub use failover::{Failover, FailoverState};
pub use latency::{Latency, LatencyState};
pub use planner::Planner;

use crate::exercise::Lab;

/// A lab in the list: its [`LabId`], and its exercise inside an [`ExerciseSpec`].
///
/// ```
/// use cloudhop_core::labs::{ExerciseSpec, Bgp, LabId, Listed, Planner};
/// let spec = ExerciseSpec::from_lab_json("latency",
///     serde_json::json!({"kind": "tunnel-count", "n": 4, "topology": "hub"})).unwrap();
/// assert!(Planner::exercise_in(&spec).is_none());
/// assert_eq!(<Bgp as Listed>::ID, LabId::Bgp);
/// ```
pub trait Listed: Lab {
    /// The lab's id.
    const ID: LabId;
    /// The exercise, when `spec` is one of this lab's.
    fn exercise_in(spec: &ExerciseSpec) -> Option<&Self::Exercise>;
    /// One of this lab's exercises as an [`ExerciseSpec`] (no other lab's code is involved,
    /// which keeps a one-lab bundle small).
    fn spec_of(ex: Self::Exercise) -> ExerciseSpec;
}

/// Builds [`LabId`] and [`ExerciseSpec`] from the list of labs.
macro_rules! labs {
    ($($variant:ident => $lab:ty),+ $(,)?) => {
        /// Which lab: one variant per lab, in menu order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum LabId {
            $(
                #[doc = concat!("The ", stringify!($variant), " lab.")]
                $variant,
            )+
        }

        impl LabId {
            /// Every lab, in menu order.
            pub const ALL: &'static [LabId] = &[$(LabId::$variant),+];

            /// The name in lesson files and URLs.
            pub fn slug(self) -> &'static str {
                match self {
                    $(LabId::$variant => <$lab as Lab>::SLUG,)+
                }
            }

            /// The title shown to people.
            pub fn title(self) -> &'static str {
                match self {
                    $(LabId::$variant => <$lab as Lab>::TITLE,)+
                }
            }

            /// One line saying what the lab is for.
            pub fn summary(self) -> &'static str {
                match self {
                    $(LabId::$variant => <$lab as Lab>::SUMMARY,)+
                }
            }

            /// The lab named `slug`.
            pub fn from_slug(slug: &str) -> Option<LabId> {
                LabId::ALL.iter().copied().find(|l| l.slug() == slug)
            }

            /// Whether `text` is a scenario this lab can open (a link's `s=`), and why not.
            pub fn read_state(self, text: &str) -> Result<(), crate::exercise::StateError> {
                match self {
                    $(LabId::$variant => crate::exercise::decode_state::<$lab>(text).map(|_| ()),)+
                }
            }
        }

        /// Compares with a slug, as lesson files and URLs write it.
        impl PartialEq<&str> for LabId {
            fn eq(&self, other: &&str) -> bool {
                self.slug() == *other
            }
        }

        impl std::fmt::Display for LabId {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.slug())
            }
        }

        $(
            impl Listed for $lab {
                const ID: LabId = LabId::$variant;

                fn exercise_in(spec: &ExerciseSpec) -> Option<&Self::Exercise> {
                    #[allow(unreachable_patterns)]
                    match spec {
                        ExerciseSpec::$variant(e) => Some(e),
                        _ => None,
                    }
                }

                fn spec_of(ex: Self::Exercise) -> ExerciseSpec {
                    ExerciseSpec::$variant(ex)
                }
            }
        )+

        /// The parameters of one exercise, of any lab.
        #[derive(Debug, Clone, PartialEq)]
        pub enum ExerciseSpec {
            $(
                #[doc = concat!("An exercise of the ", stringify!($variant), " lab.")]
                $variant(<$lab as Lab>::Exercise),
            )+
        }

        impl ExerciseSpec {
            /// Which lab the exercise belongs to.
            pub fn lab(&self) -> LabId {
                match self {
                    $(ExerciseSpec::$variant(_) => LabId::$variant,)+
                }
            }

            /// Read an exercise's parameters for `lab` from JSON (not yet validated: see
            /// [`ExerciseSpec::validate`]). Each lab's type is read directly, so every
            /// number type a lab uses, `u128` included, works.
            pub fn from_lab_json(lab: &str, value: serde_json::Value) -> Result<ExerciseSpec, String> {
                match LabId::from_slug(lab) {
                    $(Some(LabId::$variant) => serde_json::from_value(value)
                        .map(ExerciseSpec::$variant)
                        .map_err(|e| e.to_string()),)+
                    None => Err(format!(
                        "unknown lab `{lab}` (known: {})",
                        LabId::ALL.iter().map(|l| l.slug()).collect::<Vec<_>>().join(", ")
                    )),
                }
            }

            /// Check that the parameters make sense (the goal is reachable, ids exist, ...).
            pub fn validate(&self) -> Result<(), String> {
                match self {
                    $(ExerciseSpec::$variant(e) => <$lab as Lab>::validate(e),)+
                }
            }

            /// Whether the exercise's start is within its lab's limits
            /// ([`Lab::within_limits`]): an exercise from a workshop link is text from anyone.
            pub fn within_limits(&self) -> Result<(), crate::limits::TooMuch> {
                match self {
                    $(ExerciseSpec::$variant(e) => <$lab as Lab>::within_limits(&<$lab as Lab>::start(e)),)+
                }
            }

            /// One sentence saying what to achieve.
            pub fn goal_text(&self) -> String {
                match self {
                    $(ExerciseSpec::$variant(e) => <$lab as Lab>::goal_text(e),)+
                }
            }

            /// The parameters as JSON, tagged with the lab (`{"lab": "bgp", ...}`).
            fn to_tagged_json(&self) -> Result<serde_json::Value, serde_json::Error> {
                let mut v = match self {
                    $(ExerciseSpec::$variant(e) => serde_json::to_value(e)?,)+
                };
                if let Some(obj) = v.as_object_mut() {
                    obj.insert("lab".into(), self.lab().slug().into());
                }
                Ok(v)
            }
        }
    };
}

labs! {
    Planner => Planner,
    Bgp => Bgp,
    Latency => Latency,
    Failover => Failover,
    Dns => Dns,
}

/// Serialised as the lesson files write it: the lab's parameters with a `lab` tag.
impl serde::Serialize for ExerciseSpec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_tagged_json()
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for ExerciseSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let mut v = serde_json::Value::deserialize(d)?;
        let lab = v
            .as_object_mut()
            .and_then(|o| o.remove("lab"))
            .ok_or_else(|| D::Error::missing_field("lab"))?;
        let lab = lab
            .as_str()
            .ok_or_else(|| D::Error::custom("`lab` must be a string"))?;
        ExerciseSpec::from_lab_json(lab, v).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_and_round_trip() {
        for l in LabId::ALL {
            assert_eq!(LabId::from_slug(l.slug()), Some(*l));
        }
        let mut slugs: Vec<_> = LabId::ALL.iter().map(|l| l.slug()).collect();
        slugs.dedup();
        assert_eq!(slugs.len(), LabId::ALL.len());
    }

    #[test]
    fn specs_round_trip_through_their_tagged_json() {
        let json = serde_json::json!({"lab": "latency", "kind": "tunnel-count", "n": 5, "topology": "mesh"});
        let spec: ExerciseSpec = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(spec.lab(), LabId::Latency);
        assert_eq!(serde_json::to_value(&spec).unwrap()["lab"], "latency");
        let back: ExerciseSpec =
            serde_json::from_value(serde_json::to_value(&spec).unwrap()).unwrap();
        assert_eq!(back, spec);
        assert!(serde_json::from_value::<ExerciseSpec>(serde_json::json!({"n": 5})).is_err());
    }
}
