//! The quiz component in a real browser: answering, feedback, partial credit, the
//! explanation only after an answer, giving up, and text never rendered as HTML.
#![cfg(target_arch = "wasm32")]

use cloudhop_app::components::quiz::QuizItemView;
use cloudhop_app::state::{ProgressHandle, ProgressState};
use cloudhop_core::progress::Progress;
use cloudhop_core::quiz::{Choice, ItemKind, Normalizer, QuizItem};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Properties, PartialEq)]
struct HarnessProps {
    item: Rc<QuizItem>,
}

/// The item with a progress record of its own, as the lesson page wires it.
#[function_component]
fn Harness(props: &HarnessProps) -> Html {
    let progress = use_state(Progress::default);
    let item = props.item.clone();
    let on_answer = {
        let progress = progress.clone();
        let item = item.clone();
        Callback::from(move |a| {
            let mut p = (*progress).clone();
            p.answer("l", &item, &a)
                .expect("the component sends only markable answers");
            progress.set(p);
        })
    };
    let on_give_up = {
        let progress = progress.clone();
        let id = item.id.clone();
        Callback::from(move |_| {
            let mut p = (*progress).clone();
            p.give_up("l", &id);
            progress.set(p);
        })
    };
    html! {
        <QuizItemView item={item.clone()} number={1} progress={progress.item("l", &item.id).cloned()} {on_answer} {on_give_up} />
    }
}

fn mount(item: QuizItem) -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Harness>::with_root_and_props(
        root.clone(),
        HarnessProps {
            item: Rc::new(item),
        },
    )
    .render();
    root
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

fn q(root: &Element, sel: &str) -> Option<Element> {
    root.query_selector(sel).unwrap()
}

