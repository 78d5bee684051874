//! The class report (`#/instructor/report?w=…`): receipts in (pasted, dropped or chosen
//! files, QR codes scanned with the camera where the browser can), the report out. Every
//! figure is `cloudhop_core::workshop::report`'s; this page keeps the class in the browser
//! (`class_key`), renders the report as text and tables, and times each batch of receipts
//! from reading to the drawn report (`performance.now()`, shown in `.class-timing`).

use crate::components::message::message_view;
use crate::pages::class_lrs::{LrsRead, LrsReader};
use crate::pages::progress::download;
use crate::pages::qr_scan::QrScanner;
use crate::pages::workshop_source::{InstructorPage, WorkshopGate};
use crate::storage;
use cloudhop_core::workshop::receipt::Receipt;
use cloudhop_core::workshop::report::{utc_time, ClassReport, Refusal};
use cloudhop_core::workshop::{class_key, Class, Outline};
use cloudhop_lessons::workshop::Opened;
use cloudhop_lessons::Course;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Properties of [`ClassReportPage`].
#[derive(Properties, PartialEq)]
pub struct ClassReportProps {
    /// The course.
    pub course: Rc<Course>,
    /// The `w=` payload, if any.
    #[prop_or_default]
    pub link: Option<AttrValue>,
}

