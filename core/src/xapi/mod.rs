//! xAPI (Experience API 1.0.3) statements for a learning record store.
//!
//! An LMS launches cloudhop with the Tin Can launch parameters ([`LaunchParams`]); each
//! change of the progress record becomes [`LearningEvent`]s ([`events`], a diff of the old
//! and new record by [`crate::progress::Progress::standing`]'s rules) and each event one
//! [`Statement`] with a stable activity id ([`ActivityIds`]) and a name-based id
//! ([`uuid::Uuid::v5`] of registration, learner and event), so a statement sent twice is stored
//! once and two learners sharing a registration (one workshop session) never share an id.
//! Reflection text is never part of a statement.
//!
//! | module | what |
//! |---|---|
//! | [`iri`] | what counts as an IRI (activity ids, account home pages) |
//! | [`launch`] | the launch query, checked |
//! | [`cmi5`] | a cmi5 launch: the fetch token, the LMS's launch data, the AU's own statements |
//! | [`statement`] | Statement, Agent, Verb, Activity, Result, Context as xAPI JSON |
//! | [`delivery`] | what an LRS's answer means for a statement, and the waits between tries |
//! | [`events`] | events from a progress change, and their statements |
//! | [`uuid`] | version-5 UUIDs |
//! | [`query`] | reading a registration's statements back from an LRS, page by page |
//! | [`class`] | statements read back from an LRS as the receipts a class report takes |

pub mod class;
pub mod cmi5;
pub mod delivery;
pub mod events;
pub mod iri;
pub mod launch;
pub mod query;
pub mod statement;
pub mod uuid;

pub use events::{
    events, response, statement, statements_for_change, ActivityIds, LearningEvent, LessonOutline,
    VerbId,
};
pub use launch::{LaunchError, LaunchParams};
pub use statement::{Agent, Statement};