fn text(root: &Element, sel: &str) -> String {
    q(root, sel)
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

fn click(root: &Element, sel: &str) {
    q(root, sel)
        .unwrap_or_else(|| panic!("no {sel}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

fn submit(root: &Element) {
    click(root, "button[type=submit]");
}

fn choice(options: &[(&str, bool, Option<&str>)], multiple: bool) -> QuizItem {
    let options = options
        .iter()
        .map(|(t, c, f)| Choice {
            text: t.to_string(),
            correct: *c,
            feedback: f.map(str::to_string),
            pinned: false,
        })
        .collect();
    QuizItem {
        id: "q1".into(),
        prompt: "Which one? <b>not bold</b>".into(),
        explanation: "Because of **reasons**.".into(),
        kind: if multiple {
            ItemKind::MultipleChoice { options }
        } else {
            ItemKind::SingleChoice { options }
        },
    }
}

#[wasm_bindgen_test]
async fn wrong_then_right_with_feedback_and_explanation_only_after_answering() {
    let root = mount(choice(
        &[
            ("Wrong one", false, Some("Not this, because.")),
            ("Right one", true, None),
        ],
        false,
    ));
    settle().await;
    assert!(
        q(&root, ".explanation").is_none(),
        "no explanation before an answer"
    );
    assert!(q(&root, ".verdict").is_none());

    click(&root, "input[value='0']");
    settle().await;
    submit(&root);
    settle().await;
    assert!(text(&root, ".verdict").contains("Not quite"));
    assert_eq!(text(&root, ".feedback li"), "Not this, because.");
    assert!(text(&root, ".explanation").contains("Because of reasons."));
    assert!(text(&root, ".meta").contains("Attempts: 1 · best score: 0%"));

    click(&root, "input[value='1']");
    settle().await;
    submit(&root);
    settle().await;
    assert!(text(&root, ".verdict").contains("Correct"));
    assert!(q(&root, ".feedback").is_none());
    assert!(text(&root, ".meta").contains("Attempts: 2 · best score: 100%"));
    assert!(root.query_selector("article.solved").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn nothing_chosen_is_a_message_not_an_attempt() {
    let root = mount(choice(&[("A", false, None), ("B", true, None)], false));
    settle().await;
    submit(&root);
    settle().await;
    assert!(text(&root, ".form-error").contains("choose or type an answer first"));
    assert!(q(&root, ".verdict").is_none());
    assert!(q(&root, ".explanation").is_none());
}

#[wasm_bindgen_test]
async fn multiple_choice_gives_partial_credit() {
    let root = mount(choice(
        &[
            ("A", true, None),
            ("B", true, None),
            ("C", false, Some("C is wrong.")),
        ],
        true,
    ));
    settle().await;
    click(&root, "input[value='0']");
    settle().await;
    submit(&root);
    settle().await;
    assert!(
        text(&root, ".verdict").contains("Partly right: 50%"),
        "{}",
        text(&root, ".verdict")
    );
    click(&root, "input[value='2']");
    settle().await;
    submit(&root);
    settle().await;
    assert!(text(&root, ".verdict").contains("Not quite"));
    assert_eq!(text(&root, ".feedback li"), "C is wrong.");
    assert!(text(&root, ".meta").contains("best score: 50%"));
}

#[wasm_bindgen_test]
async fn short_answer_uses_the_normaliser() {
    let root = mount(QuizItem {
        id: "s".into(),
        prompt: "Largest RFC 1918 block?".into(),
        explanation: "It holds 16,777,216 addresses.".into(),
        kind: ItemKind::ShortAnswer {
            accepted: vec!["10.0.0.0/8".into()],
            normalizer: Normalizer::Cidr,
            units: vec![],
            known_wrong: vec![],
        },
    });
    settle().await;
    let input: HtmlInputElement = q(&root, "input.short-answer").unwrap().unchecked_into();
    input.set_value("  10.0.0.0 / 8 ");
    input
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    settle().await;
    submit(&root);
    settle().await;
    assert!(
        text(&root, ".verdict").contains("Correct"),
        "{}",
        root.inner_html()
    );
}

#[wasm_bindgen_test]
async fn giving_up_shows_the_answer_and_explanation() {
    let root = mount(choice(&[("A", false, None), ("B", true, None)], false));
    settle().await;
    let show = root.query_selector_all("button").unwrap();
    let show: HtmlElement = (0..show.length())
        .filter_map(|i| show.item(i))
        .find(|b| b.text_content().unwrap_or_default() == "Show answer")
        .unwrap()
        .unchecked_into();
    show.click();
    settle().await;
    assert!(text(&root, ".solution").contains("B"));
    assert!(text(&root, ".explanation").contains("Because of reasons."));
    assert!(text(&root, ".meta").contains("answer shown"));
}

#[wasm_bindgen_test]
async fn text_is_never_html() {
    let root = mount(choice(
        &[
            ("<img src=x onerror=alert(1)>", true, None),
            ("B", false, None),
        ],
        false,
    ));
    settle().await;
    assert!(
        q(&root, "legend b").is_none(),
        "markup in a prompt stays text"
    );
    assert!(q(&root, "img").is_none(), "markup in an option stays text");
    assert!(text(&root, "legend").contains("<b>not bold</b>"));
}

// ---- Option order: from the learner's seed (in the progress context), recorded by option.

#[derive(Properties, PartialEq)]
struct SeededProps {
    item: Rc<QuizItem>,
    seed: u32,
}

/// The item under a progress context whose record has `seed`, as the app provides it.
#[function_component]
fn Seeded(props: &SeededProps) -> Html {
    let seed = props.seed;
    let handle = use_reducer(move || ProgressState::in_memory(Progress::with_seed(seed)));
    html! {
        <ContextProvider<ProgressHandle> context={handle}>
            <Harness item={props.item.clone()} />
        </ContextProvider<ProgressHandle>>
    }
}

fn mount_seeded(item: QuizItem, seed: u32) -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Seeded>::with_root_and_props(
        root.clone(),
        SeededProps {
            item: Rc::new(item),
            seed,
        },
    )
    .render();
    root
}

/// The `value`s (authored indices) of the inputs, in the order they are on the page.
fn shown_values(root: &Element) -> Vec<usize> {
    let inputs = root.query_selector_all("input").unwrap();
    (0..inputs.length())
        .filter_map(|i| inputs.item(i))
        .map(|n| n.unchecked_into::<HtmlInputElement>().value())
        .map(|v| v.parse().expect("an input's value is an authored index"))
        .collect()
}

fn five(pin_last: bool) -> QuizItem {
    let mut item = choice(
        &[
            ("Right", true, None),
            ("Wrong A", false, Some("A is wrong.")),
            ("Wrong B", false, None),
            ("Wrong C", false, None),
            ("None of the above", false, None),
        ],
        false,
    );
    item.id = "five".into();
    if let ItemKind::SingleChoice { options } = &mut item.kind {
        options[4].pinned = pin_last;
    }
    item
}

#[wasm_bindgen_test]
async fn options_are_shown_in_the_order_core_computes_from_the_seed() {
    let mut orders = std::collections::BTreeSet::new();
    for seed in [1, 2, 3, 4, 5, 6, 7, 8] {
        let item = five(false);
        let expected: Vec<usize> = item.shown_order(seed).iter().map(|(i, _)| *i).collect();
        let root = mount_seeded(item, seed);
        settle().await;
        assert_eq!(shown_values(&root), expected, "seed {seed}");
        let labels = root.query_selector_all("label.option span").unwrap();
        assert_eq!(labels.length(), 5);
        orders.insert(expected);
        root.remove();
    }
    assert!(
        orders.len() >= 4,
        "learners see different orders: {orders:?}"
    );
    assert!(
        orders.iter().any(|o| o[0] != 0),
        "the authored first option is not always first"
    );
}

#[wasm_bindgen_test]
async fn a_pinned_option_stays_in_place() {
    for seed in [11, 12, 13, 14, 15] {
        let root = mount_seeded(five(true), seed);
        settle().await;
        let values = shown_values(&root);
        assert_eq!(values[4], 4, "seed {seed}: {values:?}");
        let last = root.query_selector_all("label.option span").unwrap();
        assert_eq!(
            last.item(4).unwrap().text_content().unwrap(),
            "None of the above"
        );
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn answers_feedback_and_the_solution_follow_the_option_not_its_place() {
    // Whatever the order on screen, the input for an authored option marks as that option.
    for seed in [21, 22, 23] {
        let root = mount_seeded(five(false), seed);
        settle().await;
        click(&root, "input[value='1']");
        settle().await;
        submit(&root);
        settle().await;
        assert!(text(&root, ".verdict").contains("Not quite"), "seed {seed}");
        assert_eq!(text(&root, ".feedback li"), "A is wrong.");
        click(&root, "input[value='0']");
        settle().await;
        submit(&root);
        settle().await;
        assert!(text(&root, ".verdict").contains("Correct"), "seed {seed}");
        let checked: Vec<usize> = {
            let inputs = root.query_selector_all("input:checked").unwrap();
            (0..inputs.length())
                .filter_map(|i| inputs.item(i))
                .map(|n| {
                    n.unchecked_into::<HtmlInputElement>()
                        .value()
                        .parse()
                        .unwrap()
                })
                .collect()
        };
        assert_eq!(checked, vec![0], "the right option is the one ticked");
        root.remove();
    }
    let root = mount_seeded(five(false), 24);
    settle().await;
    let buttons = root.query_selector_all("button").unwrap();
    let show: HtmlElement = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .find(|b| b.text_content().unwrap_or_default() == "Show answer")
        .unwrap()
        .unchecked_into();
    show.click();
    settle().await;
    assert_eq!(text(&root, ".solution"), "Answer: Right");
}
