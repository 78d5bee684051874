//! Address planner: networks per cloud and on-premises, the address space as a bar you
//! split and join by clicking, the bit view, usable hosts per provider, overlaps with their
//! reason and a one-click fix. The plan travels in the URL and exports / imports as JSON.
//! Every number comes from `cloudhop_core::cidr`.

mod inspect;
mod space;

use super::LabProps;
use cloudhop_core::cidr::exercise::{check, PlannerExercise};
use cloudhop_core::cidr::plan::{check_plan, Network, Plan, Report};
use cloudhop_core::cidr::prefix::parse_prefix;
use cloudhop_core::cidr::provider::{usable, Kind, Provider};
use cloudhop_core::cidr::IpNet;
use cloudhop_core::exercise::Verdict;
use cloudhop_core::labs::ExerciseSpec;
use cloudhop_core::share;
use inspect::Inspector;
use space::{classify, default_root, join, splits_for_plan, Usage};
use std::rc::Rc;
use yew::prelude::*;

const SAMPLE: &str = r#"{"title": "Hybrid network", "networks": [
  {"name": "office", "provider": "onprem", "blocks": ["10.0.0.0/16"]},
  {"name": "aws-prod", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]},
  {"name": "gcp-web", "provider": "gcp", "blocks": ["10.1.0.0/20"]},
  {"name": "azure-hub", "provider": "azure", "kind": "vpc", "blocks": ["10.2.0.0/16", "fd00:2::/48"]}
]}"#;

/// The lab's state.
#[derive(Clone, PartialEq)]
struct Model {
    plan: Plan,
    /// The blocks field of each network as typed (the plan keeps the split list).
    drafts: Vec<String>,
    selected: Option<usize>,
    root_text: String,
    splits: Vec<IpNet>,
    inspect: String,
    import_text: String,
    notice: Option<String>,
    verdict: Option<Verdict>,
    locked: Vec<String>,
}

enum Action {
    Name(usize, String),
    Provider(usize, Provider),
    Kind(usize, Kind),
    Blocks(usize, String),
    Remove(usize),
    Add,
    Select(usize),
    Fix(String, String, String),
    Root(String),
    Split(IpNet),
    Join(IpNet),
    UseLeaf(IpNet),
    Inspect(String),
    ImportText(String),
    Import,
    Verdict(Verdict),
    Notice(String),
}

