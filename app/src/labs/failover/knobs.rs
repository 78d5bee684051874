//! The knobs of one setting, drawn from what `core::failover::knobs` describes: a slider,
//! a switch or a choice per knob in effect, its label, range and current value. A change
//! is sent back as a `core` edit; `core` applies or refuses it.

use super::state::Side;
use crate::components::message::message_view;
use cloudhop_core::failover::knobs::{Control, Edit, KnobControl, KnobValue};
use yew::prelude::*;

/// One knob to draw, and where its changes go.
pub struct KnobProps<'a> {
    pub control: &'a KnobControl,
    pub side: Side,
    pub on_edit: &'a Callback<(Side, Edit)>,
}

/// One knob: label, control and (for sliders) the value as text.
pub fn knob_view(p: &KnobProps<'_>) -> Html {
    let KnobProps {
        control,
        side,
        on_edit,
    } = p;
    let k = control.knob;
    let side = *side;
    let locked = control.locked;
    let id = format!("failover-{}-{}", side.key(), k.path.replace('.', "-"));
    let emit = {
        let on_edit = (*on_edit).clone();
        move |value: KnobValue| on_edit.emit((side, Edit::new(k, value)))
    };
    let input = match k.control {
        Control::Slider(sl) => {
            let oninput = Callback::from(move |e: InputEvent| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                if let Ok(v) = input.value().parse::<f64>() {
                    emit(KnobValue::Number(v));
                }
            });
            let current = match control.value {
                KnobValue::Number(x) => x,
                _ => sl.min,
            };
            html! {
                <input type="range" id={id.clone()} data-path={k.path} min={sl.min.to_string()} max={sl.max.to_string()}
                    step={sl.step.to_string()} value={current.to_string()} disabled={locked} {oninput} />
            }
        }
        Control::Toggle => {
            let checked = control.value == KnobValue::Flag(true);
            let onchange = Callback::from(move |e: Event| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                emit(KnobValue::Flag(input.checked()));
            });
            html! { <input type="checkbox" id={id.clone()} data-path={k.path} {checked} disabled={locked} {onchange} /> }
        }
        Control::Choice(options) => {
            let current = match &control.value {
                KnobValue::Choice(c) => c.as_str(),
                _ => "",
            };
            let onchange = Callback::from(move |e: Event| {
                let sel: web_sys::HtmlSelectElement = e.target_unchecked_into();
                emit(KnobValue::Choice(sel.value()));
            });
            html! {
                <select id={id.clone()} data-path={k.path} disabled={locked} {onchange}>
                    { for options.iter().map(|o| html! {
                        <option value={o.value} selected={o.value == current}>{ o.label }</option>
                    }) }
                </select>
            }
        }
    };
    html! {
        <div key={k.path} class={classes!("failover-knob", locked.then_some("failover-locked"))} title={k.help}>
            <label for={id}>{ k.label }{ if locked { " (fixed)" } else { "" } }</label>
            { input }
            if matches!(k.control, Control::Slider(_)) {
                <output>{ control.value_text() }</output>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct KnobsProps {
    pub side: Side,
    pub controls: Vec<KnobControl>,
    pub on_edit: Callback<(Side, Edit)>,
    /// Changes when an edit is refused, so the controls are redrawn at their real values.
    pub redraw: u64,
    /// Why core refused this setting's last edit.
    #[prop_or_default]
    pub refused: Option<AttrValue>,
}

/// A setting's knobs, and why an edit was refused.
#[function_component]
pub fn Knobs(p: &KnobsProps) -> Html {
    html! {
        <>
            <fieldset class="failover-knobs">
                <legend>{ format!("Setting {}", p.side.name()) }</legend>
                { for p.controls.iter().map(|c| knob_view(&KnobProps {
                    control: c,
                    side: p.side,
                    on_edit: &p.on_edit,
                })) }
            </fieldset>
            if let Some(why) = &p.refused {
                <p class="failover-error" role="alert">{ message_view(why) }</p>
            }
        </>
    }
}
