//! Address planner: networks per cloud and on-premises, the address space as a bar you
//! split and join by clicking, the bit view, usable hosts per provider, overlaps with their
//! reason and a one-click fix. The plan travels in the URL and exports / imports as JSON.
//! Every number, and every change to the plan, comes from `cloudhop_core::cidr`.
//!
//! | module | what it renders |
//! |---|---|
//! | [`model`] | the state and its one reducer (no component) |
//! | [`exercise`] | exercise plumbing: start state, URL sync, goal / check / verdict |
//! | [`networks`] | the networks card, one row per network |
//! | [`problems`] | overlaps (with fixes) and rule violations |
//! | [`space`] | the address-space bar and its table |
//! | [`inspect`] | the prefix inspector |
//! | [`io`] | export and import |

mod exercise;
mod inspect;
mod io;
mod model;
mod networks;
mod problems;
mod space;

use super::LabProps;
use crate::components::message::message_view;
use crate::labs::session::{lab_notice, use_lab_session, use_state_changes};
use cloudhop_core::cidr::plan::check_plan;
use cloudhop_core::cidr::provider::Provider;
use cloudhop_core::labs::{LabId, Planner};
use exercise::{initial, offers_fixes, planner_goal};
use inspect::{inspector, InspectProps};
use io::{import_export, IoProps};
use model::Action;
use networks::{network_list, ListProps};
use problems::{problems, ProblemsProps};
use space::{space_card, SpaceProps};
use std::rc::Rc;
use yew::prelude::*;

/// The CSS class of a provider's colour.
fn provider_class(p: Provider) -> &'static str {
    match p {
        Provider::Aws => "planner-p-aws",
        Provider::Azure => "planner-p-azure",
        Provider::Gcp => "planner-p-gcp",
        Provider::Onprem => "planner-p-onprem",
    }
}

/// The address planner lab.
#[function_component]
pub fn PlannerLab(props: &LabProps) -> Html {
    let session = use_lab_session::<Planner>(props);
    let model = {
        let session = session.clone();
        use_reducer(move || initial(&session))
    };
    use_state_changes(&session, &model.plan);

    let plan = Rc::new(model.plan.clone());
    let report = Rc::new(check_plan(&model.plan).unwrap_or_default());
    let d = model.dispatcher();
    let on_inspect = {
        let d = d.clone();
        Callback::from(move |t: String| d.dispatch(Action::Inspect(t)))
    };
    let section_class = classes!("lab", "planner", props.compact.then_some("compact"));
    html! {
        <section class={section_class} aria-label="Address planner">
            if !props.compact { <h2>{"Address planner"}</h2> }
            { lab_notice(LabId::Planner, session.notice.as_ref()) }
            { planner_goal(&session, &model.plan) }
            if let Some(n) = &model.notice { <p class="planner-notice" role="status">{ message_view(n) }</p> }
            <div class="planner-grid">
                { network_list(&ListProps { plan: plan.clone(), report: report.clone(), drafts: model.drafts.clone(), selected: model.selected, locked: model.locked.clone(), dispatch: d.clone() }) }
                { problems(&ProblemsProps { report, locked: model.locked.clone(), offer_fixes: offers_fixes(props), dispatch: d.clone() }) }
                { space_card(&SpaceProps { plan, root_text: model.root_text.clone(), space: model.space.clone(), dispatch: d.clone() }) }
                { inspector(&InspectProps { text: model.inspect.clone(), on_text: on_inspect }) }
                { import_export(&IoProps { json: model.plan.to_json_pretty(), import_text: model.import_text.clone(), linked: props.on_state_change.is_some(), dispatch: d }) }
            </div>
        </section>
    }
}
