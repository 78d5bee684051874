//! Hash routes. Everything lives after `#` so the site works as plain static files from any
//! folder, with no server rewrites.
//!
//! | hash | page |
//! |---|---|
//! | `#/` | course map |
//! | `#/lesson/<id>` | a lesson |
//! | `#/lab/<lab>?s=<state>` | a lab, with an optional shared scenario |
//! | `#/embed/<lab>?s=<state>` | a lab alone, for iframes in other docs sites |
//! | `#/glossary` (`#/glossary/<term>`) | the glossary |
//! | `#/progress` | progress, course completion, export and import |

use cloudhop_core::share;

/// The labs, by URL name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lab {
    /// Address planning.
    Planner,
    /// BGP.
    Bgp,
    /// Latency and topologies.
    Latency,
    /// Failover timelines.
    Failover,
}

impl Lab {
    /// All labs in menu order.
    pub const ALL: [Lab; 4] = [Lab::Planner, Lab::Bgp, Lab::Latency, Lab::Failover];

    /// The URL name.
    pub fn slug(self) -> &'static str {
        match self {
            Lab::Planner => "planner",
            Lab::Bgp => "bgp",
            Lab::Latency => "latency",
            Lab::Failover => "failover",
        }
    }

    /// The menu title.
    pub fn title(self) -> &'static str {
        match self {
            Lab::Planner => "Address planner",
            Lab::Bgp => "BGP lab",
            Lab::Latency => "Latency lab",
            Lab::Failover => "Failover lab",
        }
    }

    fn from_slug(s: &str) -> Option<Lab> {
        Lab::ALL.into_iter().find(|l| l.slug() == s)
    }
}

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The course map.
    Home,
    /// One lesson.
    Lesson(String),
    /// A lab page with optional shared state.
    Lab(Lab, Option<String>),
    /// A lab alone, for embedding.
    Embed(Lab, Option<String>),
    /// The glossary, optionally at one term.
    Glossary(Option<String>),
    /// Progress, completion, export and import.
    Progress,
    /// Anything else.
    NotFound(String),
}

impl Route {
    /// Parse a location hash (with or without the leading `#`).
    ///
    /// ```
    /// use cloudhop_app::route::{Lab, Route};
    /// assert_eq!(Route::parse("#/lesson/intro"), Route::Lesson("intro".into()));
    /// assert_eq!(Route::parse("#/lab/bgp?s=abc"), Route::Lab(Lab::Bgp, Some("abc".into())));
    /// assert_eq!(Route::parse(""), Route::Home);
    /// ```
    pub fn parse(hash: &str) -> Route {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = match h.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (h, None),
        };
        let state = query.and_then(|q| {
            q.split('&')
                .find_map(|kv| kv.strip_prefix("s="))
                .map(str::to_string)
        });
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["lesson", id] => Route::Lesson(share::decode(id)),
            ["lab", lab] => match Lab::from_slug(lab) {
                Some(l) => Route::Lab(l, state),
                None => Route::NotFound(hash.to_string()),
            },
            ["embed", lab] => match Lab::from_slug(lab) {
                Some(l) => Route::Embed(l, state),
                None => Route::NotFound(hash.to_string()),
            },
            ["glossary"] => Route::Glossary(None),
            ["glossary", term] => Route::Glossary(Some(share::decode(term))),
            ["progress"] => Route::Progress,
            _ => Route::NotFound(hash.to_string()),
        }
    }

    /// The hash for this route, starting with `#`.
    ///
    /// ```
    /// use cloudhop_app::route::{Lab, Route};
    /// let r = Route::Lab(Lab::Planner, Some("x".into()));
    /// assert_eq!(r.href(), "#/lab/planner?s=x");
    /// assert_eq!(Route::parse(&r.href()), r);
    /// ```
    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Lesson(id) => format!("#/lesson/{}", share::encode(id)),
            Route::Lab(l, s) => with_state(format!("#/lab/{}", l.slug()), s),
            Route::Embed(l, s) => with_state(format!("#/embed/{}", l.slug()), s),
            Route::Glossary(None) => "#/glossary".into(),
            Route::Glossary(Some(t)) => format!("#/glossary/{}", share::encode(t)),
            Route::Progress => "#/progress".into(),
            Route::NotFound(h) => h.clone(),
        }
    }
}

fn with_state(base: String, state: &Option<String>) -> String {
    match state {
        Some(s) => format!("{base}?s={s}"),
        None => base,
    }
}
