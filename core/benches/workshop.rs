//! The class report over 200 receipts, as the instructor page computes it: read each
//! receipt code (base32, inflate, checksum, JSON), add it to the class, compute the report
//! and both CSV tables. The issue asks for under a second in the browser; natively it
//! should be a few milliseconds.
use cloudhop_core::progress::Progress;
use cloudhop_core::quiz::{Answer, Choice, ItemKind, QuizItem};
use cloudhop_core::workshop::{
    Class, ContentHash, Outline, OutlineExercise, OutlineLesson, OutlineReflection, Receipt,
};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

/// A workshop the size of the whole course: 12 lessons of 6 four-option items, 2 exercises
/// and 2 reflection questions each.
fn outline() -> Outline {
    let lessons = (0..12)
        .map(|l| OutlineLesson {
            id: format!("lesson-{l}"),
            title: format!("Lesson {l}"),
            pass_mark: 70,
            items: (0..6)
                .map(|i| QuizItem {
                    id: format!("item-{i}"),
                    prompt: format!("Question {i} of lesson {l}?"),
                    explanation: "Because.".into(),
                    kind: ItemKind::SingleChoice {
                        options: (0..4)
                            .map(|o| Choice::new(format!("Option {o}"), o == (i + l) % 4))
                            .collect(),
                    },
                })
                .collect(),
            exercises: (0..2)
                .map(|e| OutlineExercise {
                    id: format!("ex-{l}-{e}"),
                    title: format!("Exercise {e}"),
                })
                .collect(),
            reflections: (0..2)
                .map(|r| OutlineReflection {
                    id: format!("r{r}"),
                    prompt: format!("Reflect {r}?"),
                })
                .collect(),
        })
        .collect();
    Outline {
        id: "scale".into(),
        title: "Scale".into(),
        hash: ContentHash(42),
        lessons,
    }
}

/// 200 learners who answered every item (each a different pattern), did the exercises and
/// wrote two sentences per reflection question.
fn codes(o: &Outline) -> Vec<String> {
    (0..200usize)
        .map(|n| {
            let mut p = Progress::default();
            for (li, l) in o.lessons.iter().enumerate() {
                for (ii, q) in l.items.iter().enumerate() {
                    let pick = (n * 7 + li * 3 + ii) % 4;
                    let _ = p.answer(&l.id, q, &Answer::Choices(vec![pick]));
                }
                for (ei, e) in l.exercises.iter().enumerate() {
                    p.exercise(&l.id, &e.id, (n + ei) % 3 != 0, None);
                }
                for r in &l.reflections {
                    let text = format!("Learner {n} thinks lesson {li} matters because of reason {}. And another {}.", n * li, n + li);
                    let _ = p.reflect(&l.id, &r.id, &text);
                }
            }
            Receipt::from_progress(o, &p, &format!("Learner {n:03}"), 1_764_680_000_000, true)
                .map(|r| r.to_code())
                .unwrap_or_default()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let o = outline();
    let codes = codes(&o);
    let avg = codes.iter().map(String::len).sum::<usize>() / codes.len();
    println!("receipt code: {avg} characters on average (12 lessons, 72 items, reflections)");
    if let Ok(r) = Receipt::read(&codes[0]) {
        let bare = Receipt {
            reflections: Vec::new(),
            ..r.clone()
        };
        let qr = |r: &Receipt| r.qr().map_or(0, |q| q.width);
        println!(
            "with reflections: QR {} modules wide; without: {} characters, QR {} modules wide",
            qr(&r),
            bare.to_code().len(),
            qr(&bare)
        );
    }
    c.bench_function("workshop/report/200-receipts", |b| {
        b.iter(|| {
            let mut class = Class::new(o.clone());
            for code in black_box(&codes) {
                let _ = class.add_text(code);
            }
            let r = class.report();
            (r.roster_csv().len(), r.items_csv().len(), r.roster.len())
        })
    });
    c.bench_function("workshop/receipt/read-one", |b| {
        b.iter(|| Receipt::read(black_box(&codes[0])))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
