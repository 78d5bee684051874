//! The loader refuses bad content with messages naming the file, the line and the problem.

use cloudhop_lessons::load_sources;

const HEAD: &str = "---\nid: a\ntitle: A\nsummary: S\nminutes: 5\n---\n## Intro\nHello.\n";

fn lesson(id: &str, prereq: &str, body: &str) -> String {
    format!("---\nid: {id}\ntitle: T {id}\nsummary: S\nminutes: 5\nprerequisites: {prereq}\n---\n## Intro\nText [[BGP]].\n{body}")
}

const GLOSSARY: &str =
    "## BGP\nAlso: Border Gateway Protocol\nThe routing protocol of the internet.\n";

/// Load and return the error messages as `file:line: message` strings.
fn errors(files: &[(&str, &str)]) -> Vec<String> {
    match load_sources(files) {
        Ok(_) => vec![],
        Err(e) => e.iter().map(|e| e.to_string()).collect(),
    }
}

fn assert_error(files: &[(&str, &str)], expected: &str) {
    let errs = errors(files);
    assert!(
        errs.iter().any(|e| e == expected),
        "expected {expected:?}\n got {errs:#?}"
    );
}

#[test]
fn a_valid_course_loads() {
    let a = lesson("a", "", "## Quiz\n### single: q1\nPick one.\n- [x] Yes\n- [ ] No\n  > Not this.\nExplanation: Because.\n");
    let b = lesson("b", "a", "");
    let course = load_sources(&[("a.md", &a), ("b.md", &b), ("glossary.md", GLOSSARY)]).unwrap();
    assert_eq!(course.lessons.len(), 2);
    assert_eq!(course.lessons[1].prerequisites, vec!["a".to_string()]);
    assert_eq!(course.lessons[0].quiz[0].id, "q1");
    assert!(course.term("border gateway protocol").is_some());
}

#[test]
fn duplicate_lesson_ids() {
    let a = lesson("a", "", "");
    assert_error(
        &[("x.md", &a), ("y.md", &a), ("glossary.md", GLOSSARY)],
        "y.md:2: lesson id `a` is already used by x.md",
    );
}

#[test]
fn duplicate_quiz_item_ids() {
    let a = lesson("a", "", "## Quiz\n### truefalse: q\nClaim.\nAnswer: true\nExplanation: E.\n### truefalse: q\nClaim two.\nAnswer: false\nExplanation: E.\n");
    assert_error(
        &[("a.md", &a), ("glossary.md", GLOSSARY)],
        "a.md:15: duplicate quiz item id `q`",
    );
}

#[test]
fn unknown_prerequisite() {
    let a = lesson("a", "ghost", "");
    assert_error(
        &[("a.md", &a), ("glossary.md", GLOSSARY)],
        "a.md:6: prerequisite `ghost` of lesson `a` does not exist",
    );
}

#[test]
fn cyclic_prerequisites() {
    let a = lesson("a", "c", "");
    let b = lesson("b", "a", "");
    let c = lesson("c", "b", "");
    assert_error(
        &[
            ("a.md", &a),
            ("b.md", &b),
            ("c.md", &c),
            ("glossary.md", GLOSSARY),
        ],
        "a.md:6: prerequisites form a cycle: a -> c -> b -> a",
    );
}

#[test]
fn choice_item_without_a_correct_option() {
    let a = lesson(
        "a",
        "",
        "## Quiz\n### multiple: m\nPick.\n- [ ] One\n- [ ] Two\nExplanation: E.\n",
    );
    assert_error(
        &[("a.md", &a), ("glossary.md", GLOSSARY)],
        "a.md:11: quiz item `m`: a choice item needs a correct option (`- [x]`), this one has none",
    );
}

#[test]
fn single_choice_with_two_correct_options() {
    let a = lesson(
        "a",
        "",
        "## Quiz\n### single: s\nPick.\n- [x] One\n- [x] Two\nExplanation: E.\n",
    );
    assert_error(
        &[("a.md", &a), ("glossary.md", GLOSSARY)],
        "a.md:11: quiz item `s`: a single-choice item needs exactly one correct option, this one has 2",
    );
}

