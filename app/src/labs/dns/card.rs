//! One editing card: a list of things of one kind (rows with Edit and Remove) and a form
//! that adds one or replaces the one with the same id. The card only holds what is typed;
//! the page turns the fields into a `DnsEdit`, which core applies or refuses (the refusal
//! shows in the card).

use crate::components::message::message_view;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;

/// What was typed, by field key.
pub type Values = BTreeMap<&'static str, String>;

/// How a field is entered.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    /// Free text, with an example shown as a placeholder.
    Text(&'static str),
    /// One of these (value, label).
    Select(Vec<(String, String)>),
    /// Yes or no ("true" or "").
    Check,
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
}

impl Field {
    pub fn text(key: &'static str, label: &'static str, example: &'static str) -> Field {
        Field {
            key,
            label,
            kind: FieldKind::Text(example),
        }
    }
    pub fn select(key: &'static str, label: &'static str, options: Vec<(String, String)>) -> Field {
        Field {
            key,
            label,
            kind: FieldKind::Select(options),
        }
    }
    pub fn check(key: &'static str, label: &'static str) -> Field {
        Field {
            key,
            label,
            kind: FieldKind::Check,
        }
    }
}

/// One thing in the list.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Its id (what Remove removes).
    pub id: String,
    /// What it is, in words from core.
    pub text: String,
    /// The form's fields for editing it.
    pub values: Values,
    /// Controls of its own (the link's port 53 switch).
    pub extra: Html,
}

/// Properties of a card.
#[derive(Properties, PartialEq)]
pub struct CardProps {
    /// This lab's prefix for element ids (several labs can share a lesson page).
    pub uid: AttrValue,
    /// A short key (`rules`), used in ids and classes.
    pub card: &'static str,
    pub title: &'static str,
    /// One sentence on what this kind of thing does.
    pub about: &'static str,
    pub rows: Rc<Vec<Row>>,
    pub fields: Rc<Vec<Field>>,
    /// The form submitted.
    pub on_save: Callback<Values>,
    /// Remove the row with this id (absent: rows are not removed here).
    #[prop_or_default]
    pub on_remove: Option<Callback<String>>,
    /// Why the last edit from this card was refused.
    #[prop_or_default]
    pub refused: Option<AttrValue>,
    /// The form's button.
    #[prop_or(AttrValue::Static("Save"))]
    pub save_label: AttrValue,
}

fn defaults(fields: &[Field]) -> Values {
    fields
        .iter()
        .map(|f| {
            let v = match &f.kind {
                FieldKind::Select(opts) => opts.first().map(|o| o.0.clone()).unwrap_or_default(),
                _ => String::new(),
            };
            (f.key, v)
        })
        .collect()
}

/// A card.
#[function_component]
pub fn Card(p: &CardProps) -> Html {
    let values = {
        let fields = p.fields.clone();
        use_state(move || defaults(&fields))
    };
    let form_ref = use_node_ref();
    let card = p.card;
    let fields = p.fields.iter().map(|f| {
        let id = format!("{}-{card}-{}", p.uid, f.key);
        let current = values.get(f.key).cloned().unwrap_or_default();
        let values = values.clone();
        let key = f.key;
        let set = move |v: String| {
            let mut next = (*values).clone();
            next.insert(key, v);
            values.set(next);
        };
        match &f.kind {
            FieldKind::Text(example) => {
                let oninput = Callback::from(move |e: InputEvent| {
                    let i: web_sys::HtmlInputElement = e.target_unchecked_into();
                    set(i.value());
                });
                html! {
                    <label class="dns-field" for={id.clone()}>
                        <span>{ f.label }</span>
                        <input {id} type="text" value={current} placeholder={*example} {oninput}
                            spellcheck="false" autocomplete="off" data-field={key} />
                    </label>
                }
            }
            FieldKind::Select(options) => {
                let onchange = Callback::from(move |e: Event| {
                    let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
                    set(s.value());
                });
                html! {
                    <label class="dns-field" for={id.clone()}>
                        <span>{ f.label }</span>
                        <select {id} {onchange} data-field={key}>
                            { for options.iter().map(|(v, l)| html! {
                                <option value={v.clone()} selected={*v == current}>{ l.clone() }</option>
                            }) }
                        </select>
                    </label>
                }
            }
            FieldKind::Check => {
                let on = !current.is_empty();
                let onchange = Callback::from(move |e: Event| {
                    let i: web_sys::HtmlInputElement = e.target_unchecked_into();
                    set(if i.checked() { "true".into() } else { String::new() });
                });
                html! {
                    <label class="dns-field dns-check" for={id.clone()}>
                        <input {id} type="checkbox" checked={on} {onchange} data-field={key} />
                        <span>{ f.label }</span>
                    </label>
                }
            }
        }
    });
    let onsubmit = {
        let values = values.clone();
        let on_save = p.on_save.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_save.emit((*values).clone());
        })
    };
    let on_new = {
        let values = values.clone();
        let fields = p.fields.clone();
        Callback::from(move |_: MouseEvent| values.set(defaults(&fields)))
    };
    let rows = p.rows.iter().map(|r| {
        let on_edit = {
            let values = values.clone();
            let fill = r.values.clone();
            let form_ref = form_ref.clone();
            let fields = p.fields.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = defaults(&fields);
                next.extend(fill.clone());
                values.set(next);
                if let Some(first) = form_ref
                    .cast::<web_sys::HtmlElement>()
                    .and_then(|f| f.query_selector("input, select").ok().flatten())
                {
                    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(first) {
                        let _ = el.focus();
                    }
                }
            })
        };
        let remove = p.on_remove.as_ref().map(|cb| {
            let id = r.id.clone();
            cb.reform(move |_: MouseEvent| id.clone())
        });
        html! {
            <li class="dns-item" data-id={r.id.clone()}>
                <span class="dns-item-text">{ message_view(&r.text) }</span>
                <span class="dns-item-actions">
                    { r.extra.clone() }
                    <button type="button" class="dns-small dns-edit" onclick={on_edit}
                        aria-label={format!("Edit {}", r.id)}>{ "Edit" }</button>
                    if let Some(onclick) = remove {
                        <button type="button" class="dns-small dns-remove" {onclick}
                            aria-label={format!("Remove {}", r.id)}>{ "Remove" }</button>
                    }
                </span>
            </li>
        }
    });
    html! {
        <section class={classes!("dns-card", format!("dns-card-{card}"))} aria-labelledby={format!("{}-{card}-title", p.uid)}>
            <h3 id={format!("{}-{card}-title", p.uid)}>{ p.title }</h3>
            <p class="dns-muted">{ p.about }</p>
            if p.rows.is_empty() {
                <p class="dns-muted">{ "None yet." }</p>
            } else {
                <ul class="dns-items">{ for rows }</ul>
            }
            <form class="dns-form" ref={form_ref} {onsubmit} aria-label={format!("Add or change: {}", p.title)}>
                { for fields }
                <div class="dns-form-buttons">
                    <button type="submit" class="button primary dns-save">{ p.save_label.clone() }</button>
                    <button type="button" class="dns-small dns-new" onclick={on_new}>{ "Clear" }</button>
                </div>
            </form>
            if let Some(why) = &p.refused {
                <p class="dns-refused" role="alert">{ message_view(why) }</p>
            }
        </section>
    }
}
