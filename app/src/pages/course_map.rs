//! The home page: the course map with every lesson, its prerequisites and the learner's
//! standing, a graph of the lesson order, and the labs.

use crate::route::Route;
use crate::state::use_progress;
use cloudhop_core::labs::LabId;
use cloudhop_core::progress::LessonStanding;
use cloudhop_lessons::Course;
use yew::prelude::*;

/// The status badge for a lesson.
pub fn badge(s: &LessonStanding) -> Html {
    if s.passed {
        html! { <span class="badge passed">{ format!("Passed · {}%", s.score) }</span> }
    } else if s.in_progress() {
        html! { <span class="badge progress">{ format!("In progress · {}%", s.score) }</span> }
    } else {
        html! { <span class="badge new">{ "Not started" }</span> }
    }
}

/// What a lesson's standing means beyond the badge: the best and first-attempt scores once
/// the learner has answered, and what is left to pass (from core, never decided here).
pub fn standing_detail(s: &LessonStanding) -> Html {
    let status = s.status();
    html! {
        <>
            if s.answered > 0 {
                <span class="standing-scores">{ s.scores() }</span>
            }
            if s.in_progress() && !status.is_empty() {
                <span class="to-pass">{ status }</span>
            }
        </>
    }
}

/// Properties of [`CourseMap`].
#[derive(Properties, PartialEq)]
pub struct CourseMapProps {
    /// The course.
    pub course: std::rc::Rc<Course>,
}

/// The course map.
#[function_component]
pub fn CourseMap(props: &CourseMapProps) -> Html {
    let progress = use_progress();
    let course = &props.course;
    let standings: Vec<LessonStanding> = course
        .lessons
        .iter()
        .map(|l| l.standing(&progress.progress))
        .collect();
    let passed = standings.iter().filter(|s| s.passed).count();
    let minutes: u32 = course.lessons.iter().map(|l| l.minutes).sum();
    let next = course
        .lessons
        .iter()
        .zip(&standings)
        .find(|(_, s)| !s.passed)
        .map(|(l, _)| l);
    let title_of = |id: &str| {
        course
            .lesson(id)
            .map_or_else(|| id.to_string(), |l| l.title.clone())
    };

    html! {
        <div class="course-map">
            <section class="hero">
                <h1>{ "Multi-cloud networking, hands on" }</h1>
                <p class="lede">{ "Plan address space across clouds, watch BGP choose and re-converge, compare meshes, hubs and relays on a world map, time a failover, and follow a name through hybrid DNS. Short lessons, real engines, everything in your browser." }</p>
                <div class="hero-stats" role="group" aria-label="Your progress">
                    <div><strong>{ format!("{passed} / {}", course.lessons.len()) }</strong><span>{ "lessons passed" }</span></div>
                    <div><strong>{ format!("{} h {:02} min", minutes / 60, minutes % 60) }</strong><span>{ "whole course" }</span></div>
                    <div><strong>{ LabId::ALL.len() }</strong><span>{ "labs" }</span></div>
                </div>
                if let Some(l) = next {
                    <a class="button primary" href={Route::Lesson(l.id.clone()).href()}>
                        { if passed == 0 && !standings.iter().any(|s| s.in_progress()) { "Start the course: " } else { "Continue: " } }{ l.title.clone() }
                    </a>
                } else {
                    <a class="button primary" href={Route::Progress.href()}>{ "Course complete: see your summary" }</a>
                }
            </section>

            <section aria-labelledby="map-graph">
                <h2 id="map-graph">{ "How the lessons build on each other" }</h2>
                { graph(course, &standings) }
            </section>

            <section aria-labelledby="map-lessons">
                <h2 id="map-lessons">{ "Lessons" }</h2>
                <p class="pass-rule">{ cloudhop_core::progress::PASS_RULE }</p>
                <ol class="lesson-list">
                    { for course.lessons.iter().zip(&standings).enumerate().map(|(i, (l, s))| html! {
                        <li class="lesson-card" data-lesson={l.id.clone()}>
                            <div class="lesson-num" aria-hidden="true">{ i + 1 }</div>
                            <div class="lesson-body">
                                <h3><a href={Route::Lesson(l.id.clone()).href()}>{ l.title.clone() }</a></h3>
                                <p class="summary">{ l.summary.clone() }</p>
                                <p class="meta">
                                    <span>{ format!("{} min", l.minutes) }</span>
                                    <span>{ format!("{} questions", l.quiz.len()) }</span>
                                    if !l.exercises.is_empty() {
                                        <span>{ format!("{} exercise{}", l.exercises.len(), if l.exercises.len() == 1 { "" } else { "s" }) }</span>
                                    }
                                    if !l.prerequisites.is_empty() {
                                        <span class="prereq">{ "After: " }
                                            { for l.prerequisites.iter().enumerate().map(|(k, p)| html! {
                                                <>{ if k > 0 { ", " } else { "" } }<a href={Route::Lesson(p.clone()).href()}>{ title_of(p) }</a></>
                                            }) }
                                        </span>
                                    }
                                </p>
                            </div>
                            <div class="lesson-status">
                                { badge(s) }
                                { standing_detail(s) }
                                <progress max="100" value={s.score.to_string()} aria-label={format!("{}: {}%", l.title, s.score)}></progress>
                            </div>
                        </li>
                    }) }
                </ol>
            </section>

            <section aria-labelledby="map-labs">
                <h2 id="map-labs">{ "Labs" }</h2>
                <p>{ "Each lab is also a sandbox of its own. Every scenario you build has a link you can share or embed." }</p>
                <ul class="lab-cards">
                    { for LabId::ALL.iter().map(|l| html! {
                        <li><a class="lab-card" href={Route::Lab(*l, None).href()}>
                            <strong>{ l.title() }</strong>
                            <span>{ l.summary() }</span>
                        </a></li>
                    }) }
                </ul>
            </section>
        </div>
    }
}

