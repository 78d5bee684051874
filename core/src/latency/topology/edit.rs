//! Edits of a scenario, as the lab's controls make them: adding and removing sites,
//! failing and restoring, the sliders, and pinning a hub before it fails. Each keeps the
//! scenario valid (no duplicate site, parameters in range).

use super::scenario::Scenario;
use super::spec::Choice;
use crate::latency::catalog::{Catalog, Provider, SiteSpec};

/// Largest tunnel overhead the lab's slider sets, ms.
pub const MAX_SLIDER_TUNNEL_MS: f64 = 20.0;

impl Scenario {
    /// Add an on-premises site where the map was clicked: named `Office k` with the
    /// smallest k not taken, its position rounded to 0.1°.
    ///
    /// ```
    /// use cloudhop_core::latency::catalog::SiteSpec;
    /// use cloudhop_core::latency::topology::Scenario;
    /// let mut sc = Scenario::new(vec![SiteSpec::Id("onprem:office-1".into())]);
    /// sc.add_office_at(48.137, 11.575);
    /// assert_eq!(sc.sites[1], SiteSpec::OnPrem { name: "Office 2".into(), lat: 48.1, lon: 11.6 });
    /// ```
    pub fn add_office_at(&mut self, lat: f64, lon: f64) {
        let k = (1..)
            .find(|k| {
                !self.sites.iter().any(|x| match x {
                    SiteSpec::OnPrem { name, .. } => *name == format!("Office {k}"),
                    SiteSpec::Id(id) => *id == format!("onprem:office-{k}"),
                })
            })
            .unwrap_or(1);
        self.sites.push(SiteSpec::OnPrem {
            name: format!("Office {k}"),
            lat: (lat * 10.0).round() / 10.0,
            lon: (lon * 10.0).round() / 10.0,
        });
    }

    /// Add a catalog site by id, unless it is already there (an empty id does nothing).
    ///
    /// ```
    /// use cloudhop_core::latency::topology::Scenario;
    /// let mut sc = Scenario::new(Vec::new());
    /// sc.add_site_id("aws:us-east-1");
    /// sc.add_site_id("aws:us-east-1");
    /// sc.add_site_id("");
    /// assert_eq!(sc.sites.len(), 1);
    /// ```
    pub fn add_site_id(&mut self, id: &str) {
        let spec = SiteSpec::Id(id.to_string());
        if !id.is_empty() && !self.sites.contains(&spec) {
            self.sites.push(spec);
        }
    }

    /// Add every region of a provider that is not there yet.
    ///
    /// ```
    /// use cloudhop_core::latency::catalog::{Catalog, Provider};
    /// use cloudhop_core::latency::topology::Scenario;
    /// let mut sc = Scenario::new(Vec::new());
    /// sc.add_site_id("azure:westeurope");
    /// sc.add_regions_of(Provider::Azure);
    /// assert_eq!(sc.sites.len(), Catalog::builtin().regions_of(Provider::Azure).count());
    /// ```
    pub fn add_regions_of(&mut self, provider: Provider) {
        for r in Catalog::builtin().regions_of(provider) {
            self.add_site_id(&r.id);
        }
    }

    /// Remove the site at `index` (nothing if out of range).
    ///
    /// ```
    /// use cloudhop_core::latency::topology::Scenario;
    /// let mut sc = Scenario::new(Vec::new());
    /// sc.add_site_id("aws:us-east-1");
    /// sc.remove_site(3);
    /// sc.remove_site(0);
    /// assert!(sc.sites.is_empty());
    /// ```
    pub fn remove_site(&mut self, index: usize) {
        if index < self.sites.len() {
            self.sites.remove(index);
        }
    }

    /// Remove every site and every failure.
    ///
    /// ```
    /// use cloudhop_core::latency::topology::Scenario;
    /// let mut sc = Scenario::new(Vec::new());
    /// sc.add_site_id("aws:us-east-1");
    /// sc.toggle_failed("aws:us-east-1");
    /// sc.clear_sites();
    /// assert!(sc.sites.is_empty() && sc.failed.is_empty());
    /// ```
    pub fn clear_sites(&mut self) {
        self.sites.clear();
        self.failed.clear();
    }

    /// Fail `id`, or restore it if it has failed.
    ///
    /// ```
    /// use cloudhop_core::latency::topology::Scenario;
    /// let mut sc = Scenario::new(Vec::new());
    /// sc.toggle_failed("relay:fra");
    /// assert_eq!(sc.failed, ["relay:fra"]);
    /// sc.toggle_failed("relay:fra");
    /// assert!(sc.failed.is_empty());
    /// ```
    pub fn toggle_failed(&mut self, id: &str) {
        if let Some(pos) = self.failed.iter().position(|f| f == id) {
            self.failed.remove(pos);
        } else {
            self.failed.push(id.to_string());
        }
    }