/// The class report page.
#[function_component]
pub fn ClassReportPage(props: &ClassReportProps) -> Html {
    let page = Callback::from(|o: Rc<Opened>| {
        let outline = Rc::new(o.resolved.outline());
        let key = format!("{}-{}", outline.id, outline.hash);
        html! { <ClassView {key} {outline} /> }
    });
    html! {
        <WorkshopGate course={props.course.clone()} link={props.link.clone()}
            target={InstructorPage::Report} heading="Class report" {page} />
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// What one batch of receipts did.
#[derive(Clone, PartialEq)]
struct Batch {
    /// Learners accepted.
    accepted: Vec<String>,
    /// Refused, with where each came from.
    refused: Vec<(String, Refusal)>,
    /// `performance.now()` when the batch started.
    started: f64,
}

/// The class and its report.
#[derive(Clone, PartialEq)]
struct ClassModel {
    class: Class,
    /// Learners read from an LRS (not kept: read again from it).
    lrs: Vec<Receipt>,
    /// Those of them the class refused (a name that handed in a receipt too).
    lrs_refused: Vec<Refusal>,
    report: Rc<ClassReport>,
    /// The last batch (or the receipts that could not be taken back from the store).
    last: Option<Batch>,
    /// Bumped on every change, to save and to time.
    version: u32,
}

enum ClassAction {
    /// Receipts from `(source, text)` pairs (a source is "pasted", a file name or "QR code").
    Add(Vec<(String, String)>, f64),
    Remove(String),
    Clear,
    /// The learners an LRS holds now.
    FromLrs(LrsRead),
}

impl ClassModel {
    fn restore(outline: Outline) -> ClassModel {
        let stored = storage::get(&class_key(&outline.id)).unwrap_or_default();
        let (class, refused) = Class::restore(outline, &stored);
        let last = (!refused.is_empty()).then(|| Batch {
            accepted: Vec::new(),
            refused: refused
                .into_iter()
                .map(|r| ("kept in this browser".to_string(), r))
                .collect(),
            started: 0.0,
        });
        ClassModel {
            report: Rc::new(class.report()),
            class,
            lrs: Vec::new(),
            lrs_refused: Vec::new(),
            last,
            version: 0,
        }
    }
}

impl Reducible for ClassModel {
    type Action = ClassAction;
    fn reduce(self: Rc<Self>, action: ClassAction) -> Rc<Self> {
        let mut m = (*self).clone();
        match action {
            ClassAction::Add(texts, started) => {
                let mut batch = Batch {
                    accepted: Vec::new(),
                    refused: Vec::new(),
                    started,
                };
                for (source, text) in texts {
                    for r in m.class.add_pasted(&text) {
                        match r {
                            Ok(name) => batch.accepted.push(name),
                            Err(e) => batch.refused.push((source.clone(), e)),
                        }
                    }
                }
                m.last = Some(batch);
            }
            ClassAction::Remove(name) => {
                m.class.remove(&name);
                m.last = None;
            }
            ClassAction::Clear => {
                m.class = Class::new(m.class.outline().clone());
                m.last = None;
            }
            ClassAction::FromLrs(read) => {
                if read.receipts == m.lrs {
                    return self;
                }
                m.lrs = read.receipts;
            }
        }
        let (report, lrs_refused) = m.class.report_with(&m.lrs);
        m.report = Rc::new(report);
        m.lrs_refused = lrs_refused;
        m.version += 1;
        Rc::new(m)
    }
}

#[derive(Properties, PartialEq)]
struct ClassViewProps {
    outline: Rc<Outline>,
}

#[function_component]
fn ClassView(props: &ClassViewProps) -> Html {
    let model = {
        let outline = (*props.outline).clone();
        use_reducer(move || ClassModel::restore(outline))
    };
    let measured = use_state(|| None::<(usize, f64)>);
    let save_error = use_state(|| None::<String>);
    {
        // After each change is drawn: keep the class, and time the batch that made it.
        let measured = measured.clone();
        let save_error = save_error.clone();
        let m = model.clone();
        use_effect_with(model.version, move |v| {
            if *v > 0 {
                if let Some(b) = m.last.as_ref().filter(|b| b.started > 0.0) {
                    let n = b.accepted.len() + b.refused.len();
                    measured.set(Some((n, now() - b.started)));
                }
                let key = class_key(&m.class.outline().id);
                let kept = if m.class.receipts().is_empty() {
                    storage::remove(&key);
                    Ok(())
                } else {
                    storage::set(&key, &m.class.to_stored())
                };
                save_error.set(kept.err());
            }
        });
    }

    let add = {
        let model = model.clone();
        Callback::from(move |texts: Vec<(String, String)>| {
            let started = now();
            model.dispatch(ClassAction::Add(texts, started));
        })
    };
    let area = use_node_ref();
    let on_paste = {
        let area = area.clone();
        let add = add.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(t) = area.cast::<HtmlTextAreaElement>() {
                add.emit(vec![("pasted".into(), t.value())]);
                t.set_value("");
            }
        })
    };
    let readers = use_mut_ref(Vec::<gloo_file::callbacks::FileReader>::new);
    let read_files = {
        let add = add.clone();
        let readers = readers.clone();
        Callback::from(move |files: web_sys::FileList| {
            let files: Vec<web_sys::File> =
                (0..files.length()).filter_map(|i| files.get(i)).collect();
            if files.is_empty() {
                return;
            }
            let total = files.len();
            let done: Rc<RefCell<Vec<(String, String)>>> = Rc::default();
            let mut tasks = Vec::new();
            for f in files {
                let name = f.name();
                let done = done.clone();
                let add = add.clone();
                tasks.push(gloo_file::callbacks::read_as_text(
                    &gloo_file::File::from(f),
                    move |read| {
                        let text = read.unwrap_or_default();
                        done.borrow_mut().push((name, text));
                        if done.borrow().len() == total {
                            add.emit(std::mem::take(&mut *done.borrow_mut()));
                        }
                    },
                ));
            }
            *readers.borrow_mut() = tasks;
        })
    };
    let on_files = {
        let read_files = read_files.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Some(f) = input.files() {
                read_files.emit(f);
            }
            input.set_value("");
        })
    };
    let dragging = use_state(|| false);
    let on_dragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_dragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(f) = e.data_transfer().and_then(|d| d.files()) {
                read_files.emit(f);
            }
        })
    };
    let on_scan = {
        let add = add.clone();
        Callback::from(move |code: String| add.emit(vec![("QR code".into(), code)]))
    };

    let r = &model.report;
    let id = model.class.outline().id.clone();
    let csv = |which: &'static str| {
        let r = r.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| {
            let (name, text) = match which {
                "roster" => (format!("class-{id}-roster.csv"), r.roster_csv()),
                _ => (format!("class-{id}-items.csv"), r.items_csv()),
            };
            let _ = download(&name, &text, "text/csv");
        })
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let clear = {
        let model = model.clone();
        Callback::from(move |_: MouseEvent| {
            if gloo_dialogs::confirm("Clear the class? Every receipt accepted for this workshop is removed from this browser.") {
                model.dispatch(ClassAction::Clear);
            }
        })
    };
    let remove = |name: &str| {
        let model = model.clone();
        let name = name.to_string();
        Callback::from(move |_: MouseEvent| {
            if gloo_dialogs::confirm(&format!("Remove {name}'s receipt from the class?")) {
                model.dispatch(ClassAction::Remove(name.clone()));
            }
        })
    };
    let on_lrs = {
        let model = model.clone();
        Callback::from(move |read: LrsRead| model.dispatch(ClassAction::FromLrs(read)))
    };
    let from_lrs: Vec<String> = model
        .lrs
        .iter()
        .filter(|l| !model.lrs_refused.iter().any(|r| r.what == l.learner))
        .map(|l| l.learner.clone())
        .collect();
    let n = r.roster.len();
    let learners = |k: usize| format!("{k} learner{}", if k == 1 { "" } else { "s" });

    html! {
        <div class="instructor-page class-report">
            <header class="report-head">
                <p class="eyebrow">{ "Class report" }</p>
                <h1>{ r.title.clone() }</h1>
                <p class="meta">{ format!("Workshop {} · {}", r.workshop, learners(n)) }</p>
            </header>

            <section class="receive no-print" aria-labelledby="receive-h">
                <h2 id="receive-h">{ "Add receipts" }</h2>
                <form class="paste-receipts" onsubmit={on_paste}>
                    <label for="receipt-text">{ "Paste receipt codes (CH1-…) or receipt files: as many as you like, one after another" }</label>
                    <textarea id="receipt-text" ref={area} rows="5" spellcheck="false" autocomplete="off" />
                    <button type="submit" class="button primary">{ "Add receipts" }</button>
                </form>
                <div class={classes!("drop-zone", dragging.then_some("dragging"))}
                    ondragover={on_dragover} ondragleave={on_dragleave} ondrop={on_drop}>
                    <p>{ "Drop receipt files here, or " }
                        <label class="button quiet file-button">{ "choose files…" }
                            <input type="file" multiple=true accept=".json,.txt" class="visually-hidden" onchange={on_files} />
                        </label>
                    </p>
                </div>
                <QrScanner on_code={on_scan} />
                if let Some(b) = &model.last {
                    <div class="batch" role="status">
                        if !b.accepted.is_empty() {
                            <p class="accepted">{ format!("Added {}.", learners(b.accepted.len())) }</p>
                        }
                        if !b.refused.is_empty() {
                            <div class="refused">
                                <p>{ format!("Refused {} (the class is unchanged by them):", b.refused.len()) }</p>
                                <ul>{ for b.refused.iter().map(|(source, refusal)| html! {
                                    <li data-reason={refusal_kind(refusal)}>
                                        <span class="source">{ format!("{source}: ") }</span>
                                        { message_view(&refusal.to_string()) }
                                    </li>
                                }) }</ul>
                            </div>
                        }
                    </div>
                }
                if let Some((k, ms)) = *measured {
                    <p class="class-timing" data-ms={format!("{ms:.1}")} data-receipts={k.to_string()}>
                        { format!("Read {k} receipt{} and drew the report in {ms:.0} ms.", if k == 1 { "" } else { "s" }) }
                    </p>
                }
                if let Some(e) = &*save_error {
                    <p class="form-error" role="alert">{ format!("The class could not be kept in this browser ({e}): it stays until this page closes.") }</p>
                }
                <div class="row report-actions">
                    <button class="button" onclick={csv("roster")} disabled={n == 0}>{ "Download roster (CSV)" }</button>
                    <button class="button" onclick={csv("items")} disabled={n == 0}>{ "Download items (CSV)" }</button>
                    <button class="button" onclick={print} disabled={n == 0}>{ "Print" }</button>
                    <button class="button quiet danger" onclick={clear} disabled={n == 0}>{ "Clear class" }</button>
                </div>
            </section>

            <LrsReader outline={props.outline.clone()} on_read={on_lrs} />
            if !model.lrs_refused.is_empty() {
                <div class="refused lrs-refused" role="status">
                    <p>{ "From the LRS, not counted twice:" }</p>
                    <ul>{ for model.lrs_refused.iter().map(|refusal| html! {
                        <li data-reason={refusal_kind(refusal)}>{ message_view(&refusal.to_string()) }</li>
                    }) }</ul>
                </div>
            }

            if n == 0 {
                <p class="empty">{ "No receipts yet. Learners hand in from their workshop page; add their codes or files above." }</p>
            } else {
                { roster(r, remove, &from_lrs) }
                { lessons(r) }
                { missed(r) }
                { exercises(r) }
                { reflections(r) }
            }
        </div>
    }
}

