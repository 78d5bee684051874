//! Progress: per-lesson scores, what to revisit, the reflection answers gathered for
//! printing, export and import of the whole record, and kept-aside backups.

use crate::pages::course_map::badge;
use crate::route::Route;
use crate::state::{use_progress, Action, Notice};
use crate::storage;
use cloudhop_core::progress::Progress;
use cloudhop_lessons::Course;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Offer `text` as a file download.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let blob = gloo_file::Blob::new_with_options(text, Some(mime));
    let url = gloo_file::ObjectUrl::from(blob);
    let a: web_sys::HtmlAnchorElement = gloo_utils::document()
        .create_element("a")
        .map_err(|_| "the browser could not create the file")?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Dropping `url` revokes it; the click has started the download by then.
    Ok(())
}

/// Properties of [`ProgressPage`].
#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    /// The course.
    pub course: Rc<Course>,
}

/// The progress page.
#[function_component]
pub fn ProgressPage(props: &ProgressProps) -> Html {
    let progress = use_progress();
    let import_error = use_state(|| None::<String>);
    let backups = use_state(storage::backup_keys);
    let lab_backups = use_state(storage::lab_backup_keys);
    let course = &props.course;
    let p = &progress.progress;

    let last_exported = use_state(storage::last_exported);
    let persisted = use_state(|| None::<bool>);
    {
        let persisted = persisted.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                persisted.set(storage::persisted().await);
            });
        });
    }
    let export = {
        let progress = progress.clone();
        let last_exported = last_exported.clone();
        Callback::from(move |_: MouseEvent| {
            let name = format!("cloudhop-progress-{}.json", file_stamp());
            match download(&name, &progress.progress.exported(), "application/json") {
                Ok(()) => {
                    storage::note_export();
                    last_exported.set(storage::last_exported());
                }
                Err(e) => progress.dispatch(Action::Notify(Notice {
                    text: format!("Export failed: {e}"),
                    warning: true,
                })),
            }
        })
    };
    let erase = {
        let progress = progress.clone();
        let (backups, lab_backups, last_exported) =
            (backups.clone(), lab_backups.clone(), last_exported.clone());
        Callback::from(move |_: MouseEvent| {
            if gloo_dialogs::confirm("Before erasing: download a copy of your progress? (OK downloads it; Cancel goes on without one.)") {
                let name = format!("cloudhop-progress-{}.json", file_stamp());
                let _ = download(&name, &progress.progress.exported(), "application/json");
            }
            if gloo_dialogs::confirm("Erase everything cloudhop stored in this browser: your progress, the kept-aside records and your settings? This cannot be undone.") {
                progress.dispatch(Action::Erase);
                backups.set(storage::backup_keys());
                lab_backups.set(storage::lab_backup_keys());
                last_exported.set(None);
            }
        })
    };
    let on_file = {
        let progress = progress.clone();
        let import_error = import_error.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            if file.size() > 5_000_000.0 {
                import_error.set(Some("Import refused: the file is larger than 5 MB, too large to be cloudhop progress. Nothing was changed.".into()));
                return;
            }
            let progress = progress.clone();
            let import_error = import_error.clone();
            let file = gloo_file::File::from(file);
            let task = gloo_file::callbacks::read_as_text(&file, move |read| match read {
                Err(_) => import_error.set(Some(
                    "Import refused: the file could not be read. Nothing was changed.".into(),
                )),
                Ok(text) => match Progress::from_json(&text) {
                    Ok(p) => {
                        import_error.set(None);
                        progress.dispatch(Action::Import(p));
                    }
                    Err(e) => {
                        // An earlier import's "Progress imported" must not stand beside it.
                        progress.dispatch(Action::Dismiss);
                        import_error.set(Some(format!("Import refused: {e}. Nothing was changed.")))
                    }
                },
            });
            // The read runs to its end on its own; keeping the task alive until then.
            std::mem::forget(task);
        })
    };
    let reset = {
        let progress = progress.clone();
        let backups = backups.clone();
        let import_error = import_error.clone();
        Callback::from(move |_: MouseEvent| {
            import_error.set(None);
            let sure = gloo_dialogs::confirm("Start a fresh record? The current one is kept aside in this browser and can still be downloaded here.");
            if sure {
                progress.dispatch(Action::Reset);
                backups.set(storage::backup_keys());
            }
        })
    };

    let rows = course.lessons.iter().map(|l| {
        let s = l.standing(p);
        let revisit = l.to_revisit(p);
        html! {
            <tr data-lesson={l.id.clone()}>
                <th scope="row"><a href={Route::Lesson(l.id.clone()).href()}>{ l.title.clone() }</a></th>
                <td>{ badge(&s) }</td>
                <td class="num">{ format!("{}%", s.score) }</td>
                <td class="num">{ format!("{}/{}", s.answered, s.total) }</td>
                <td class="num">{ format!("{}/{}", s.exercises_passed, s.exercises_total) }</td>
                <td>{ if revisit.is_empty() { "—".to_string() } else { revisit.join(", ") } }</td>
            </tr>
        }
    });
    let reflections: Vec<Html> = course
        .lessons
        .iter()
        .filter_map(|l| {
            let lp = p.lessons.get(&l.id)?;
            let answered: Vec<Html> = l
                .reflections
                .iter()
                .filter_map(|r| {
                    lp.reflections.get(&r.id).map(|a| html! {
                        <div class="reflection-answer">
                            <p class="q">{ r.prompt.clone() }</p>
                            <p class="a">{ a.clone() }</p>
                        </div>
                    })
                })
                .collect();
            (!answered.is_empty()).then(|| html! {
                <section class="reflection-lesson"><h3>{ l.title.clone() }</h3>{ for answered }</section>
            })
        })
        .collect();
    let passed = course
        .lessons
        .iter()
        .filter(|l| l.standing(p).passed)
        .count();

    html! {
        <div class="progress-page">
            <h1>{ "Your progress" }</h1>
            <p class="lede">{ format!("{passed} of {} lessons passed. Everything is stored only in this browser: export it to move it to another browser or keep a copy.", course.lessons.len()) }</p>
            <div class="toolbar no-print">
                <button class="button primary" onclick={export}>{ "Export progress (JSON)" }</button>
                <label class="button">{ "Import progress…" }
                    <input class="visually-hidden" type="file" accept="application/json,.json" onchange={on_file} />
                </label>
                <button class="button" onclick={Callback::from(|_: MouseEvent| { if let Some(w) = web_sys::window() { let _ = w.print(); } })}>{ "Print summary" }</button>
                <button class="button danger" onclick={reset}>{ "Start afresh…" }</button>
            </div>
            <ul class="storage-status no-print">
                <li data-status="exported">{ match *last_exported {
                    Some(ms) => format!("Last exported on {}.", local_time(ms)),
                    None => "Not exported from this browser yet.".to_string(),
                } }</li>
                <li data-status="persisted">{ match *persisted {
                    Some(true) => "This browser has agreed to keep your progress until you erase it.",
                    Some(false) => "This browser may clear your progress when space runs low or after weeks without a visit: export it now and then.",
                    None => "This browser does not say whether it will keep your progress: export it now and then.",
                } }</li>
            </ul>
            if let Some(e) = &*import_error {
                <p class="form-error" role="alert">{ e.clone() }</p>
            }
            <h2>{ "Lessons" }</h2>
            <div class="table-scroll">
                <table class="scores">
                    <thead><tr><th scope="col">{ "Lesson" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Score" }</th><th scope="col">{ "Answered" }</th><th scope="col">{ "Exercises" }</th><th scope="col">{ "To revisit" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <h2>{ "Reflection answers" }</h2>
            if reflections.is_empty() {
                <p class="meta">{ "No reflection answers yet. Each lesson ends with a few questions to think about." }</p>
            } else {
                { for reflections }
            }
            { kept_aside(KeptAside {
                title: "Kept-aside records",
                about: "Records that were replaced, reset or could not be read are kept here untouched. Download one to inspect it or to import it again.",
                keys: &backups,
                file: (".json", "application/json"),
                limit: storage::MAX_KEPT_RECORDS,
                label: &|k| format!("Download the record kept on {}", local_time(storage::kept_at(k))),
            }) }
            { kept_aside(KeptAside {
                title: "Kept-aside lab scenarios",
                about: "Lab scenarios from links or saved exercise work that could not be read are kept here untouched.",
                keys: &lab_backups,
                file: (".txt", "text/plain"),
                limit: storage::MAX_KEPT_SCENARIOS,
                label: &|k| {
                    let rest = k.trim_start_matches(storage::LAB_BACKUP_PREFIX);
                    let lab = rest.rsplit_once('.').map_or("lab", |(lab, _)| lab);
                    let title = cloudhop_core::labs::LabId::from_slug(lab).map_or("lab", |l| l.title());
                    format!("Download the {title} scenario kept on {}", local_time(storage::kept_at(k)))
                },
            }) }
            <section class="erase no-print">
                <h2>{ "Erase all my data" }</h2>
                <p>{ "Removes everything cloudhop stored in this browser: progress, kept-aside records and settings. You are offered a last export first." }</p>
                <button class="button danger" onclick={erase}>{ "Erase all my data…" }</button>
            </section>
        </div>
    }
}

