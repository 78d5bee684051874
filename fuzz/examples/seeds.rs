//! Writes the checked-in seed corpora (`fuzz/corpus/<target>/`) from the shipped course,
//! exercises and workshop: small inputs of each kind, so that fuzzing starts from real
//! text. Run with `scripts/fuzz seeds` (uninstrumented). The corpora are then minimised
//! with libFuzzer's `-merge=1`.

use cloudhop_core::exercise::{encode_state, Lab};
use cloudhop_core::labs::{Bgp, Dns, DnsState, Failover, Latency, Listed, Planner};
use cloudhop_core::progress::Progress;
use cloudhop_core::quiz::Answer;
use cloudhop_core::workshop::receipt::Receipt;
use std::fs;
use std::path::Path;

fn put(target: &str, name: &str, data: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(target);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(name), data).unwrap();
}

/// The text of `file` (under lessons/) up to the `n`th line starting with `split`.
fn head(file: &str, split: &str, n: usize) -> String {
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../lessons")
            .join(file),
    )
    .unwrap();
    let mut out = String::new();
    let mut seen = 0;
    for line in text.lines() {
        if line.starts_with(split) {
            seen += 1;
            if seen > n {
                break;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn main() {
    let course = cloudhop_lessons::shipped().unwrap();

    // lesson: the format's complete example (lessons/README.md) and a shipped lesson's
    // header with its first sections.
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons/README.md"))
            .unwrap();
    let example = readme
        .split("```markdown\n")
        .nth(1)
        .unwrap()
        .split("\n```\n")
        .next()
        .unwrap();
    put("lesson", "readme-example.md", example.as_bytes());
    put(
        "lesson",
        "shipped-04-head.md",
        head("content/04-address-planning.md", "## ", 2).as_bytes(),
    );
    put(
        "lesson",
        "shipped-07-quiz.md",
        {
            let t = fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../lessons/content/07-bgp-multicloud-wan.md"),
            )
            .unwrap();
            let header = t.split("\n---\n").next().unwrap().to_string() + "\n---\n\n";
            let quiz = t.split("## Quiz").nth(1).unwrap();
            let quiz: String = quiz.lines().take(40).collect::<Vec<_>>().join("\n");
            header + "## Quiz" + &quiz + "\n"
        }
        .as_bytes(),
    );

    // glossary: the first terms of the shipped glossary.
    put(
        "glossary",
        "shipped-head.md",
        head("content/glossary.md", "## ", 6).as_bytes(),
    );

    // exercise_spec: one exercise file per lab (its first exercises) and each shipped
    // exercise's JSON, after a line naming the lab.
    for lab in ["planner", "bgp", "latency", "failover"] {
        let file = format!("content/exercises/{lab}.md");
        put(
            "exercise_spec",
            &format!("{lab}-file.md"),
            format!("{lab}\n{}", head(&file, "## Exercise", 2)).as_bytes(),
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for l in &course.lessons {
        for ex in &l.exercises {
            let lab = ex.spec.lab().slug();
            let mut v = serde_json::to_value(&ex.spec).unwrap();
            v.as_object_mut().unwrap().remove("lab");
            let json = serde_json::to_string(&v).unwrap();
            if json.len() < 1500 && seen.insert(json.clone()) {
                put(
                    "exercise_spec",
                    &format!("{lab}-{}.json", ex.id),
                    format!("{lab}\n{json}").as_bytes(),
                );
            }
        }
    }

    // lab_state: each lab's default state and each exercise's start, as links carry them
    // (first byte: the lab, as `cloudhop_fuzz::lab_state` reads it), and one raw-JSON form.
    fn states<L: Listed>(pick: u8, course: &cloudhop_lessons::Course) {
        let name = L::SLUG;
        let with = |tag: &str, text: String| {
            let mut data = vec![pick];
            data.extend_from_slice(text.as_bytes());
            if data.len() < 4000 {
                put("lab_state", &format!("{name}-{tag}"), &data);
            }
        };
        with("default", encode_state::<L>(&L::default_state()));
        with(
            "default-raw",
            serde_json::to_string(&L::default_state()).unwrap(),
        );
        for l in &course.lessons {
            for ex in &l.exercises {
                if let Some(e) = L::exercise_in(&ex.spec) {
                    with(&ex.id, encode_state::<L>(&L::start(e)));
                }
            }
        }
    }
    states::<Planner>(0, &course);
    states::<Bgp>(1, &course);
    states::<Latency>(2, &course);
    states::<Failover>(3, &course);

    // The DNS lab: each preset (and its solved scenario) as a link, and as scenario JSON
    // behind a query line (`CLIENT NAME [TYPE]`).
    for p in cloudhop_core::dns::presets::all() {
        let solved = p.solved().unwrap();
        for (tag, sc) in [("start", p.scenario.clone()), ("solved", solved)] {
            let mut state = DnsState::preset(p.id);
            state.sc = sc.clone();
            put(
                "dns_link",
                &format!("{}-{tag}", p.id),
                encode_state::<Dns>(&state).as_bytes(),
            );
            put(
                "dns_scenario",
                &format!("{}-{tag}.json", p.id),
                format!(
                    "{} {} A\n{}",
                    p.client,
                    p.name,
                    serde_json::to_string(&sc).unwrap()
                )
                .as_bytes(),
            );
        }
    }
    put(
        "dns_link",
        "default-raw",
        serde_json::to_string(&Dns::default_state())
            .unwrap()
            .as_bytes(),
    );
    for l in &course.lessons {
        for ex in &l.exercises {
            if let Some(e) = Dns::exercise_in(&ex.spec) {
                put(
                    "dns_link",
                    &format!("exercise-{}", ex.id),
                    encode_state::<Dns>(&Dns::start(e)).as_bytes(),
                );
            }
        }
    }

    // share: percent-encoded text.
    put(
        "share",
        "envelope",
        encode_state::<Planner>(&Planner::default_state()).as_bytes(),
    );
    put("share", "escapes", b"%7B%22a%22:%E2%9C%93%zz%4%%20+x");

    // progress: a record of this version with answers, exercises and reflections, and the
    // older versions' shapes.
    let l = &course.lessons[0];
    let mut p = Progress::with_seed(42);
    p.open(&l.id);
    if let Some(item) = l.quiz.first() {
        let _ = p.answer(&l.id, item, &Answer::Choices(vec![0]));
    }
    if let Some(item) = l.quiz.get(1) {
        p.give_up(&l.id, &item.id);
    }
    if let Some(r) = l.reflections.first() {
        let _ = p.reflect(&l.id, &r.id, "My answer");
    }
    p.exercise("address-planning", "eu-regions", true, Some("{}".into()));
    put("progress", "v3.json", p.to_json().as_bytes());
    let v3: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap();
    let mut v2 = v3.clone();
    v2["version"] = 2.into();
    put("progress", "v2.json", v2.to_string().as_bytes());
    let mut v1 = v3.clone();
    v1["version"] = 1.into();
    v1.as_object_mut().unwrap().remove("seed");
    put("progress", "v1.json", v1.to_string().as_bytes());

    // cidr: prefixes, lists, addresses and the planner's sample plan.
    put("cidr", "v4", b"10.0.0.0/16");
    put("cidr", "v6", b"fd00:2::/48");
    put("cidr", "list", b"10.0.0.0/8, 192.168.1.0/24\n172.16.0.0/12");
    put("cidr", "addr", b"192.168.001.10");
    put(
        "cidr",
        "plan.json",
        Planner::default_state().to_json().as_bytes(),
    );

    // bgp_scenario and failover_scenario: the labs' scenarios as JSON.
    put(
        "bgp_scenario",
        "default.json",
        serde_json::to_string(&Bgp::default_state().sc)
            .unwrap()
            .as_bytes(),
    );
    for (id, _) in cloudhop_core::failover::scenario::Scenario::PRESETS {
        let sc = cloudhop_core::failover::scenario::Scenario::preset(id).unwrap();
        put(
            "failover_scenario",
            &format!("{id}.json"),
            serde_json::to_string(&sc).unwrap().as_bytes(),
        );
    }

    // workshop_file, workshop_link, receipt: the example workshop, its link and file, and
    // a receipt for it as code and file.
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../lessons/workshops/example.workshop.md"),
    )
    .unwrap();
    put("workshop_file", "example.workshop.md", text.as_bytes());
    let (parsed, resolved) =
        cloudhop_lessons::workshop::load("example.workshop.md", &text, &course).unwrap();
    let link = cloudhop_core::workshop::link::encode_link(&parsed.workshop);
    put("workshop_link", "example-link", link.as_bytes());
    put(
        "workshop_link",
        "example-file.json",
        cloudhop_core::workshop::link::to_file(&parsed.workshop).as_bytes(),
    );
    let outline = resolved.outline();
    let mut wp = Progress::with_seed(1);
    for ol in &outline.lessons {
        if let Some(item) = ol.items.first() {
            let _ = wp.answer(&ol.id, item, &Answer::Choices(vec![0]));
        }
        if let Some(r) = ol.reflections.first() {
            let _ = wp.reflect(&ol.id, &r.id, "text");
        }
    }
    let r = Receipt::from_progress(&outline, &wp, "Ada Lovelace", 1_700_000_000_000, true).unwrap();
    put("receipt", "code", r.to_code().as_bytes());
    put("receipt", "file.json", r.to_file().as_bytes());

    // scorm_suspend: suspend_data as the app writes it: a fresh record, a lesson's answers
    // of every kind with an exercise and a reflection, and the raw (uncompressed) form.
    use cloudhop_core::scorm::suspend::pack;
    let shape = course.scorm_shape();
    put(
        "scorm_suspend",
        "fresh",
        pack(&Progress::with_seed(7), &shape, 4096)
            .unwrap()
            .text
            .as_bytes(),
    );
    let mut sp = Progress::with_seed(11);
    for lesson in course.lessons.iter().take(3) {
        sp.open(&lesson.id);
        for item in &lesson.quiz {
            for answer in [
                Answer::Choices(vec![0, 1]),
                Answer::Choices(vec![1]),
                Answer::Bool(true),
                Answer::Text("10.0.0.0/16".into()),
                Answer::Text("4094".into()),
            ] {
                let _ = sp.answer(&lesson.id, item, &answer);
            }
        }
        for ex in &lesson.exercises {
            sp.exercise(&lesson.id, &ex.id, true, None);
        }
        if let Some(r) = lesson.reflections.first() {
            let _ = sp.reflect(&lesson.id, &r.id, "Keep DNS in one place.");
        }
    }
    sp.give_up(&course.lessons[0].id, &course.lessons[0].quiz[0].id);
    let packed = pack(&sp, &shape, 4096).unwrap().text;
    put("scorm_suspend", "three-lessons", packed.as_bytes());
    put(
        "scorm_suspend",
        "not-ours",
        b"viewed=1,2,3|lastviewedslide=3",
    );
    let _ = Latency::default_state();
    let _ = Failover::default_state();
}