#[test]
fn empty_text() {
    let a = lesson(
        "a",
        "",
        "## Quiz\n### single: s\n- [x] One\n- [ ]\nExplanation:\n",
    );
    let errs = errors(&[("a.md", &a), ("glossary.md", GLOSSARY)]);
    for expected in [
        "a.md:11: quiz item `s`: the question text is empty",
        "a.md:13: quiz item `s`: an option has no text",
        "a.md:14: quiz item `s`: `Explanation:` is empty",
    ] {
        assert!(errs.iter().any(|e| e == expected), "{expected}\n{errs:#?}");
    }
    let no_title = HEAD.replace("title: A", "title:");
    assert_error(
        &[("a.md", &no_title), ("glossary.md", GLOSSARY)],
        "a.md:3: `title` is empty",
    );
    let empty_section = format!("{HEAD}## Empty\n\n## Next\nText.\n");
    assert_error(
        &[("a.md", &empty_section), ("glossary.md", GLOSSARY)],
        "a.md:9: section `Empty` is empty",
    );
}

#[test]
fn unknown_item_type() {
    let a = lesson("a", "", "## Quiz\n### essay: e\nWrite.\nExplanation: E.\n");
    assert_error(
        &[("a.md", &a), ("glossary.md", GLOSSARY)],
        "a.md:11: quiz item `e`: unknown item type `essay` (known: single, multiple, truefalse, short)",
    );
}

#[test]
fn short_answers_need_accepted_answers_and_known_normalisers() {
    let a = lesson(
        "a",
        "",
        "## Quiz\n### short: s\nWhich?\nNormalize: ipv9\nExplanation: E.\n",
    );
    let errs = errors(&[("a.md", &a), ("glossary.md", GLOSSARY)]);
    assert!(
        errs.contains(
            &"a.md:11: quiz item `s`: a short-answer item needs `Accept:` with at least one answer"
                .to_string()
        ),
        "{errs:#?}"
    );
    assert!(errs.contains(&"a.md:13: quiz item `s`: unknown `Normalize:` value `ipv9` (known: text, cidr, number, exact)".to_string()), "{errs:#?}");
}

#[test]
fn truefalse_needs_an_answer() {
    let a = lesson(
        "a",
        "",
        "## Quiz\n### truefalse: t\nClaim.\nAnswer: maybe\nExplanation: E.\n",
    );
    assert_error(
        &[("a.md", &a), ("glossary.md", GLOSSARY)],
        "a.md:13: quiz item `t`: `Answer:` must be `true` or `false`, not `maybe`",
    );
}

#[test]
fn header_problems() {
    assert_error(
        &[("a.md", "## Intro\nx\n")],
        "a.md:1: a lesson must start with a `---` header block",
    );
    let bad = HEAD
        .replace("minutes: 5", "minutes: lots")
        .replace("summary: S", "summary: S\ncolour: blue");
    let errs = errors(&[("a.md", &bad), ("glossary.md", GLOSSARY)]);
    assert!(errs.contains(&"a.md:5: unknown header key `colour` (known: id, title, summary, minutes, prerequisites, related, pass_mark)".to_string()), "{errs:#?}");
    assert!(
        errs.contains(
            &"a.md:6: `minutes` must be a whole number from 1 to 240, not `lots`".to_string()
        ),
        "{errs:#?}"
    );
    assert_error(
        &[("a.md", "---\nid: a\n")],
        "a.md:1: the header block opened with `---` is never closed",
    );
}

#[test]
fn glossary_links_must_resolve_and_links_must_be_safe() {
    let a =
        format!("{HEAD}See [[OSPF]] and [click](javascript:alert(1)) and [next](#/lesson/zzz).\n");
    let errs = errors(&[("a.md", &a), ("glossary.md", GLOSSARY)]);
    assert!(
        errs.contains(
            &"a.md:9: glossary link `[[OSPF]]` names no term in the glossary".to_string()
        ),
        "{errs:#?}"
    );
    assert!(
        errs.iter()
            .any(|e| e.starts_with("a.md:9: link target `javascript:alert(1`")),
        "{errs:#?}"
    );
    assert!(
        errs.contains(&"a.md:9: link to lesson `zzz`, which does not exist".to_string()),
        "{errs:#?}"
    );
}

#[test]
fn glossary_links_inside_bold_are_checked_too() {
    let a = format!("{HEAD}Some text.\n\n- **A [[IS-IS|link state]] protocol.** More.\n");
    let errs = errors(&[("a.md", &a), ("glossary.md", GLOSSARY)]);
    assert!(
        errs.contains(
            &"a.md:11: glossary link `[[IS-IS]]` names no term in the glossary".to_string()
        ),
        "{errs:#?}"
    );
}