fn split_blocks(text: &str) -> Vec<String> {
    let cleaned = text.replace(" /", "/").replace("/ ", "/");
    cleaned
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

impl Model {
    fn new(plan: Plan, locked: Vec<String>, notice: Option<String>) -> Model {
        let root = default_root(&plan);
        let drafts = plan.networks.iter().map(|n| n.blocks.join(", ")).collect();
        let inspect = plan
            .networks
            .first()
            .and_then(|n| n.blocks.first().cloned())
            .unwrap_or_else(|| root.to_string());
        Model {
            splits: splits_for_plan(&plan, &root),
            root_text: root.to_string(),
            plan,
            drafts,
            selected: None,
            inspect,
            import_text: String::new(),
            notice,
            verdict: None,
            locked,
        }
    }

    fn root(&self) -> Option<IpNet> {
        parse_prefix(&self.root_text).ok()
    }

    fn is_locked(&self, i: usize) -> bool {
        self.plan
            .networks
            .get(i)
            .is_some_and(|n| self.locked.contains(&n.name))
    }

    fn resplit(&mut self) {
        if let Some(root) = self.root() {
            for s in splits_for_plan(&self.plan, &root) {
                if !self.splits.contains(&s) {
                    self.splits.push(s);
                }
            }
        }
    }
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut m = (*self).clone();
        m.verdict = None;
        match action {
            Action::Name(i, v) if !m.is_locked(i) => {
                if let Some(n) = m.plan.networks.get_mut(i) {
                    n.name = v;
                }
            }
            Action::Provider(i, p) if !m.is_locked(i) => {
                if let Some(n) = m.plan.networks.get_mut(i) {
                    n.provider = p;
                }
            }
            Action::Kind(i, k) if !m.is_locked(i) => {
                if let Some(n) = m.plan.networks.get_mut(i) {
                    n.kind = k;
                }
            }
            Action::Blocks(i, text) if !m.is_locked(i) => {
                if let Some(n) = m.plan.networks.get_mut(i) {
                    n.blocks = split_blocks(&text);
                }
                if let Some(d) = m.drafts.get_mut(i) {
                    *d = text;
                }
                m.resplit();
            }
            Action::Remove(i) if !m.is_locked(i) => {
                if i < m.plan.networks.len() {
                    m.plan.networks.remove(i);
                    m.drafts.remove(i);
                    m.selected = None;
                }
            }
            Action::Add => {
                let mut k = m.plan.networks.len() + 1;
                while m.plan.network(&format!("net-{k}")).is_some() {
                    k += 1;
                }
                m.plan.networks.push(Network {
                    name: format!("net-{k}"),
                    ..Default::default()
                });
                m.drafts.push(String::new());
                m.selected = Some(m.plan.networks.len() - 1);
            }
            Action::Select(i) => {
                m.selected = if m.selected == Some(i) { None } else { Some(i) };
                if let Some(b) = m.plan.networks.get(i).and_then(|n| n.blocks.first()) {
                    m.inspect = b.clone();
                }
            }
            Action::Fix(network, cidr, replacement) => {
                if let Some(i) = m.plan.networks.iter().position(|n| n.name == network) {
                    if !m.is_locked(i) {
                        if let Some(n) = m.plan.networks.get_mut(i) {
                            for b in n.blocks.iter_mut() {
                                if parse_prefix(b).is_ok_and(|p| p.to_string() == cidr) {
                                    *b = replacement.clone();
                                }
                            }
                            let joined = n.blocks.join(", ");
                            if let Some(d) = m.drafts.get_mut(i) {
                                *d = joined;
                            }
                        }
                        m.notice = Some(format!("Moved `{network}` from {cidr} to {replacement}."));
                        m.resplit();
                    }
                }
            }
            Action::Root(t) => {
                m.root_text = t;
                if let Some(root) = m.root() {
                    m.splits = splits_for_plan(&m.plan, &root);
                }
            }
            Action::Split(n) => {
                if !m.splits.contains(&n) {
                    m.splits.push(n);
                }
                m.inspect = n.to_string();
            }
            Action::Join(n) => {
                if let Some(parent) = n.supernet() {
                    join(&mut m.splits, &parent);
                    m.inspect = parent.to_string();
                }
            }
            Action::UseLeaf(leaf) => {
                let target = match m.selected.filter(|i| !m.is_locked(*i)) {
                    Some(i) => i,
                    None => {
                        let k = m.plan.networks.len() + 1;
                        m.plan.networks.push(Network {
                            name: format!("net-{k}"),
                            ..Default::default()
                        });
                        m.drafts.push(String::new());
                        m.plan.networks.len() - 1
                    }
                };
                if let Some(n) = m.plan.networks.get_mut(target) {
                    n.blocks.push(leaf.to_string());
                    let joined = n.blocks.join(", ");
                    if let Some(d) = m.drafts.get_mut(target) {
                        *d = joined;
                    }
                    m.notice = Some(format!("Added {leaf} to `{}`.", n.name));
                }
                m.selected = Some(target);
            }
            Action::Inspect(t) => m.inspect = t,
            Action::ImportText(t) => m.import_text = t,
            Action::Import => match Plan::from_json(&m.import_text) {
                Ok(plan) => {
                    let locked = m.locked.clone();
                    let mut fresh = Model::new(plan, locked, Some("Plan imported.".into()));
                    fresh.import_text = String::new();
                    return Rc::new(fresh);
                }
                Err(e) => m.notice = Some(e),
            },
            Action::Verdict(v) => m.verdict = Some(v),
            Action::Notice(n) => m.notice = Some(n),
            _ => m.notice = Some("That network is fixed in this exercise.".into()),
        }
        Rc::new(m)
    }
}

fn exercise_of(props: &LabProps) -> Option<PlannerExercise> {
    props.exercise.as_ref().and_then(|h| match &*h.spec {
        ExerciseSpec::Planner(e) => Some(e.clone()),
        _ => None,
    })
}

