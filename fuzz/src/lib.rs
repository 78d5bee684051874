//! What each fuzz target runs, one function per target: the parser that reads text from a
//! URL, a file or storage, then what the app or the CLI does next with what it read. A
//! function returns normally on any input; a panic, a hang or a huge allocation is a bug
//! in `core` or `lessons`, fixed there with a regression test.

use cloudhop_core::exercise::{decode_state, encode_state, open_link, restore};
use cloudhop_core::labs::{Bgp, Dns, ExerciseSpec, Failover, Latency, Listed, Planner};
use cloudhop_lessons::Course;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The most memory an input may hold at once, in one allocation or in all together.
pub const MEMORY_LIMIT: usize = 100 << 20;

/// The system allocator, aborting (a crash libFuzzer records with its input) when one
/// allocation or all live ones together pass [`MEMORY_LIMIT`]. libFuzzer's own
/// `-malloc_limit_mb` needs a sanitizer's allocator hooks, which stable Rust does not have;
/// its `-rss_limit_mb` still applies.
pub struct LimitedAlloc;

static LIVE: AtomicUsize = AtomicUsize::new(0);

fn over_limit() -> ! {
    use std::io::Write;
    let _ = std::io::stderr().write_all(b"==fuzz: an allocation passed the 100 MB limit\n");
    std::process::abort()
}