fn refusal_kind(r: &Refusal) -> &'static str {
    use cloudhop_core::workshop::report::RefusalReason::*;
    match r.reason {
        Unreadable { .. } => "unreadable",
        OtherWorkshop { .. } => "other-workshop",
        OtherVersion => "other-version",
        Duplicate { .. } => "duplicate",
    }
}

fn roster(
    r: &ClassReport,
    remove: impl Fn(&str) -> Callback<MouseEvent>,
    from_lrs: &[String],
) -> Html {
    html! {
        <section class="report-part" aria-labelledby="roster-h">
            <h2 id="roster-h">{ "Roster" }</h2>
            <div class="table-wrap">
                <table class="report-table roster">
                    <thead><tr>
                        <th scope="col">{ "Learner" }</th>
                        <th scope="col">{ "Handed in or last seen (UTC)" }</th>
                        <th scope="col" class="num">{ "Score" }</th>
                        <th scope="col">{ "Lessons passed" }</th>
                        { for r.lessons.iter().map(|l| html! { <th scope="col" class="num" title={l.title.clone()}>{ l.title.clone() }</th> }) }
                        <th scope="col" class="no-print"><span class="visually-hidden">{ "Actions" }</span></th>
                    </tr></thead>
                    <tbody>
                        { for r.roster.iter().map(|row| html! {
                            <tr data-learner={row.learner.clone()} data-source={if from_lrs.contains(&row.learner) { "lrs" } else { "receipt" }}>
                                <th scope="row">{ row.learner.clone() }</th>
                                <td>{ utc_time(row.handed_in_ms) }</td>
                                <td class="num">{ format!("{}%", row.score) }</td>
                                <td class="standing">{ format!("{} of {}", row.lessons_passed, r.lessons.len()) }</td>
                                { for row.standings.iter().map(|s| html! {
                                    <td class={classes!("num", if s.passed { "pass" } else { "fail" })}>
                                        { format!("{}% ", s.score) }<span>{ if s.passed { "✓ passed" } else { "✗ not yet" } }</span>
                                    </td>
                                }) }
                                <td class="no-print">
                                    if from_lrs.contains(&row.learner) {
                                        <span class="source-lrs">{ "from the LRS" }</span>
                                    } else {
                                        <button class="button quiet small" onclick={remove(&row.learner)}
                                            aria-label={format!("Remove {}", row.learner)}>{ "Remove" }</button>
                                    }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn lessons(r: &ClassReport) -> Html {
    html! {
        <section class="report-part" aria-labelledby="rates-h">
            <h2 id="rates-h">{ "Pass rates by lesson" }</h2>
            <div class="table-wrap">
                <table class="report-table rates">
                    <thead><tr>
                        <th scope="col">{ "Lesson" }</th>
                        <th scope="col" class="num">{ "Pass mark" }</th>
                        <th scope="col" class="num">{ "Passed" }</th>
                        <th scope="col" class="num">{ "Pass rate" }</th>
                        <th scope="col" class="num">{ "Mean score" }</th>
                    </tr></thead>
                    <tbody>
                        { for r.lessons.iter().map(|l| html! {
                            <tr data-lesson={l.lesson.clone()}>
                                <th scope="row">{ l.title.clone() }</th>
                                <td class="num">{ format!("{}%", l.pass_mark) }</td>
                                <td class="num">{ format!("{} of {}", l.passed, l.learners) }</td>
                                <td class="num rate">{ format!("{}%", l.pass_rate) }</td>
                                <td class="num">{ format!("{}%", l.mean_score) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn missed(r: &ClassReport) -> Html {
    html! {
        <section class="report-part" aria-labelledby="missed-h">
            <h2 id="missed-h">{ "Most-missed quiz items" }</h2>
            if r.missed.is_empty() {
                <p>{ "Every answer was right." }</p>
            } else {
                <ol class="missed-items">
                    { for r.missed.iter().map(|m| html! {
                        <li data-item={m.item.clone()}>
                            <p class="prompt">{ crate::components::prose::text(&m.prompt) }</p>
                            <p class="meta">{ format!("Missed by {} of {} who answered", m.missed, m.answered) }
                                if m.gave_up > 0 { { format!(" · {} gave up", m.gave_up) } }
                            </p>
                            if !m.wrong.is_empty() {
                                <table class="report-table wrong">
                                    <caption class="visually-hidden">{ "Wrong answers chosen" }</caption>
                                    <thead><tr><th scope="col">{ "Wrong answer chosen" }</th><th scope="col" class="num">{ "Learners" }</th></tr></thead>
                                    <tbody>
                                        { for m.wrong.iter().map(|w| html! {
                                            <tr class="wrong-answer"><td>{ if w.option.is_some() { crate::components::prose::text(&w.answer) } else { html! { { w.answer.clone() } } } }</td><td class="num">{ w.count }</td></tr>
                                        }) }
                                    </tbody>
                                </table>
                            }
                        </li>
                    }) }
                </ol>
            }
        </section>
    }
}

fn exercises(r: &ClassReport) -> Html {
    if r.exercises.is_empty() {
        return html! {};
    }
    html! {
        <section class="report-part" aria-labelledby="ex-h">
            <h2 id="ex-h">{ "Exercises" }</h2>
            <div class="table-wrap">
                <table class="report-table exercises">
                    <thead><tr>
                        <th scope="col">{ "Exercise" }</th>
                        <th scope="col" class="num">{ "Goal met" }</th>
                        <th scope="col" class="num">{ "Tried" }</th>
                    </tr></thead>
                    <tbody>
                        { for r.exercises.iter().map(|e| html! {
                            <tr data-exercise={e.exercise.clone()}>
                                <th scope="row">{ e.title.clone() }</th>
                                <td class="num">{ format!("{} of {}", e.passed, e.learners) }</td>
                                <td class="num">{ format!("{} of {}", e.attempted, e.learners) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn reflections(r: &ClassReport) -> Html {
    if r.reflections.is_empty() {
        return html! {};
    }
    html! {
        <section class="report-part" aria-labelledby="refl-h">
            <h2 id="refl-h">{ "Reflections" }</h2>
            { for r.reflections.iter().map(|g| html! {
                <div class="reflection-group" data-question={g.question.clone()}>
                    <h3>{ crate::components::prose::text(&g.prompt) }</h3>
                    <ul>
                        { for g.answers.iter().map(|(who, text)| html! {
                            <li><strong>{ format!("{who}: ") }</strong><span class="answer">{ text.clone() }</span></li>
                        }) }
                    </ul>
                </div>
            }) }
        </section>
    }
}
