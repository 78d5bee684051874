//! The course-wide bias check on crafted courses: balanced ones pass, each pattern a
//! learner could pass by is found, counted and located by file and line.

use cloudhop_lessons::balance::{self, BiasKind};
use cloudhop_lessons::{load_sources, Course};

const HEAD: &str = "---\nid: a\ntitle: A\nsummary: S\nminutes: 5\n---\n## Intro\nHello.\n## Quiz\n";

/// A true/false item.
fn tf(id: &str, answer: bool) -> String {
    format!("### truefalse: {id}\nA claim.\n\nAnswer: {answer}\nIf true: Why.\nIf false: Why.\nExplanation: E.\n\n")
}

/// A single-choice item; `options` are `(text, correct)`.
fn single(id: &str, options: &[(&str, bool)]) -> String {
    let mut s = format!("### single: {id}\nPick one.\n\n");
    for (text, correct) in options {
        if *correct {
            s.push_str(&format!("- [x] {text}\n"));
        } else {
            s.push_str(&format!("- [ ] {text}\n  > Not this.\n"));
        }
    }
    s.push_str("\nExplanation: E.\n\n");
    s
}

/// A multiple-choice item; `marks` lists which options are correct, in order.
fn multiple(id: &str, marks: &[bool]) -> String {
    let mut s = format!("### multiple: {id}\nTick all.\n\n");
    for (i, correct) in marks.iter().enumerate() {
        if *correct {
            s.push_str(&format!("- [x] Option {i}\n"));
        } else {
            s.push_str(&format!("- [ ] Option {i}\n  > Not this.\n"));
        }
    }
    s.push_str("\nExplanation: E.\n\n");
    s
}