#[test]
fn exercise_problems() {
    let a = format!("{HEAD}@exercise nope\n");
    let ex = "## Exercise: e1\nLesson: ghost\nTitle: T\nHint: H\nDo it.\n```json\n{\"x\": \n```\n";
    let errs = errors(&[
        ("a.md", &a),
        ("glossary.md", GLOSSARY),
        ("exercises/planner.md", ex),
    ]);
    assert!(
        errs.iter().any(|e| e.starts_with(
            "exercises/planner.md:7: exercise `e1`: the JSON block is not valid JSON"
        )),
        "{errs:#?}"
    );
    assert!(
        errs.contains(
            &"a.md:9: `@exercise nope`: no exercise `nope` belongs to lesson `a`".to_string()
        ),
        "{errs:#?}"
    );
    let no_lab = "## Exercise: e1\nLesson: a\nTitle: T\nHint: H\nDo it.\n```json\n{}\n```\n";
    let errs = errors(&[
        ("a.md", HEAD),
        ("glossary.md", GLOSSARY),
        ("exercises/teleport.md", no_lab),
    ]);
    assert!(
        errs.iter().any(|e| e.starts_with(
            "exercises/teleport.md:7: exercise `e1`: the parameters do not fit the `teleport` lab"
        )),
        "{errs:#?}"
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let a = lesson("a", "", "## Quiz\n### single: s\nPick.\n- [x] One\n- [x] Two\nExplanation: E.\n### essay: e\nWrite.\n");
    let b = lesson("b", "nothing", "");
    let errs = errors(&[("a.md", &a), ("b.md", &b), ("glossary.md", GLOSSARY)]);
    assert!(errs.len() >= 3, "{errs:#?}");
}

#[test]
fn an_unclosed_code_fence_is_reported_at_its_line() {
    let a = "---\nid: a\ntitle: A\nsummary: S\nminutes: 5\n---\n## Intro\nLook at this.\n\n```frr\nrouter bgp 65001\n";
    assert_error(
        &[("a.md", a), ("glossary.md", GLOSSARY)],
        "a.md:10: the ```frr block opened here is never closed: end it with a line of ```",
    );
    let b = "---\nid: a\ntitle: A\nsummary: S\nminutes: 5\n---\n## Intro\nLook.\n\n```yaml\nx: 1\n```\n";
    assert_error(
        &[("a.md", b), ("glossary.md", GLOSSARY)],
        "a.md:10: unknown code block language `yaml` (known: frr, sh, wireguard, text, diagram)",
    );
}

#[test]
fn short_answer_units_are_read_and_misused_ones_reported() {
    use cloudhop_core::quiz::{Answer, ItemKind};
    let ok = lesson(
        "a",
        "",
        "## Quiz\n### short: mesh\nHow many tunnels?\n\nAccept: 45\nNormalize: number\nUnit: tunnels | tunnel\nExplanation: n(n-1)/2.\n",
    );
    let course = load_sources(&[("a.md", &ok), ("glossary.md", GLOSSARY)]).unwrap();
    let item = &course.lessons[0].quiz[0];
    let ItemKind::ShortAnswer { units, .. } = &item.kind else {
        panic!("short answer")
    };
    assert_eq!(units, &["tunnels".to_string(), "tunnel".to_string()]);
    assert!(
        item.mark(&Answer::Text("45 tunnels".into()))
            .unwrap()
            .correct
    );

    let errs = errors(&[
        (
            "a.md",
            &lesson(
                "a",
                "",
                "## Quiz\n### short: t\nWhich?\n\nAccept: hybrid\nUnit: clouds\nExplanation: e.\n",
            ),
        ),
        ("glossary.md", GLOSSARY),
    ]);
    assert!(
        errs.iter()
            .any(|e| e.contains("`Unit:` applies only to numbers: add `Normalize: number`")),
        "{errs:#?}"
    );
    let errs = errors(&[
        (
            "a.md",
            &lesson(
                "a",
                "",
                "## Quiz\n### short: asn\nFirst private ASN?\n\nAccept: 64512 | AS64512\nNormalize: number\nExplanation: e.\n",
            ),
        ),
        ("glossary.md", GLOSSARY),
    ]);
    assert!(
        errs.iter()
            .any(|e| e.contains("accepted answer `AS64512` is not a number (`Normalize: number`)")),
        "{errs:#?}"
    );
}