unsafe impl GlobalAlloc for LimitedAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size() > MEMORY_LIMIT {
            over_limit()
        }
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size() > MEMORY_LIMIT {
            over_limit()
        }
        System.alloc_zeroed(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size()
            && LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                - layout.size()
                > MEMORY_LIMIT
        {
            over_limit()
        }
        if new_size < layout.size() {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static ALLOC: LimitedAlloc = LimitedAlloc;

/// The shipped course, parsed once per process.
pub fn course() -> &'static Course {
    static COURSE: OnceLock<Course> = OnceLock::new();
    COURSE.get_or_init(|| cloudhop_lessons::shipped().expect("the shipped course parses"))
}

/// The bytes as text, or `None` (every parser here takes `&str`).
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// A lesson file: parse it, then load it as a course (cross-file checks, exercise specs).
pub fn lesson(text: &str) {
    if let Ok(lesson) = cloudhop_lessons::parse::lesson("01-fuzz.md", text) {
        let _ = lesson.item_ids();
        let _ = cloudhop_lessons::load_sources(&[("01-fuzz.md", text)]);
    }
}

/// The glossary file.
pub fn glossary(text: &str) {
    if let Ok(terms) = cloudhop_lessons::parse::glossary("glossary.md", text) {
        for t in &terms {
            let _ = t.matches("bgp");
        }
    }
}

/// The first line names the lab, the rest is an exercise file for it (`exercises/<lab>.md`)
/// or, when it starts with `{`, one exercise's JSON (`ExerciseSpec::from_lab_json`), then
/// validated, its goal written and its start state checked as the lab would.
pub fn exercise_spec(text: &str) {
    let (lab, rest) = text.split_once('\n').unwrap_or(("planner", text));
    if rest.trim_start().starts_with('{') {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(rest) else {
            return;
        };
        if let Ok(spec) = ExerciseSpec::from_lab_json(lab, value) {
            if spec.validate().is_ok() {
                let _ = spec.goal_text();
                start_and_check(&spec);
            }
        }
    } else if let Ok(list) = cloudhop_lessons::parse::exercises("exercises/fuzz.md", lab, text) {
        for ex in &list {
            if ex.spec.validate().is_ok() {
                start_and_check(&ex.spec);
            }
        }
    }
}

fn start_and_check(spec: &ExerciseSpec) {
    fn one<L: Listed>(spec: &ExerciseSpec) {
        if let Some(ex) = L::exercise_in(spec) {
            let state = L::start(ex);
            let _ = L::check(ex, &state);
            let _ = decode_state::<L>(&encode_state::<L>(&state));
        }
    }
    one::<Planner>(spec);
    one::<Bgp>(spec);
    one::<Latency>(spec);
    one::<Failover>(spec);
    one::<Dns>(spec);
}

/// A stored or imported progress record: read (migrating older versions), merged with
/// another, written back.
pub fn progress(text: &str) {
    use cloudhop_core::progress::{load, Progress};
    let loaded = load(Some(text));
    let mut p = loaded.progress;
    let _ = p.to_json();
    let mut fresh = Progress::with_seed(7);
    fresh.merge(&p);
    p.merge(&fresh);
    for lesson in &course().lessons {
        let _ = lesson.standing(&p);
        let _ = lesson.to_revisit(&p);
    }
    let _ = course().place_exercises(&mut p);
    let _ = cloudhop_core::shared_record::Stored::read(Some(text));
}

/// A shared scenario (`#/lab/<lab>?s=...`), or saved lab work in the progress record: the
/// first byte picks the lab; the rest is read as a link and as saved work for each of the
/// lab's shipped exercises, then checked against that exercise.
pub fn lab_state(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Some(text) = crate::text(rest) else {
        return;
    };
    fn one<L: Listed>(text: &str) {
        let link = open_link::<L>(Some(text));
        if link.problem.is_none() {
            let _ = encode_state::<L>(&link.state);
        }
        for lesson in &course().lessons {
            for ex in &lesson.exercises {
                if let Some(e) = L::exercise_in(&ex.spec) {
                    let r = restore::<L>(e, Some(text));
                    if r.problem.is_none() {
                        let _ = L::check(e, &r.state);
                    }
                }
            }
        }
    }
    match pick % 4 {
        0 => one::<Planner>(text),
        1 => one::<Bgp>(text),
        2 => one::<Latency>(text),
        _ => one::<Failover>(text),
    }
}

/// The share text itself (percent-encoding), both ways.
pub fn share(text: &str) {
    let decoded = cloudhop_core::share::decode(text);
    let again = cloudhop_core::share::encode(&decoded);
    assert_eq!(
        cloudhop_core::share::decode(&again),
        decoded,
        "share round trip"
    );
}

/// CIDR text (a prefix, a list of prefixes, an address) and a plan's JSON, checked as the
/// planner and `cloudhop cidr check` do.
pub fn cidr(text: &str) {
    use cloudhop_core::cidr::plan::{check_plan, Plan};
    use cloudhop_core::cidr::prefix::{facts, parse_addr, parse_prefix, parse_prefix_list};
    if let Ok(net) = parse_prefix(text) {
        let f = facts(&net);
        let _ = f.bit_view();
    }
    let _ = parse_prefix_list(text);
    let _ = parse_addr(text);
    let _ = cloudhop_core::cidr::plan::blocks_from_text(text);
    if let Ok(plan) = Plan::from_json(text) {
        let _ = check_plan(&plan);
        let _ = plan.to_json();
    }
}

/// A BGP scenario's JSON (`cloudhop bgp propagate`, the lab's scenario): read and computed.
pub fn bgp_scenario(text: &str) {
    use cloudhop_core::bgp::scenario::Scenario;
    if let Ok(sc) = serde_json::from_str::<Scenario>(text) {
        let _ = sc.compute();
    }
}

/// A failover scenario's JSON (`cloudhop failover ...`, the lab's parameters): read, run
/// and summarised.
pub fn failover_scenario(text: &str) {
    use cloudhop_core::failover::scenario::Scenario;
    if let Ok(sc) = serde_json::from_str::<Scenario>(text) {
        let _ = sc.evaluate();
    }
}

/// A workshop file: parsed, checked against the shipped course and resolved.
pub fn workshop_file(text: &str) {
    if let Ok(parsed) = cloudhop_lessons::workshop::parse("w.workshop.md", text) {
        let _ = parsed.check(course());
        if let Ok(resolved) = cloudhop_lessons::workshop::resolve(&parsed.workshop, course()) {
            let _ = resolved.total_minutes();
            let _ = resolved.outline();
            let _ = cloudhop_core::workshop::link::encode_link(&parsed.workshop);
        }
    }
}

/// A hand-in receipt (a `CH1-...` code or a receipt file), read and turned into the
/// progress it reports.
pub fn receipt(text: &str) {
    use cloudhop_core::workshop::receipt::Receipt;
    if let Ok(r) = Receipt::read(text) {
        let _ = r.to_progress();
        let _ = r.to_code();
        let _ = r.file_name();
    }
}

/// A workshop link (`#/workshop?w=1....`) or a learner's workshop file.
pub fn workshop_link(text: &str) {
    use cloudhop_core::workshop::link::{decode_link, encode_link, from_file, to_file};
    if let Ok(w) = decode_link(text) {
        let _ = to_file(&w);
        let _ = decode_link(&encode_link(&w));
    }
    if let Ok(w) = from_file(text) {
        let _ = encode_link(&w);
    }
}

/// The longest client id or name a DNS target takes from its input (a `DomainName` is at
/// most 253 characters; a little more lets the parser's own refusal be reached).
pub const DNS_QUERY_CHARS: usize = 300;

/// `text` cut to at most `max` bytes, at a character boundary.
fn bounded(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Trace `state`'s query as the lab page does (`DnsState::traced`: resolve, diagnose, one
/// sentence per step), then again from the filled cache after its clock moved on, so that
/// cached and expired answers are walked too.
fn dns_trace(state: &cloudhop_core::labs::DnsState) {
    use cloudhop_core::dns::cache::Cache;
    let mut cache = Cache::new();
    if state.traced(&mut cache).is_ok() {
        cache.advance(30);
        let _ = state.traced(&mut cache);
        cache.advance(86_400);
        let _ = state.traced(&mut cache);
    }
}

/// A shared DNS lab link (`#/lab/dns?s=...`) or saved DNS lab work: decoded with the
/// lab's limits check (`open_link`, `restore` through `decode_state`), then its query
/// traced as the page does, and checked against each shipped DNS exercise. The client and
/// name traced are the link's own (bounded by the link's size limit).
pub fn dns_link(text: &str) {
    use cloudhop_core::exercise::Lab;
    let link = open_link::<Dns>(Some(text));
    if link.problem.is_none() {
        assert!(
            Dns::within_limits(&link.state).is_ok(),
            "a link over the limits opened"
        );
        dns_trace(&link.state);
        let _ = decode_state::<Dns>(&encode_state::<Dns>(&link.state));
    }
    for lesson in &course().lessons {
        for ex in &lesson.exercises {
            if let Some(e) = Dns::exercise_in(&ex.spec) {
                let r = restore::<Dns>(e, Some(text));
                if r.problem.is_none() {
                    let _ = Dns::check(e, &r.state);
                }
            }
        }
    }
}

/// A DNS scenario's JSON (`cloudhop dns resolve SCENARIO`, the lab's JSON import). The
/// first line is the query, `CLIENT NAME [TYPE]` (each cut to [`DNS_QUERY_CHARS`]); the
/// rest is the scenario, read and validated (`Scenario::from_json`), checked against the
/// lab's limits, then the query traced from that client and from the scenario's first
/// client.
pub fn dns_scenario(text: &str) {
    use cloudhop_core::dns::records::RecordType;
    use cloudhop_core::dns::scenario::Scenario;
    use cloudhop_core::exercise::Lab;
    use cloudhop_core::labs::DnsState;
    let (query, json) = text.split_once('\n').unwrap_or(("", text));
    let mut words = query.split_whitespace();
    let client = bounded(words.next().unwrap_or(""), DNS_QUERY_CHARS);
    let name = bounded(words.next().unwrap_or(""), DNS_QUERY_CHARS);
    let rtype = words
        .next()
        .and_then(|t| RecordType::parse(bounded(t, 8)).ok())
        .unwrap_or(RecordType::A);
    let Ok(sc) = Scenario::from_json(json) else {
        return;
    };
    let mut state = DnsState::of(sc, name.to_string());
    state.rtype = rtype;
    if Dns::within_limits(&state).is_err() {
        return;
    }
    dns_trace(&state);
    if !client.is_empty() {
        state.client = client.to_string();
        dns_trace(&state);
    }
    let _ = Scenario::from_json(&state.sc.to_json());
}

/// `suspend_data` an LMS hands back at a launch (`core::scorm::suspend::unpack`): untrusted,
/// since anything with the LMS's database can write it. Read against the shipped course,
/// joined with a local record, reported as the LMS's values, and packed again: what was
/// read must pack within SCORM 1.2's limit and read back.
pub fn scorm_suspend(text: &str) {
    use cloudhop_core::scorm::suspend::{pack, resume, unpack};
    use cloudhop_core::scorm::Version;
    let shape = course().scorm_shape();
    let Ok(unpacked) = unpack(text, &shape) else {
        return;
    };
    let p = resume(
        &cloudhop_core::progress::Progress::with_seed(3),
        Some(unpacked.progress),
    );
    let result = course().scorm_result(&p);
    let _ = result.values(Version::Scorm12);
    let _ = result.values(Version::Scorm2004);
    let packed = pack(&p, &shape, 4096).expect("a record read from suspend_data packs again");
    assert!(packed.text.len() <= 4096);
    unpack(&packed.text, &shape).expect("packed text reads back");
}
