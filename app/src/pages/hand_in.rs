//! Hand-in, in workshop mode: the learner types the name their instructor will see, chooses
//! whether to include their reflection answers, and gets the receipt
//! (`cloudhop_core::workshop::Receipt`): the code to copy, the file to download and the QR
//! code, drawn as SVG from the receipt's modules.

use crate::components::code::CopyButton;
use crate::pages::course_map::badge;
use crate::pages::progress::download;
use crate::route::Route;
use crate::scope;
use crate::state::use_progress;
use crate::storage;
use crate::workshop::WorkshopHandle;
use cloudhop_core::workshop::{QrMatrix, Receipt};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`HandInPage`].
#[derive(Properties, PartialEq)]
pub struct HandInProps {
    /// The workshop.
    pub workshop: WorkshopHandle,
}

/// The hand-in page.
#[function_component]
pub fn HandInPage(props: &HandInProps) -> Html {
    let progress = use_progress();
    let name = use_state(|| storage::get(storage::LEARNER_NAME_KEY).unwrap_or_default());
    let with_reflections = use_state(|| false);
    let receipt = use_state(|| None::<Receipt>);
    let error = use_state(|| None::<String>);
    let w = &props.workshop;
    let outline = &w.outline;
    let standings = outline.standings(&progress.progress);
    let reflections: usize = outline
        .lessons
        .iter()
        .map(|l| {
            let lp = progress.progress.lessons.get(&l.id);
            l.reflections
                .iter()
                .filter(|r| lp.is_some_and(|lp| lp.reflections.contains_key(&r.id)))
                .count()
        })
        .sum();

    let on_name = {
        let (name, receipt) = (name.clone(), receipt.clone());
        Callback::from(move |e: InputEvent| {
            name.set(e.target_unchecked_into::<HtmlInputElement>().value());
            receipt.set(None);
        })
    };
    let on_reflections = {
        let (with_reflections, receipt) = (with_reflections.clone(), receipt.clone());
        Callback::from(move |e: Event| {
            with_reflections.set(e.target_unchecked_into::<HtmlInputElement>().checked());
            receipt.set(None);
        })
    };
    let make = {
        let (name, with_reflections, receipt, error) = (
            name.clone(),
            with_reflections.clone(),
            receipt.clone(),
            error.clone(),
        );
        let progress = progress.clone();
        let outline = outline.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match Receipt::from_progress(
                &outline,
                &progress.progress,
                &name,
                storage::now_ms(),
                *with_reflections,
            ) {
                Ok(r) => {
                    let _ = storage::set(storage::LEARNER_NAME_KEY, &r.learner);
                    error.set(None);
                    receipt.set(Some(r));
                }
                Err(e) => {
                    receipt.set(None);
                    error.set(Some(e.to_string()));
                }
            }
        })
    };

    html! {
        <div class="hand-in">
            <header>
                <p class="eyebrow"><a href={scope::href(Route::Home)}>{ "Workshop" }</a>{ " · Hand in" }</p>
                <h1>{ "Hand in your work" }</h1>
                <p class="lede">{ "Your receipt is a short code (and the same as a file and a QR code) with your name, your quiz answers and exercise results in this workshop. Give it to your instructor the way they ask. You can hand in at any point, and again later: the newest receipt counts." }</p>
            </header>
            <section class="hand-in-summary" aria-labelledby="hand-in-what">
                <h2 id="hand-in-what">{ "What you hand in" }</h2>
                <table class="standings">
                    <thead><tr><th scope="col">{ "Lesson" }</th><th scope="col">{ "Quiz" }</th><th scope="col">{ "Exercises" }</th><th scope="col">{ "Standing" }</th></tr></thead>
                    <tbody>
                        { for outline.lessons.iter().zip(&standings).map(|(l, s)| html! {
                            <tr data-lesson={l.id.clone()}>
                                <th scope="row"><a href={scope::href(Route::Lesson(l.id.clone()))}>{ l.title.clone() }</a></th>
                                <td>{ format!("{} of {} answered", s.answered, s.total) }</td>
                                <td>{ if s.exercises_total == 0 { "none".to_string() } else { format!("{} of {} solved", s.exercises_passed, s.exercises_total) } }</td>
                                <td>{ badge(s) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </section>
            <form class="hand-in-form" onsubmit={make}>
                <label for="learner-name">{ "Your name, as your instructor will see it" }</label>
                <input id="learner-name" type="text" maxlength="80" autocomplete="name" value={(*name).clone()} oninput={on_name} />
                <label class="check">
                    <input type="checkbox" checked={*with_reflections} onchange={on_reflections} />
                    { format!(" Include my reflection answers ({reflections} written)") }
                </label>
                <button type="submit" class="button primary">{ "Make my receipt" }</button>
                if let Some(e) = &*error {
                    <p class="form-error" role="alert">{ e.clone() }</p>
                }
            </form>
            if let Some(r) = &*receipt {
                { receipt_view(r) }
            }
        </div>
    }
}

fn receipt_view(r: &Receipt) -> Html {
    let code = r.to_code();
    let file = r.to_file();
    let file_name = r.file_name();
    let on_download = {
        let (file, file_name) = (file.clone(), file_name.clone());
        Callback::from(move |_: MouseEvent| {
            let _ = download(&file_name, &file, "application/json");
        })
    };
    let counts = format!(
        "{} quiz answer{}, {} exercise{}, {} reflection{}",
        r.items.len(),
        if r.items.len() == 1 { "" } else { "s" },
        r.exercises.len(),
        if r.exercises.len() == 1 { "" } else { "s" },
        r.reflections.len(),
        if r.reflections.len() == 1 { "" } else { "s" },
    );
    html! {
        <section class="receipt" aria-labelledby="receipt-title" data-learner={r.learner.clone()}>
            <h2 id="receipt-title">{ format!("Receipt for {}", r.learner) }</h2>
            <p class="meta">{ counts }</p>
            <div class="receipt-grid">
                <div class="receipt-code-box">
                    <h3>{ "Code" }</h3>
                    <pre class="receipt-code" tabindex="0"><code>{ code.clone() }</code></pre>
                    <p class="receipt-actions">
                        <CopyButton text={code.clone()} label="Copy the receipt code" />
                        <button type="button" class="button" onclick={on_download}>{ format!("Download {file_name}") }</button>
                    </p>
                    <p class="hint">{ "The code carries a checksum: a mistyped or edited code is refused. It is not a signature." }</p>
                </div>
                <div class="receipt-qr-box">
                    <h3>{ "QR code" }</h3>
                    { match r.qr() {
                        Ok(m) => qr_svg(&m),
                        Err(e) => html! { <p class="qr-too-large" role="status">{ format!("{}.", e) }</p> },
                    } }
                </div>
            </div>
        </section>
    }
}

/// The QR code as SVG: one path of dark squares on a light square with a quiet zone of four
/// modules (built as elements, never as markup text).
pub fn qr_svg(m: &QrMatrix) -> Html {
    const QUIET: usize = 4;
    let side = m.width + 2 * QUIET;
    let mut d = String::new();
    for y in 0..m.width {
        let mut x = 0;
        while x < m.width {
            if m.dark(x, y) {
                let start = x;
                while x < m.width && m.dark(x, y) {
                    x += 1;
                }
                d.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + QUIET,
                    y + QUIET,
                    x - start,
                    x - start
                ));
            } else {
                x += 1;
            }
        }
    }
    html! {
        <svg class="receipt-qr" viewBox={format!("0 0 {side} {side}")} role="img"
            aria-label="QR code of the receipt code" shape-rendering="crispEdges" data-modules={m.width.to_string()}>
            <rect class="qr-light" width={side.to_string()} height={side.to_string()} />
            <path class="qr-dark" d={d} />
        </svg>
    }
}
