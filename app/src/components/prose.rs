//! Lesson prose: blocks and inline spans rendered as DOM elements and text nodes. Nothing
//! is ever parsed as HTML.

use crate::components::code::CodeView;
use crate::state::course;
use cloudhop_lessons::markup::{inline, plain_text, spans_in, Block, Inline};
use yew::prelude::*;

/// Inline spans.
pub fn spans(spans: &[Inline]) -> Html {
    spans.iter().map(span).collect()
}

/// Inline markup in a string (quiz prompts, options, feedback).
pub fn text(markup: &str) -> Html {
    spans(&inline(markup))
}

fn span(s: &Inline) -> Html {
    match s {
        Inline::Text(t) => html! { { t.clone() } },
        Inline::Strong(inner) => html! { <strong>{ spans(inner) }</strong> },
        Inline::Em(inner) => html! { <em>{ spans(inner) }</em> },
        Inline::Code(t) => html! { <code>{ t.clone() }</code> },
        Inline::Link { text, href } => {
            if href.starts_with("#/") {
                html! { <a href={crate::scope::in_app(href)}>{ text.clone() }</a> }
            } else {
                html! {
                    <a href={href.clone()} target="_blank" rel="noopener noreferrer external">
                        { text.clone() }<span class="visually-hidden">{ " (opens in a new tab)" }</span>
                    </a>
                }
            }
        }
        Inline::Glossary { term, text } => {
            let course = course();
            match course.as_ref().as_ref().ok().and_then(|c| c.term(term)) {
                Some(t) => {
                    let title = plain_text(&spans_in(&t.definition));
                    html! {
                        <a class="term" href={crate::scope::href(crate::route::Route::Glossary(Some(t.id.clone())))} title={title}>{ text.clone() }</a>
                    }
                }
                None => html! { { text.clone() } },
            }
        }
    }
}

/// Properties of [`Prose`].
#[derive(Properties, PartialEq)]
pub struct ProseProps {
    /// The blocks.
    pub blocks: Vec<Block>,
    /// Renders an `@exercise ID` placement (absent: placements render nothing).
    #[prop_or_default]
    pub exercise: Option<Callback<String, Html>>,
}

/// Blocks of prose.
#[function_component]
pub fn Prose(props: &ProseProps) -> Html {
    props
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => html! { <p>{ spans(p) }</p> },
            Block::List(items) => html! {
                <ul>{ for items.iter().map(|i| html! { <li>{ spans(i) }</li> }) }</ul>
            },
            Block::Code(c) => html! { <CodeView block={c.clone()} /> },
            Block::Heading(h) => html! { <h3>{ h.clone() }</h3> },
            Block::Exercise(id) => match &props.exercise {
                Some(cb) => cb.emit(id.clone()),
                None => html! {},
            },
        })
        .collect()
}