fn initial(props: &LabProps) -> Model {
    if let (Some(hook), Some(ex)) = (&props.exercise, exercise_of(props)) {
        let saved = hook
            .saved_state
            .as_deref()
            .and_then(|s| Plan::from_json(s).ok());
        return Model::new(saved.unwrap_or(ex.start.clone()), ex.locked.clone(), None);
    }
    let sample = Plan::from_json(SAMPLE).unwrap_or_default();
    match props.url_state.as_deref() {
        Some(s) if !s.is_empty() => match Plan::from_json(&share::decode(s)) {
            Ok(p) => Model::new(p, vec![], None),
            Err(e) => Model::new(
                sample,
                vec![],
                Some(format!(
                    "The plan in this link could not be read, so the sample is shown: {e}"
                )),
            ),
        },
        _ => Model::new(sample, vec![], None),
    }
}

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
    let model = {
        let props = props.clone();
        use_reducer(move || initial(&props))
    };
    let exercise = exercise_of(props);

    // Keep the URL in step with the plan.
    {
        let on_change = props.on_state_change.clone();
        use_effect_with(model.plan.clone(), move |plan| {
            if let Some(cb) = on_change {
                cb.emit(share::encode(&plan.to_json()));
            }
        });
    }

    let report: Report = check_plan(&model.plan).unwrap_or_default();
    let d = model.dispatcher();

    // ----- exercise goal and check -----
    let exercise_box = match (&exercise, &props.exercise) {
        (Some(ex), Some(hook)) => {
            let on_check = {
                let (ex, hook, plan, d) = (ex.clone(), hook.clone(), model.plan.clone(), d.clone());
                Callback::from(move |_| {
                    let v = check(&ex, &plan);
                    d.dispatch(Action::Verdict(v.clone()));
                    hook.on_check.emit((v, Some(plan.to_json())));
                })
            };
            let verdict = model.verdict.as_ref().map(|v| {
                let class = if v.passed { "planner-verdict pass" } else { "planner-verdict fail" };
                html! { <p class={class} role="status">{ if v.passed { "✔ " } else { "✘ " } }{ &v.message }</p> }
            });
            html! {
                <div class="planner-goal">
                    <p><strong>{"Goal: "}</strong>{ &ex.goal }</p>
                    if !ex.locked.is_empty() {
                        <p class="planner-muted">{ format!("Fixed (cannot change): {}", ex.locked.join(", ")) }</p>
                    }
                    <button class="planner-btn primary" onclick={on_check}>{"Check"}</button>
                    { for verdict }
                </div>
            }
        }
        (None, Some(_)) => {
            html! { <p class="planner-error">{"This exercise is not a planner exercise."}</p> }
        }
        _ => html! {},
    };

    // ----- networks -----
    let rows: Html = model
        .plan
        .networks
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let locked = model.is_locked(i);
            let draft = model.drafts.get(i).cloned().unwrap_or_default();
            let on_name = {
                let d = d.clone();
                Callback::from(move |e: InputEvent| {
                    let t: web_sys::HtmlInputElement = e.target_unchecked_into();
                    d.dispatch(Action::Name(i, t.value()));
                })
            };
            let on_provider = {
                let d = d.clone();
                Callback::from(move |e: Event| {
                    let t: web_sys::HtmlSelectElement = e.target_unchecked_into();
                    if let Ok(p) = Provider::parse(&t.value()) {
                        d.dispatch(Action::Provider(i, p));
                    }
                })
            };
            let on_kind = {
                let d = d.clone();
                Callback::from(move |e: Event| {
                    let t: web_sys::HtmlSelectElement = e.target_unchecked_into();
                    let k = if t.value() == "vpc" { Kind::Vpc } else { Kind::Subnet };
                    d.dispatch(Action::Kind(i, k));
                })
            };
            let on_blocks = {
                let d = d.clone();
                Callback::from(move |e: InputEvent| {
                    let t: web_sys::HtmlInputElement = e.target_unchecked_into();
                    d.dispatch(Action::Blocks(i, t.value()));
                })
            };
            let on_remove = {
                let d = d.clone();
                Callback::from(move |_| d.dispatch(Action::Remove(i)))
            };
            let on_select = {
                let d = d.clone();
                Callback::from(move |_| d.dispatch(Action::Select(i)))
            };
            let mine: Vec<_> = report.violations.iter().filter(|v| v.network == n.name).collect();
            let conflicted = report.overlaps.iter().any(|o| o.a == n.name || o.b == n.name);
            let usable_text: Vec<String> = n
                .blocks
                .iter()
                .filter_map(|b| parse_prefix(b).ok())
                .filter_map(|p| usable(n.provider, n.kind, &p).ok().map(|u| format!("{p}: {u} usable")))
                .collect();
            let selected = model.selected == Some(i);
            let class = classes!(
                "planner-net",
                provider_class(n.provider),
                selected.then_some("selected"),
                conflicted.then_some("conflict"),
                (!mine.is_empty()).then_some("invalid")
            );
            let kind_value = if n.kind == Kind::Vpc { "vpc" } else { "subnet" };
            html! {
                <li class={class} key={i}>
                    <div class="planner-net-row">
                        <span class="planner-swatch" aria-hidden="true"></span>
                        <input class="planner-name" type="text" value={n.name.clone()} oninput={on_name}
                            aria-label={format!("Name of network {}", i + 1)} disabled={locked} />
                        <select onchange={on_provider} aria-label={format!("Provider of {}", n.name)} disabled={locked}>
                            { for Provider::ALL.iter().map(|p| html! {
                                <option value={p.id()} selected={*p == n.provider}>{ p.title() }</option>
                            }) }
                        </select>
                        <select onchange={on_kind} aria-label={format!("Kind of {}", n.name)} disabled={locked}>
                            <option value="vpc" selected={kind_value == "vpc"}>{ if n.provider == Provider::Azure { "VNet" } else { "VPC / network" } }</option>
                            <option value="subnet" selected={kind_value == "subnet"}>{ if n.provider == Provider::Onprem { "site / subnet" } else { "subnet" } }</option>
                        </select>
                        <input class="planner-blocks planner-mono" type="text" value={draft} oninput={on_blocks}
                            placeholder="10.0.0.0/16, fd00::/48" spellcheck="false"
                            aria-label={format!("CIDR blocks of {}", n.name)} disabled={locked} />
                        <button class="planner-btn" onclick={on_select} aria-pressed={selected.to_string()}
                            title="Select: blocks you pick in the address-space bar are added to this network">
                            { if selected { "Selected" } else { "Select" } }
                        </button>
                        <button class="planner-btn" onclick={on_remove} disabled={locked}
                            aria-label={format!("Remove {}", n.name)}>{"✕"}</button>
                    </div>
                    if locked { <p class="planner-muted">{"Fixed in this exercise."}</p> }
                    { for mine.iter().map(|v| html! { <p class="planner-error">{ &v.message }</p> }) }
                    if !usable_text.is_empty() {
                        <p class="planner-muted planner-mono">{ usable_text.join(" · ") }</p>
                    }
                </li>
            }
        })
        .collect();
    let on_add = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Add))
    };

    // ----- problems -----
    let problems = if report.overlaps.is_empty() && report.violations.is_empty() {
        html! { <p class="planner-ok" role="status">{"✔ No overlaps and no rule violations: every network can be connected to every other."}</p> }
    } else {
        let overlaps: Html = report
            .overlaps
            .iter()
            .map(|o| {
                let fix = report
                    .suggestions
                    .iter()
                    .find(|s| (s.network == o.b && s.cidr == o.b_cidr) || (s.network == o.a && s.cidr == o.a_cidr))
                    .filter(|s| !model.locked.contains(&s.network))
                    // In an exercise the learner finds the fix; the lab page offers it.
                    .filter(|_| props.exercise.is_none())
                    .map(|s| {
                        let d = d.clone();
                        let (n, c, r) = (s.network.clone(), s.cidr.clone(), s.replacement.clone());
                        let label = format!("Fix: move {} to {}", s.network, s.replacement);
                        html! {
                            <button class="planner-btn fix" onclick={Callback::from(move |_| d.dispatch(Action::Fix(n.clone(), c.clone(), r.clone())))}>
                                { label }
                            </button>
                        }
                    });
                html! {
                    <li class="planner-problem">
                        <strong>{ format!("{} ({}) overlaps {} ({})", o.a, o.a_cidr, o.b, o.b_cidr) }</strong>
                        <span>{ format!(" — both contain {}. Routers cannot tell the two apart, so peering, VPN and interconnect routes between them are refused or misrouted.", o.overlap) }</span>
                        { for fix }
                    </li>
                }
            })
            .collect();
        let violations: Html = report
            .violations
            .iter()
            .map(|v| html! { <li class="planner-problem"><strong>{ format!("{}: ", v.network) }</strong>{ &v.message }</li> })
            .collect();
        html! {
            <ul class="planner-problems" role="list">{ overlaps }{ violations }</ul>
        }
    };

    // ----- address space bar -----
    let on_root = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let t: web_sys::HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Action::Root(t.value()));
        })
    };
    let bar = match model.root() {
        None => {
            html! { <p class="planner-error">{ parse_prefix(&model.root_text).err().unwrap_or_default() }</p> }
        }
        Some(root) => {
            let leaves = classify(&model.plan, &root, &model.splits);
            let segs: Html = leaves
                .iter()
                .map(|leaf| {
                    let depth = (leaf.net.prefix_len() - root.prefix_len()) as i32;
                    let grow = 2f64.powi(-depth.min(60));
                    let (class, who) = match &leaf.usage {
                        Usage::Free => (classes!("planner-seg", "free"), "free".to_string()),
                        Usage::One(i, full) => {
                            let n = model.plan.networks.get(*i);
                            (
                                classes!("planner-seg", n.map(|n| provider_class(n.provider)), (!full).then_some("partial")),
                                n.map(|n| if *full { n.name.clone() } else { format!("part used by {}", n.name) }).unwrap_or_default(),
                            )
                        }
                        Usage::Many(v) => (
                            classes!("planner-seg", "conflict"),
                            format!(
                                "conflict: {}",
                                v.iter().filter_map(|i| model.plan.networks.get(*i)).map(|n| n.name.as_str()).collect::<Vec<_>>().join(" and ")
                            ),
                        ),
                    };
                    let net = leaf.net;
                    let on_click = {
                        let d = d.clone();
                        Callback::from(move |e: MouseEvent| {
                            if e.shift_key() || e.alt_key() {
                                d.dispatch(Action::Join(net));
                            } else {
                                d.dispatch(Action::Split(net));
                            }
                        })
                    };
                    let on_key = {
                        let d = d.clone();
                        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
                            "j" | "J" | "Backspace" => {
                                e.prevent_default();
                                d.dispatch(Action::Join(net));
                            }
                            "u" | "U" => d.dispatch(Action::UseLeaf(net)),
                            "i" | "I" => d.dispatch(Action::Inspect(net.to_string())),
                            _ => {}
                        })
                    };
                    let style = format!("flex-grow: {grow}");
                    let title = format!("{net} — {who}. Click: split. Shift+click or J: join. U: use for the selected network.");
                    html! {
                        <button class={class} style={style} title={title.clone()} aria-label={title}
                            onclick={on_click} onkeydown={on_key}>
                            <span class="planner-seg-label">{ net.to_string() }</span>
                        </button>
                    }
                })
                .collect();
            let list: Html = leaves
                .iter()
                .map(|leaf| {
                    let net = leaf.net;
                    let who = match &leaf.usage {
                        Usage::Free => html! { <span class="planner-muted">{"free"}</span> },
                        Usage::One(i, full) => {
                            let name = model.plan.networks.get(*i).map(|n| n.name.clone()).unwrap_or_default();
                            html! { <span>{ if *full { name } else { format!("partly {name}") } }</span> }
                        }
                        Usage::Many(_) => html! { <span class="planner-error">{"conflict"}</span> },
                    };
                    let dsplit = d.clone();
                    let djoin = d.clone();
                    let duse = d.clone();
                    let can_split = net.prefix_len() < net.max_prefix_len()
                        && net.prefix_len() < root.prefix_len() + space::MAX_DEPTH;
                    html! {
                        <tr>
                            <td class="planner-mono">{ net.to_string() }</td>
                            <td>{ who }</td>
                            <td>
                                <button class="planner-btn small" disabled={!can_split}
                                    onclick={Callback::from(move |_| dsplit.dispatch(Action::Split(net)))}>{"Divide"}</button>
                                <button class="planner-btn small" disabled={net == root}
                                    onclick={Callback::from(move |_| djoin.dispatch(Action::Join(net)))}>{"Join"}</button>
                                if matches!(leaf.usage, Usage::Free) {
                                    <button class="planner-btn small"
                                        onclick={Callback::from(move |_| duse.dispatch(Action::UseLeaf(net)))}>{"Use"}</button>
                                }
                            </td>
                        </tr>
                    }
                })
                .collect();
            html! {
                <>
                <div class="planner-bar" role="group" aria-label={format!("Address space {root}")}>{ segs }</div>
                <p class="planner-muted">{"Click a block to divide it, Shift+click (or J) to join it with its neighbour, U or “Use” to give a free block to the selected network."}</p>
                <details class="planner-leaves">
                    <summary>{ format!("{} blocks in {root}", leaves.len()) }</summary>
                    <table><tbody>{ list }</tbody></table>
                </details>
                </>
            }
        }
    };

    // ----- import / export -----
    let json_text = model.plan.to_json_pretty();
    let on_download = {
        let text = json_text.clone();
        let d = d.clone();
        Callback::from(move |_| {
            if let Err(e) = crate::pages::progress::download("plan.json", &text, "application/json")
            {
                d.dispatch(Action::Notice(format!("The download did not start: {e}")));
            }
        })
    };
    let on_import_text = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let t: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            d.dispatch(Action::ImportText(t.value()));
        })
    };
    let on_import = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Import))
    };
    let on_inspect = {
        let d = d.clone();
        Callback::from(move |t: String| d.dispatch(Action::Inspect(t)))
    };

    let section_class = classes!("lab", "planner", props.compact.then_some("compact"));
    html! {
        <section class={section_class} aria-label="Address planner">
            if !props.compact { <h2>{"Address planner"}</h2> }
            { exercise_box }
            if let Some(n) = &model.notice { <p class="planner-notice" role="status">{ n }</p> }
            <div class="planner-grid">
                <section class="planner-card planner-networks" aria-label="Networks">
                    <h3>{"Networks"}</h3>
                    <ul class="planner-net-list">{ rows }</ul>
                    <button class="planner-btn" onclick={on_add}>{"+ Add network"}</button>
                </section>
                <section class="planner-card planner-checks" aria-label="Problems" aria-live="polite">
                    <h3>{"Overlaps and rules"}</h3>
                    { problems }
                </section>
                <section class="planner-card planner-space" aria-label="Address space">
                    <h3>{"Address space"}</h3>
                    <label class="planner-field">{"Show "}
                        <input class="planner-mono" type="text" value={model.root_text.clone()} oninput={on_root}
                            aria-label="Address space to show" spellcheck="false" />
                    </label>
                    { bar }
                </section>
                <Inspector text={model.inspect.clone()} on_text={on_inspect} />
                <section class="planner-card planner-io" aria-label="Export and import">
                    <h3>{"Export and import"}</h3>
                    <p class="planner-muted">{"The link in the address bar holds this plan. The JSON is the format of "}<code>{"cloudhop cidr check"}</code>{"."}</p>
                    <button class="planner-btn" onclick={on_download}>{"Download plan.json"}</button>
                    <details>
                        <summary>{"Show JSON"}</summary>
                        <pre class="planner-json">{ json_text }</pre>
                    </details>
                    <label class="planner-field planner-import">{"Paste a plan (JSON)"}
                        <textarea rows="4" value={model.import_text.clone()} oninput={on_import_text} spellcheck="false"
                            aria-label="Plan JSON to import" class="planner-mono" />
                    </label>
                    <button class="planner-btn" onclick={on_import} disabled={model.import_text.trim().is_empty()}>{"Import"}</button>
                </section>
            </div>
        </section>
    }
}
