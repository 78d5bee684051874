//! Resolvers' caches and the lab's clock: an answer obtained by forwarding or recursion is
//! kept for its TTL (the smallest TTL among its records, or the zone's negative TTL for
//! NXDOMAIN and no data), raised to a server's `min_cache_ttl`. Moving the clock on
//! expires entries, so a learner sees a stale answer after a change, then the new one.
//!
//! ```
//! use cloudhop_core::dns::cache::Cache;
//! use cloudhop_core::dns::trace::{Answer, ServerRef};
//! let mut c = Cache::new();
//! let who = ServerRef::Provider { network: "vpc".into() };
//! let name = "a.example.com".parse().unwrap();
//! c.store(&who, &name, cloudhop_core::dns::records::RecordType::A, Answer::NxDomain, 60);
//! assert!(c.get(&who, &name, cloudhop_core::dns::records::RecordType::A).is_some());
//! c.advance(60);
//! assert!(c.get(&who, &name, cloudhop_core::dns::records::RecordType::A).is_none());
//! ```

use super::names::DomainName;
use super::records::RecordType;
use super::trace::{Answer, ServerRef};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One cached answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheEntry {
    /// The server holding it.
    pub server: ServerRef,
    /// The name.
    pub name: DomainName,
    /// The type.
    #[serde(rename = "type")]
    pub rtype: RecordType,
    /// The answer as it was stored (record TTLs as they were then).
    pub answer: Answer,
    /// When it was stored (clock seconds).
    pub stored_at_s: u64,
    /// How long it is kept, seconds.
    pub ttl_s: u32,
}

impl CacheEntry {
    /// Seconds left at clock time `now` (0: expired).
    pub fn remaining(&self, now: u64) -> u32 {
        let end = self.stored_at_s + u64::from(self.ttl_s);
        u32::try_from(end.saturating_sub(now)).unwrap_or(u32::MAX)
    }
}

/// Every resolver's cache, and the clock. Held in memory by the lab page (list what it
/// holds with [`Cache::entries`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cache {
    now_s: u64,
    entries: BTreeMap<(ServerRef, DomainName, RecordType), CacheEntry>,
}

impl Cache {
    /// Empty caches, clock at 0.
    pub fn new() -> Cache {
        Cache::default()
    }

    /// The clock, in seconds.
    pub fn now(&self) -> u64 {
        self.now_s
    }

    /// Move the clock on by `seconds`, dropping what expired.
    pub fn advance(&mut self, seconds: u64) {
        self.now_s = self.now_s.saturating_add(seconds);
        let now = self.now_s;
        self.entries.retain(|_, e| e.remaining(now) > 0);
    }

    /// Forget everything (the clock stays).
    pub fn flush(&mut self) {
        self.entries.clear();
    }

    /// The live entry for a server, name and type.
    pub fn get(
        &self,
        server: &ServerRef,
        name: &DomainName,
        rtype: RecordType,
    ) -> Option<&CacheEntry> {
        self.entries
            .get(&(server.clone(), name.clone(), rtype))
            .filter(|e| e.remaining(self.now_s) > 0)
    }

    /// Keep `answer` for `ttl_s` seconds (nothing for 0).
    pub fn store(
        &mut self,
        server: &ServerRef,
        name: &DomainName,
        rtype: RecordType,
        answer: Answer,
        ttl_s: u32,
    ) {
        if ttl_s == 0 {
            return;
        }
        self.entries.insert(
            (server.clone(), name.clone(), rtype),
            CacheEntry {
                server: server.clone(),
                name: name.clone(),
                rtype,
                answer,
                stored_at_s: self.now_s,
                ttl_s,
            },
        );
    }

    /// Every live entry, by server, name and type.
    pub fn entries(&self) -> impl Iterator<Item = &CacheEntry> {
        let now = self.now_s;
        self.entries.values().filter(move |e| e.remaining(now) > 0)
    }
}
