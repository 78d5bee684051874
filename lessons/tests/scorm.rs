//! The whole shipped course's fullest possible progress record packs into SCORM 1.2's
//! 4,096 characters of `suspend_data`, and reads back.

use cloudhop_core::progress::{ExerciseProgress, ItemProgress, Progress, MAX_REFLECTION_CHARS};
use cloudhop_core::quiz::{Answer, ItemKind};
use cloudhop_core::scorm::suspend::{pack, unpack, MAX_TEXT_ANSWER_BYTES};

/// Text that does not compress.
fn noise(n: usize, seed: u32) -> String {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            char::from(b'!' + (x % 90) as u8)
        })
        .collect()
}

/// Every item answered with the longest answer kept, after u32::MAX attempts and giving
/// up; every exercise checked u32::MAX times, passed, with saved work; every reflection at
/// its longest.
fn fullest(course: &cloudhop_lessons::Course) -> Progress {
    let mut p = Progress::with_seed(u32::MAX);
    for (li, lesson) in course.lessons.iter().enumerate() {
        let lp = p.lessons.entry(lesson.id.clone()).or_default();
        lp.opened = true;
        for (ii, item) in lesson.quiz.iter().enumerate() {
            let last = match &item.kind {
                ItemKind::SingleChoice { options } => Answer::Choices(vec![options.len() - 1]),
                ItemKind::MultipleChoice { options } => {
                    Answer::Choices((0..options.len()).collect())
                }
                ItemKind::TrueFalse { .. } => Answer::Bool(true),
                // The longest typed answer kept that the item takes (an answer in the wrong
                // form is refused, never recorded).
                ItemKind::ShortAnswer { accepted, .. } => [
                    noise(MAX_TEXT_ANSWER_BYTES, (li * 100 + ii) as u32),
                    format!("{:<1$}", accepted[0], MAX_TEXT_ANSWER_BYTES),
                    accepted[0].clone(),
                ]
                .into_iter()
                .map(Answer::Text)
                .find(|a| item.mark(a).is_ok())
                .unwrap(),
            };
            let feedback = item.mark(&last).map(|m| m.feedback).unwrap_or_default();
            lp.items.insert(
                item.id.clone(),
                ItemProgress {
                    attempts: u32::MAX,
                    best: 100,
                    first: Some(100),
                    last_score: 100,
                    last: Some(last),
                    last_feedback: feedback,
                    gave_up: true,
                },
            );
        }
        for ex in &lesson.exercises {
            lp.exercises.insert(
                ex.id.clone(),
                ExerciseProgress {
                    attempts: u32::MAX,
                    passed: true,
                    state: Some(noise(5000, 7)),
                },
            );
        }
        for (ri, r) in lesson.reflections.iter().enumerate() {
            lp.reflections.insert(
                r.id.clone(),
                noise(MAX_REFLECTION_CHARS, (li * 10 + ri) as u32),
            );
        }
    }
    p
}

#[test]
fn the_fullest_record_of_the_whole_course_fits_scorm_12() {
    let course = cloudhop_lessons::shipped().unwrap();
    let shape = course.scorm_shape();
    let items: usize = course.lessons.iter().map(|l| l.quiz.len()).sum();
    let exercises: usize = course.lessons.iter().map(|l| l.exercises.len()).sum();
    let reflections: usize = course.lessons.iter().map(|l| l.reflections.len()).sum();
    assert!(
        items >= 70 && exercises >= 25,
        "{items} items, {exercises} exercises"
    );
    let full = fullest(&course);
    let packed = pack(&full, &shape, 4096).unwrap();
    println!(
        "fullest record: {} characters, {} uncompressed ({} items, {} exercises; {} of {} reflections left out)",
        packed.text.len(),
        packed.raw_chars,
        items,
        exercises,
        packed.reflections_left_out.len(),
        reflections
    );
    assert!(packed.text.len() <= 4096);
    // It would fit even if nothing compressed.
    assert!(packed.raw_chars <= 4096);
    assert_eq!(packed.answers_left_out, 0);
    assert_eq!(packed.reflections_left_out.len(), reflections);

    // Everything but the exercises' saved work and the reflections comes back.
    let back = unpack(&packed.text, &shape).unwrap();
    assert_eq!(back.sections_dropped, 0);
    assert_eq!(back.progress.seed, full.seed);
    for lesson in &course.lessons {
        let (a, b) = (
            &full.lessons[&lesson.id],
            &back.progress.lessons[&lesson.id],
        );
        assert_eq!(a.items, b.items, "{}", lesson.id);
        for (id, ex) in &a.exercises {
            assert_eq!(
                (ex.attempts, ex.passed),
                (b.exercises[id].attempts, b.exercises[id].passed)
            );
        }
        assert_eq!(
            course.scorm_result(&full),
            course.scorm_result(&back.progress)
        );
    }
}

#[test]
fn short_reflections_fit_beside_the_fullest_answers() {
    let course = cloudhop_lessons::shipped().unwrap();
    let shape = course.scorm_shape();
    let mut full = fullest(&course);
    for lp in full.lessons.values_mut() {
        for text in lp.reflections.values_mut() {
            *text = "Keep the resolver rules in one account and share them.".to_string();
        }
    }
    let packed = pack(&full, &shape, 4096).unwrap();
    assert!(packed.text.len() <= 4096);
    let kept: usize = unpack(&packed.text, &shape)
        .unwrap()
        .progress
        .lessons
        .values()
        .map(|l| l.reflections.len())
        .sum();
    println!(
        "short reflections: {kept} kept, {} left out, {} characters",
        packed.reflections_left_out.len(),
        packed.text.len()
    );
    assert!(kept > 0);
}