/// The characters per line of a title in a graph box (12 px text in a 178 px box).
const TITLE_WIDTH: usize = 22;

/// The prerequisite graph as `cloudhop_lessons::map` lays it out: one column per depth,
/// an arrow per prerequisite, whole titles.
fn graph(course: &Course, standings: &[LessonStanding]) -> Html {
    let map = course.map_layout(TITLE_WIDTH);
    let (node_w, line_h, gap_x, gap_y) = (178.0, 15.0, 40.0, 14.0);
    let node_h = 22.0 + line_h * map.max_lines as f64;
    let x = |c: usize| 8.0 + c as f64 * (node_w + gap_x);
    let y = |r: usize| 8.0 + r as f64 * (node_h + gap_y);
    let mid = |r: usize| y(r) + node_h / 2.0;
    let width = x(map.columns) - gap_x + 8.0;
    let height = y(map.rows) - gap_y + 8.0;
    let path = |e: &cloudhop_lessons::map::MapEdge| {
        let c0 = map.nodes[e.from].column;
        let mut d = format!("M{},{}", x(c0) + node_w, mid(e.rows[0]));
        for (k, w) in e.rows.windows(2).enumerate() {
            let (xa, xb) = (x(c0 + k) + node_w, x(c0 + k + 1));
            let last = k + 2 == e.rows.len();
            let end = if last { xb - 2.0 } else { xb };
            let m = (xa + xb) / 2.0;
            d.push_str(&format!(
                " C{m},{} {m},{} {end},{}",
                mid(w[0]),
                mid(w[1]),
                mid(w[1])
            ));
            if !last {
                d.push_str(&format!(" L{},{}", xb + node_w, mid(w[1])));
            }
        }
        d
    };
    html! {
        <div class="graph-scroll">
            <svg class="lesson-graph" viewBox={format!("0 0 {width} {height}")} width={width.to_string()} height={height.to_string()}
                role="group" aria-label="Lesson prerequisite graph: each arrow points from a lesson to one that builds on it">
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" />
                    </marker>
                </defs>
                { for map.edges.iter().map(|e| html! {
                    <path class="edge" d={path(e)} marker-end="url(#arrow)" />
                }) }
                { for map.nodes.iter().map(|n| {
                    let l = &course.lessons[n.lesson];
                    let s = &standings[n.lesson];
                    let class = if s.passed { "node passed" } else if s.in_progress() { "node progress" } else { "node" };
                    let (nx, ny) = (x(n.column), y(n.row));
                    html! {
                        <a href={Route::Lesson(l.id.clone()).href()} class={class} data-lesson={l.id.clone()}>
                            <title>{ format!("{} ({}%)", l.title, s.score) }</title>
                            <rect x={nx.to_string()} y={ny.to_string()} width={node_w.to_string()} height={node_h.to_string()} rx="8" />
                            <text x={(nx + 10.0).to_string()} y={(ny + 16.0).to_string()} class="node-num">{ format!("{}", n.lesson + 1) }</text>
                            <text class="node-title" x={(nx + 10.0).to_string()} y={(ny + 16.0).to_string()}>
                                { for n.title_lines.iter().map(|line| html! {
                                    <tspan x={(nx + 10.0).to_string()} dy={line_h.to_string()}>{ line.clone() }</tspan>
                                }) }
                            </text>
                        </a>
                    }
                }) }
            </svg>
        </div>
    }
}