/// A list of kept-aside values, each downloadable.
struct KeptAside<'a> {
    title: &'static str,
    about: &'static str,
    keys: &'a [String],
    /// The downloaded file's extension and type.
    file: (&'static str, &'static str),
    /// How many are kept at most.
    limit: usize,
    /// The button's text for a key.
    label: &'a dyn Fn(&str) -> String,
}

fn kept_aside(p: KeptAside<'_>) -> Html {
    if p.keys.is_empty() {
        return html! {};
    }
    let (ext, mime) = p.file;
    html! {
        <section class="backups no-print">
            <h2>{ p.title }</h2>
            <p>{ p.about }</p>
            <p class="meta">{ format!("The newest {} are kept; older ones are removed as new ones arrive.", p.limit) }</p>
            <ul>
                { for p.keys.iter().map(|k| {
                    let key = k.clone();
                    html! {
                        <li><button class="button quiet" onclick={Callback::from(move |_: MouseEvent| {
                            if let Some(raw) = storage::get(&key) {
                                // `cloudhop-progress-kept-…` or `cloudhop-<lab>-kept-…`.
                                let what = key
                                    .strip_prefix(storage::LAB_BACKUP_PREFIX)
                                    .and_then(|rest| rest.rsplit_once('.'))
                                    .map_or("progress", |(lab, _)| lab);
                                let name = format!("cloudhop-{what}-kept-{}{ext}", file_stamp_at(storage::kept_at(&key)));
                                let _ = download(&name, &raw, mime);
                            }
                        })}>{ (p.label)(k) }</button></li>
                    }
                }) }
            </ul>
        </section>
    }
}

/// A time (milliseconds since the epoch) as a date and time for people.
fn local_time(ms: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    date.to_locale_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

/// A local date and time for a file name, `2026-12-02-1304`.
fn file_stamp_at(ms: u64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02}-{:02}{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// Now, for a file name.
fn file_stamp() -> String {
    file_stamp_at(storage::now_ms())
}
