//! Figures a lesson states are the figures its lab's engine computes (issue 11, point 9):
//! each test reads the settings from the lesson's own text, runs the engine on them and
//! checks that the lesson says what the engine says, so neither can drift from the other.

use cloudhop_core::failover::dns::{dns_failover, DnsParams};
use cloudhop_core::quiz::ItemKind;

/// The whole number right after `marker` in `text`.
fn number_after(text: &str, marker: &str) -> f64 {
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("`{marker}` is not in: {text}"));
    let digits: String = text[at + marker.len()..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("no number after `{marker}` in: {text}"))
}

#[test]
fn lesson_10_dns_timeline_states_the_failover_engine_detection_time() {
    let course = cloudhop_lessons::shipped().unwrap();
    let lesson = course.lesson("failover").expect("lesson failover");
    let item = lesson
        .quiz
        .iter()
        .find(|q| q.id == "dns-timeline")
        .expect("item dns-timeline");
    let prompt = item.prompt.replace('\n', " ");
    let params = DnsParams {
        check_interval_s: number_after(&prompt, "every "),
        failure_threshold: number_after(&prompt, "threshold of ") as u32,
        ttl_s: number_after(&prompt, "TTL of "),
        ..DnsParams::default()
    };
    let r = dns_failover(&params).unwrap();
    let d = r.detection_s;
    let ItemKind::SingleChoice { options } = &item.kind else {
        panic!("dns-timeline is a single-choice item");
    };
    let right = options.iter().find(|o| o.correct).unwrap();
    let range = format!("{:.0} to {:.0} s to detect", d.best, d.worst);
    assert!(
        right.text.contains(&range),
        "the marked answer must say `{range}` (the engine's detection for these settings): {}",
        right.text
    );
    assert!(
        right
            .text
            .contains(&format!("{:.0} s of cached answers", params.ttl_s)),
        "{}",
        right.text
    );
    let explanation = item.explanation.replace('\n', " ");
    let explanation = explanation.split_whitespace().collect::<Vec<_>>().join(" ");
    let typical = format!("{:.0} s typically", d.typical);
    assert!(
        explanation.contains(&range.replace(" to detect", "")) && explanation.contains(&typical),
        "the explanation must give the engine's range and its typical {typical}, which the lab shows: {explanation}"
    );
    // "Up to about 6 to 7 minutes": the worst case, detection plus a full TTL.
    let worst_min = (d.worst + params.ttl_s) / 60.0;
    assert!((6.0..=7.0).contains(&worst_min), "{worst_min} min");
}
