//! The limits on links (`cloudhop_core::limits`) leave room: every shipped exercise's start
//! and every lab's own start is within them, as a link a tenth of the longest allowed.

use cloudhop_core::exercise::{decode_state, encode_state, Lab};
use cloudhop_core::labs::{Bgp, Dns, ExerciseSpec, Failover, Latency, Planner};
use cloudhop_core::limits::MAX_LINK_CHARS;

/// The link text of `state`, checked to read back through the limits.
fn link_of<L: Lab>(state: &L::State) -> String {
    let text = encode_state::<L>(state);
    assert_eq!(decode_state::<L>(&text).as_ref(), Ok(state), "{}", L::SLUG);
    text
}

fn start_link(spec: &ExerciseSpec) -> String {
    match spec {
        ExerciseSpec::Planner(e) => link_of::<Planner>(&Planner::start(e)),
        ExerciseSpec::Bgp(e) => link_of::<Bgp>(&Bgp::start(e)),
        ExerciseSpec::Latency(e) => link_of::<Latency>(&Latency::start(e)),
        ExerciseSpec::Failover(e) => link_of::<Failover>(&Failover::start(e)),
        ExerciseSpec::Dns(e) => link_of::<Dns>(&Dns::start(e)),
    }
}

#[test]
fn every_shipped_start_is_well_within_the_limits() {
    let course = cloudhop_lessons::shipped().unwrap();
    let mut longest = (0, String::new());
    for lesson in &course.lessons {
        for ex in &lesson.exercises {
            assert_eq!(ex.spec.within_limits(), Ok(()), "{}", ex.id);
            let n = start_link(&ex.spec).len();
            if n > longest.0 {
                longest = (n, ex.id.clone());
            }
        }
    }
    for n in [
        link_of::<Planner>(&Planner::default_state()).len(),
        link_of::<Bgp>(&Bgp::default_state()).len(),
        link_of::<Latency>(&Latency::default_state()).len(),
        link_of::<Failover>(&Failover::default_state()).len(),
    ] {
        longest.0 = longest.0.max(n);
    }
    assert!(
        longest.0 * 10 < MAX_LINK_CHARS,
        "the longest start ({}) is {} characters",
        longest.1,
        longest.0
    );
}
