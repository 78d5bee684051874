//! The quiz component in a real browser: answering, feedback, partial credit, the
//! explanation only after an answer, giving up, and text never rendered as HTML.
#![cfg(target_arch = "wasm32")]

use cloudhop_app::components::quiz::QuizItemView;
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
