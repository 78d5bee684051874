//! The failover models by name: which engine a scenario runs (`dns`, `tunnel`, `cache`,
//! `restore`, `region`), as the JSON tag and the CLI's subcommand spell it.
//!
//! ```
//! use cloudhop_core::failover::model::Model;
//! assert_eq!(Model::Tunnel.to_string(), "tunnel");
//! assert_eq!("dns".parse::<Model>(), Ok(Model::Dns));
//! ```

use serde::{Deserialize, Serialize};

/// A failover model: which engine a scenario runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    /// DNS failover.
    Dns,
    /// An IPsec tunnel or a BGP session failing over.
    Tunnel,
    /// Caches fed across clouds.
    Cache,
    /// A backup restored in another cloud.
    Restore,
    /// A whole region failing over.
    Region,
}

impl Model {
    /// Every model, in the order the CLI lists them.
    pub const ALL: [Model; 5] = [
        Model::Dns,
        Model::Tunnel,
        Model::Region,
        Model::Cache,
        Model::Restore,
    ];

    /// The name in JSON and on the command line.
    ///
    /// ```
    /// use cloudhop_core::failover::model::Model;
    /// assert_eq!(Model::Restore.name(), "restore");
    /// assert_eq!("region".parse::<Model>(), Ok(Model::Region));
    /// assert!("warp".parse::<Model>().is_err());
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Model::Dns => "dns",
            Model::Tunnel => "tunnel",
            Model::Cache => "cache",
            Model::Restore => "restore",
            Model::Region => "region",
        }
    }
}

impl std::fmt::Display for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a model's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownModel(pub String);

impl std::fmt::Display for UnknownModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown failover model `{}`", self.0)
    }
}

impl std::error::Error for UnknownModel {}

impl std::str::FromStr for Model {
    type Err = UnknownModel;

    fn from_str(s: &str) -> Result<Model, UnknownModel> {
        Model::ALL
            .into_iter()
            .find(|m| m.name() == s)
            .ok_or_else(|| UnknownModel(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_the_json_tag() {
        for m in Model::ALL {
            assert_eq!(m.name().parse::<Model>(), Ok(m));
            assert_eq!(
                serde_json::to_value(m).unwrap(),
                serde_json::json!(m.name())
            );
        }
        assert_eq!(
            "Dns".parse::<Model>().unwrap_err().to_string(),
            "unknown failover model `Dns`"
        );
    }
}