fn course(items: &[String]) -> Course {
    let text = format!("{HEAD}{}", items.concat());
    load_sources(&[("01-a.md", &text)]).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Right options of every rank by length among [`WRONG`]: longest, second longest...
const RIGHT_BY_RANK: [&str; 4] = [
    "The right one, said at greater length",
    "The right option here",
    "Right one!",
    "Yes",
];
/// Wrong options of 9, 14 and 25 characters.
const WRONG: [&str; 3] = ["Wrong one", "A wrong option", "Quite a long wrong option"];

/// A single-choice item with its right option at `position` and length rank `rank`.
fn single_at(id: &str, position: usize, rank: usize) -> String {
    let mut opts: Vec<(&str, bool)> = WRONG.iter().map(|w| (*w, false)).collect();
    opts.insert(position, (RIGHT_BY_RANK[rank], true));
    single(id, &opts)
}

/// Length ranks of the balanced course's eight single-choice items: two of each.
const RANKS: [usize; 8] = [3, 2, 1, 3, 2, 1, 0, 0];

/// A course with no pattern: half the claims true, the right option in every position and
/// at every rank by length, correct ticks spread out.
fn balanced() -> Vec<String> {
    let mut items = Vec::new();
    for i in 0..10 {
        items.push(tf(&format!("t{i}"), i % 2 == 0));
    }
    for (i, rank) in RANKS.iter().enumerate() {
        items.push(single_at(&format!("s{i}"), i % 4, *rank));
    }
    for i in 0..6 {
        // Half list their correct options first: at the bound, still fine.
        let marks = if i % 2 == 0 {
            [true, true, false, false]
        } else {
            [false, true, false, true]
        };
        items.push(multiple(&format!("m{i}"), &marks));
    }
    items
}

#[test]
fn a_balanced_course_has_no_bias() {
    let found = balance::check(&course(&balanced()));
    assert!(found.biases.is_empty(), "{:?}", found.biases);
    let f = &found.figures;
    assert_eq!((f.true_false, f.true_answers), (10, 5));
    assert_eq!((f.single, f.longest_correct), (8, 2));
    assert_eq!(f.positions, vec![2, 2, 2, 2]);
    assert_eq!(f.length_ranks, vec![2, 2, 2, 2]);
    assert_eq!(
        f.to_string(),
        "true/false items that are true: 5 of 10 (50%)\n\
         single-choice items whose correct option is the longest: 2 of 8 (25%)\n\
         single-choice correct option by position: 1st 2, 2nd 2, 3rd 2, 4th 2\n\
         single-choice correct option by length: longest 2, 2nd longest 2, 3rd longest 2, 4th longest 2\n\
         multiple-choice items listing every correct option first: 3 of 6 (50%)"
    );
    assert_eq!((f.multiple, f.correct_first), (6, 3));
}

#[test]
fn all_false_claims_are_found_with_file_and_line() {
    let mut items = balanced();
    for (i, item) in items.iter_mut().take(10).enumerate() {
        *item = tf(&format!("t{i}"), i == 0);
    }
    let found = balance::check(&course(&items));
    assert_eq!(found.biases.len(), 1, "{:?}", found.biases);
    let bias = &found.biases[0];
    assert_eq!(
        bias.kind,
        BiasKind::TrueShare {
            true_items: 1,
            total: 10
        }
    );
    let text = bias.to_string();
    assert!(
        text.starts_with("1 of 10 true/false items (10%) are true: keep it between 35% and 65%, or \"always false\" passes"),
        "{text}"
    );
    // The first false item, t1, is the second item: its heading is on line 18.
    assert!(
        text.contains("\n  01-a.md:18: item `t1`: answer false"),
        "{text}"
    );
    assert!(text.ends_with("\n  ... and 4 more"), "{text}");
    assert_eq!(bias.items.len(), 9);
}

#[test]
fn too_many_true_claims_are_found_too() {
    let mut items = balanced();
    for (i, item) in items.iter_mut().take(10).enumerate() {
        *item = tf(&format!("t{i}"), i < 7);
    }
    let found = balance::check(&course(&items));
    assert_eq!(found.biases.len(), 1);
    assert!(found.biases[0]
        .to_string()
        .contains("7 of 10 true/false items (70%) are true"));
    assert!(found.biases[0]
        .to_string()
        .contains("\"always true\" passes"));
    // The bounds are inclusive: 65% would pass, and so does 35%.
    for trues in [4, 6] {
        let mut items = balanced();
        for (i, item) in items.iter_mut().take(10).enumerate() {
            *item = tf(&format!("t{i}"), i < trues);
        }
        assert!(balance::check(&course(&items)).biases.is_empty());
    }
}

#[test]
fn the_longest_option_being_right_is_found_worst_first() {
    let mut items = balanced();
    // Two more (s6 and s7 already are): four of eight (50%) with the right option longest,
    // one by far.
    let long = [
        (
            "The right option, written out at length with every condition",
            true,
        ),
        ("Short wrong", false),
        ("Also wrong", false),
        ("Wrong too", false),
    ];
    let tie = [
        ("Wrong, as long", false),
        ("Right and long", true),
        ("Wrong", false),
        ("Wrong", false),
    ];
    items[10] = single("s0", &long);
    items[11] = single("s1", &tie);
    let found = balance::check(&course(&items));
    assert_eq!(found.biases.len(), 1, "{:?}", found.biases);
    let bias = &found.biases[0];
    assert_eq!(
        bias.kind,
        BiasKind::LongestCorrect {
            longest: 4,
            total: 8
        }
    );
    let text = bias.to_string();
    assert!(text.starts_with("in 4 of 8 single-choice items (50%) the correct option is the longest: at most 40% may be"), "{text}");
    assert_eq!(bias.items[0].item, "s0", "the widest margin first");
    assert!(
        bias.items[0]
            .detail
            .contains("has 60 characters, the longest wrong one 11"),
        "{:?}",
        bias.items[0]
    );
    // Three of eight (37.5%) is within bounds.
    items[11] = balanced()[11].clone();
    assert!(balance::check(&course(&items)).biases.is_empty());
}

#[test]
fn the_right_option_in_one_position_is_found() {
    let mut items = balanced();
    // Five of eight (62.5%) in the second position.
    for i in [0, 2, 3] {
        items[10 + i] = single_at(&format!("s{i}"), 1, RANKS[i]);
    }
    let found = balance::check(&course(&items));
    assert_eq!(found.biases.len(), 1, "{:?}", found.biases);
    assert_eq!(
        found.biases[0].kind,
        BiasKind::OnePosition {
            position: 1,
            count: 5,
            total: 8
        }
    );
    let text = found.biases[0].to_string();
    assert!(
        text.starts_with("in 5 of 8 single-choice items (63%) the correct option is the 2nd one"),
        "{text}"
    );
    assert!(
        text.contains("item `s0`: the correct option is the 2nd of 4"),
        "{text}"
    );
    assert_eq!(found.figures.positions, vec![1, 5, 1, 1]);
}

#[test]
fn the_right_option_always_second_longest_is_found() {
    // Fixing "the longest is right" by making the right option a little shorter than one
    // distractor, every time, only moves the pattern.
    let mut items = balanced();
    for i in 0..5 {
        items[10 + i] = single_at(&format!("s{i}"), i % 4, 1);
    }
    let found = balance::check(&course(&items));
    assert_eq!(found.biases.len(), 1, "{:?}", found.biases);
    assert_eq!(
        found.biases[0].kind,
        BiasKind::OneLengthRank {
            rank: 1,
            count: 6,
            total: 8
        }
    );
    let text = found.biases[0].to_string();
    assert!(
        text.starts_with("in 6 of 8 single-choice items (75%) the correct option is the 2nd longest: at most 50% may share a rank by length, or \"pick the 2nd longest\" passes"),
        "{text}"
    );
    assert!(
        text.contains("item `s0`: the correct option is the 2nd longest of 4"),
        "{text}"
    );
    // Four of eight (50%) is within bounds.
    items[14] = balanced()[14].clone();
    items[13] = balanced()[13].clone();
    assert!(balance::check(&course(&items)).biases.is_empty());
}

#[test]
fn correct_options_always_first_are_found() {
    let mut items = balanced();
    for i in 0..6 {
        items[18 + i] = multiple(&format!("m{i}"), &[true, true, false, false]);
    }
    let found = balance::check(&course(&items));
    assert_eq!(found.biases.len(), 1, "{:?}", found.biases);
    assert_eq!(
        found.biases[0].kind,
        BiasKind::CorrectFirst { first: 6, total: 6 }
    );
    let text = found.biases[0].to_string();
    assert!(text.starts_with("in 6 of 6 multiple-choice items (100%) every correct option comes before every wrong one"), "{text}");
    assert!(
        text.contains("item `m0`: the correct options are the first 2 of 4"),
        "{text}"
    );
}

#[test]
fn every_pattern_at_once_is_reported_once_each() {
    let mut items = Vec::new();
    for i in 0..6 {
        items.push(tf(&format!("t{i}"), false));
        items.push(single(
            &format!("s{i}"),
            &[("The right option, long", true), ("Wrong", false)],
        ));
        items.push(multiple(&format!("m{i}"), &[true, false]));
    }
    let found = balance::check(&course(&items));
    let kinds: Vec<String> = found
        .biases
        .iter()
        .map(|b| {
            format!("{:?}", b.kind)
                .split(' ')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        kinds,
        ["TrueShare", "LongestCorrect", "OnePosition", "CorrectFirst"]
    );
}

#[test]
fn a_few_items_are_too_few_to_measure() {
    // Four false claims and four first-and-longest options: too few to call a pattern.
    let mut items = Vec::new();
    for i in 0..4 {
        items.push(tf(&format!("t{i}"), false));
        items.push(single(
            &format!("s{i}"),
            &[("The right option, long", true), ("Wrong", false)],
        ));
        items.push(multiple(&format!("m{i}"), &[true, false]));
    }
    let found = balance::check(&course(&items));
    assert!(found.biases.is_empty(), "{:?}", found.biases);
    assert_eq!(found.figures.true_false, 4);
}