    /// Fail or restore the hub or exchange `id` of topology `index`, pinning the
    /// topology's choice to it first, so that a "best" choice does not move away from
    /// the failure.
    ///
    /// ```
    /// use cloudhop_core::latency::topology::{Choice, Scenario, TopologySpec};
    /// let mut sc = Scenario::new(Vec::new());
    /// sc.topologies = vec![TopologySpec::Hub(Choice::BestMean)];
    /// sc.toggle_failed_via(0, "aws:us-east-1");
    /// assert_eq!(sc.topologies[0].label(), "hub:aws:us-east-1");
    /// assert_eq!(sc.failed, ["aws:us-east-1"]);
    /// ```
    pub fn toggle_failed_via(&mut self, index: usize, id: &str) {
        if let Some(t) = self.topologies.get_mut(index) {
            t.set_choice(Choice::Site(id.to_string()));
        }
        self.toggle_failed(id);
    }

    /// Set the hub or exchange choice of topology `index` from a chooser value (`best`,
    /// `best-worst` or a site id).
    ///
    /// ```
    /// use cloudhop_core::latency::topology::{Choice, Scenario, TopologySpec};
    /// let mut sc = Scenario::new(Vec::new());
    /// sc.set_choice(3, "best-worst"); // the default's exchange:best
    /// assert_eq!(sc.topologies[3], TopologySpec::Exchange(Choice::BestWorst));
    /// ```
    pub fn set_choice(&mut self, index: usize, value: &str) {
        if let Some(t) = self.topologies.get_mut(index) {
            t.set_choice(Choice::from_value(value));
        }
    }

    /// Set the NAT share from a percentage, kept within 0..=100 %.
    ///
    /// ```
    /// use cloudhop_core::latency::topology::Scenario;
    /// let mut sc = Scenario::new(Vec::new());
    /// sc.set_nat_percent(150.0);
    /// assert_eq!(sc.nat_share, 1.0);
    /// ```
    pub fn set_nat_percent(&mut self, percent: f64) {
        self.nat_share = (percent / 100.0).clamp(0.0, 1.0);
    }

    /// Set the tunnel overhead, kept within 0..=[`MAX_SLIDER_TUNNEL_MS`].
    ///
    /// ```
    /// use cloudhop_core::latency::topology::Scenario;
    /// let mut sc = Scenario::new(Vec::new());
    /// sc.set_tunnel_overhead(-3.0);
    /// assert_eq!(sc.tunnel_overhead_ms, 0.0);
    /// ```
    pub fn set_tunnel_overhead(&mut self, ms: f64) {
        self.tunnel_overhead_ms = ms.clamp(0.0, MAX_SLIDER_TUNNEL_MS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::latency::topology::TopologySpec;

    #[test]
    fn offices_get_the_first_free_number_and_stay_unique() {
        let mut sc = Scenario::new(vec![SiteSpec::OnPrem {
            name: "Office 2".into(),
            lat: 0.0,
            lon: 0.0,
        }]);
        sc.add_office_at(1.04, 2.06);
        sc.add_office_at(3.0, 4.0);
        let names: Vec<String> = sc
            .sites
            .iter()
            .map(|s| match s {
                SiteSpec::OnPrem { name, .. } => name.clone(),
                SiteSpec::Id(id) => id.clone(),
            })
            .collect();
        assert_eq!(names, ["Office 2", "Office 1", "Office 3"]);
        assert_eq!(
            sc.sites[1],
            SiteSpec::OnPrem {
                name: "Office 1".into(),
                lat: 1.0,
                lon: 2.1
            }
        );
        assert!(sc.network().is_ok());
    }

    #[test]
    fn edits_keep_the_scenario_valid() {
        let mut sc = Scenario::new(Vec::new());
        sc.add_regions_of(Provider::Gcp);
        let n = sc.sites.len();
        sc.add_regions_of(Provider::Gcp);
        assert_eq!(sc.sites.len(), n);
        sc.remove_site(n + 5);
        sc.remove_site(0);
        assert_eq!(sc.sites.len(), n - 1);
        sc.toggle_failed("relay:fra");
        sc.clear_sites();
        assert!(sc.sites.is_empty() && sc.failed.is_empty());
        sc.set_nat_percent(f64::NAN.max(35.0));
        assert!((sc.nat_share - 0.35).abs() < 1e-12);
        sc.set_tunnel_overhead(99.0);
        assert_eq!(sc.tunnel_overhead_ms, MAX_SLIDER_TUNNEL_MS);
        assert!(sc.params().validate().is_ok());
        sc.set_choice(1, "best-worst");
        assert_eq!(sc.topologies[1], TopologySpec::Hub(Choice::BestWorst));
        sc.set_choice(0, "aws:us-east-1");
        assert_eq!(sc.topologies[0], TopologySpec::Mesh);
        sc.set_choice(99, "best");
    }
}
