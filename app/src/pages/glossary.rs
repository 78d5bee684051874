//! The glossary: every term, alphabetically, with a filter.

use crate::components::prose::Prose;
use cloudhop_lessons::Course;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`GlossaryPage`].
#[derive(Properties, PartialEq)]
pub struct GlossaryProps {
    /// The course.
    pub course: Rc<Course>,
    /// A term to highlight and scroll to.
    #[prop_or_default]
    pub focus: Option<AttrValue>,
}

/// The glossary page.
#[function_component]
pub fn GlossaryPage(props: &GlossaryProps) -> Html {
    let filter = use_state(String::new);
    {
        let focus = props.focus.clone();
        use_effect_with(focus, |focus| {
            if let Some(id) = focus {
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&format!("term-{id}")))
                {
                    el.scroll_into_view();
                }
            }
        });
    }
    let mut terms: Vec<_> = props.course.glossary.iter().collect();
    cloudhop_core::order::sort_by_key(&mut terms, |t| t.name.to_lowercase());
    let needle = filter.to_lowercase();
    let shown: Vec<_> = terms
        .into_iter()
        .filter(|t| {
            needle.is_empty()
                || t.name.to_lowercase().contains(&needle)
                || t.aliases.iter().any(|a| a.to_lowercase().contains(&needle))
        })
        .collect();
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            filter.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <div class="glossary">
            <h1>{ "Glossary" }</h1>
            <label class="filter">{ "Filter terms " }
                <input type="search" value={(*filter).clone()} {oninput} placeholder="BGP, NAT, RPO…" />
            </label>
            <p class="meta" aria-live="polite">{ format!("{} of {} terms", shown.len(), props.course.glossary.len()) }</p>
            <dl>
                { for shown.iter().map(|t| {
                    let focused = props.focus.as_deref() == Some(t.id.as_str());
                    html! {
                        <div class={classes!("term-entry", focused.then_some("focused"))} id={format!("term-{}", t.id)}>
                            <dt>{ t.name.clone() }
                                if !t.aliases.is_empty() { <span class="aliases">{ format!(" ({})", t.aliases.join(", ")) }</span> }
                            </dt>
                            <dd><Prose blocks={t.definition.clone()} /></dd>
                        </div>
                    }
                }) }
            </dl>
        </div>
    }
}
