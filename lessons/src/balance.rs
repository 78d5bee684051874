//! Course-wide balance of the answer keys: whether a learner could pass the quizzes by a
//! pattern (always answer "false", always pick the longest option, always pick the first
//! one) instead of by knowing the answer. Each item can be fine on its own while the course
//! as a whole leaks its answers, so this looks at all items together.
//!
//! The bounds:
//!
//! - true/false items: between [`TRUE_SHARE_MIN`] and [`TRUE_SHARE_MAX`] percent are true;
//! - single-choice items: in at most [`LONGEST_CORRECT_MAX`] percent is the correct option
//!   the longest (by characters; a tie for longest counts as longest);
//! - single-choice items: at most [`ONE_POSITION_MAX`] percent have the correct option in
//!   the same position;
//! - single-choice items: at most [`ONE_LENGTH_RANK_MAX`] percent have the correct option
//!   at the same rank by length below the longest (second longest, third longest...): a
//!   course that fixes "the longest is right" by always making the right option a little
//!   shorter than one distractor teaches "pick the second longest";
//! - multiple-choice items: in at most [`CORRECT_FIRST_MAX`] percent do all correct options
//!   come before all wrong ones.
//!
//! A measure is taken only over at least [`MIN_ITEMS`] items of its kind: a share of two
//! items says nothing about a course.
//!
//! ```
//! let course = cloudhop_lessons::shipped().unwrap();
//! let balance = cloudhop_lessons::balance::check(&course);
//! assert!(balance.figures.true_false > 0);
//! println!("{}", balance.figures); // what `cloudhop lessons check` measures
//! ```

use crate::model::Course;
use cloudhop_core::quiz::{Choice, ItemKind};
use std::fmt;

/// The least share of true/false items, in percent, whose answer is true.
pub const TRUE_SHARE_MIN: usize = 35;
/// The greatest share of true/false items, in percent, whose answer is true.
pub const TRUE_SHARE_MAX: usize = 65;
/// The greatest share of single-choice items, in percent, whose correct option is the longest.
pub const LONGEST_CORRECT_MAX: usize = 40;
/// The greatest share of single-choice items, in percent, whose correct option is in one
/// and the same position.
pub const ONE_POSITION_MAX: usize = 50;
/// The greatest share of single-choice items, in percent, whose correct option has one and
/// the same rank by length, for the ranks below the longest (which [`LONGEST_CORRECT_MAX`]
/// bounds more tightly).
pub const ONE_LENGTH_RANK_MAX: usize = 50;
/// The greatest share of multiple-choice items, in percent, that list every correct option
/// before every wrong one.
pub const CORRECT_FIRST_MAX: usize = 50;
/// The fewest items of a kind for its measure to be taken.
pub const MIN_ITEMS: usize = 5;
/// How many items a bias lists (the worst first) before "and N more".
pub const LISTED: usize = 5;

/// A quiz item named for a person: where it is and what about it matters here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRef {
    /// The lesson file.
    pub file: String,
    /// The line of the item's heading.
    pub line: Option<usize>,
    /// The item id.
    pub item: String,
    /// What about the item follows the pattern.
    pub detail: String,
}

impl fmt::Display for ItemRef {
    /// `file:line: item `id`: detail`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: ", self.file, l)?,
            None => write!(f, "{}: ", self.file)?,
        }
        write!(f, "item `{}`: {}", self.item, self.detail)
    }
}

/// The measured figures of a course, whether or not they are within bounds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// True/false items.
    pub true_false: usize,
    /// Of those, the ones whose answer is true.
    pub true_answers: usize,
    /// Single-choice items.
    pub single: usize,
    /// Of those, the ones whose correct option is the longest (ties included).
    pub longest_correct: usize,
    /// Single-choice items by the position of their correct option (index 0 = first), for
    /// every position up to the most options an item has.
    pub positions: Vec<usize>,
    /// Single-choice items by the rank of their correct option by length (index 0 = the
    /// longest or tied for it, 1 = one option longer, ...).
    pub length_ranks: Vec<usize>,
    /// Multiple-choice items.
    pub multiple: usize,
    /// Of those, the ones that list every correct option before every wrong one.
    pub correct_first: usize,
}

/// `n` as a rounded percentage of `total`.
fn percent(n: usize, total: usize) -> usize {
    (100 * n + total / 2).checked_div(total).unwrap_or(0)
}

impl fmt::Display for Figures {
    /// One line per measure.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "true/false items that are true: {} of {} ({}%)",
            self.true_answers,
            self.true_false,
            percent(self.true_answers, self.true_false)
        )?;
        writeln!(
            f,
            "single-choice items whose correct option is the longest: {} of {} ({}%)",
            self.longest_correct,
            self.single,
            percent(self.longest_correct, self.single)
        )?;
        let spread: Vec<String> = self
            .positions
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{} {}", ordinal(i), n))
            .collect();
        writeln!(
            f,
            "single-choice correct option by position: {}",
            if spread.is_empty() {
                "none".to_string()
            } else {
                spread.join(", ")
            }
        )?;
        let ranks: Vec<String> = self
            .length_ranks
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{} {}", longest_name(i), n))
            .collect();
        writeln!(
            f,
            "single-choice correct option by length: {}",
            if ranks.is_empty() {
                "none".to_string()
            } else {
                ranks.join(", ")
            }
        )?;
        write!(
            f,
            "multiple-choice items listing every correct option first: {} of {} ({}%)",
            self.correct_first,
            self.multiple,
            percent(self.correct_first, self.multiple)
        )
    }
}

/// `1st`, `2nd`, `3rd`, `4th`... for a 0-based position.
fn ordinal(index: usize) -> String {
    let n = index + 1;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `longest`, `2nd longest`, ... for a 0-based rank by length.
fn longest_name(rank: usize) -> String {
    if rank == 0 {
        "longest".to_string()
    } else {
        format!("{} longest", ordinal(rank))
    }
}

/// Which pattern a course shows, with its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BiasKind {
    /// Too few or too many true/false items are true.
    TrueShare {
        /// Items whose answer is true.
        true_items: usize,
        /// All true/false items.
        total: usize,
    },
    /// The correct single-choice option is the longest too often.
    LongestCorrect {
        /// Items whose correct option is the longest.
        longest: usize,
        /// All single-choice items.
        total: usize,
    },
    /// The correct single-choice option sits in one position too often.
    OnePosition {
        /// The position (0 = first).
        position: usize,
        /// Items with the correct option there.
        count: usize,
        /// All single-choice items.
        total: usize,
    },
    /// The correct single-choice option has the same rank by length (below the longest)
    /// too often.
    OneLengthRank {
        /// The rank (1 = second longest).
        rank: usize,
        /// Items with the correct option at that rank.
        count: usize,
        /// All single-choice items.
        total: usize,
    },
    /// Multiple-choice items list their correct options first too often.
    CorrectFirst {
        /// Items listing every correct option before every wrong one.
        first: usize,
        /// All multiple-choice items.
        total: usize,
    },
}

impl fmt::Display for BiasKind {
    /// What the pattern is, how many items show it, and the bound.
    ///
    /// ```
    /// use cloudhop_lessons::balance::BiasKind;
    /// let k = BiasKind::TrueShare { true_items: 0, total: 13 };
    /// assert_eq!(
    ///     k.to_string(),
    ///     "0 of 13 true/false items (0%) are true: keep it between 35% and 65%, or \"always false\" passes"
    /// );
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            BiasKind::TrueShare { true_items, total } => write!(
                f,
                "{true_items} of {total} true/false items ({}%) are true: keep it between {TRUE_SHARE_MIN}% and {TRUE_SHARE_MAX}%, or \"always {}\" passes",
                percent(true_items, total),
                if 100 * true_items < TRUE_SHARE_MIN * total { "false" } else { "true" }
            ),
            BiasKind::LongestCorrect { longest, total } => write!(
                f,
                "in {longest} of {total} single-choice items ({}%) the correct option is the longest: at most {LONGEST_CORRECT_MAX}% may be, or \"pick the longest\" passes",
                percent(longest, total)
            ),
            BiasKind::OnePosition { position, count, total } => write!(
                f,
                "in {count} of {total} single-choice items ({}%) the correct option is the {} one: at most {ONE_POSITION_MAX}% may share a position, or \"pick the {}\" passes",
                percent(count, total),
                ordinal(position),
                ordinal(position)
            ),
            BiasKind::OneLengthRank { rank, count, total } => write!(
                f,
                "in {count} of {total} single-choice items ({}%) the correct option is the {}: at most {ONE_LENGTH_RANK_MAX}% may share a rank by length, or \"pick the {}\" passes",
                percent(count, total),
                longest_name(rank),
                longest_name(rank)
            ),
            BiasKind::CorrectFirst { first, total } => write!(
                f,
                "in {first} of {total} multiple-choice items ({}%) every correct option comes before every wrong one: at most {CORRECT_FIRST_MAX}% may, or \"tick the top ones\" passes",
                percent(first, total)
            ),
        }
    }
}

/// A pattern found, with the items that follow it (the worst first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bias {
    /// The pattern and its counts.
    pub kind: BiasKind,
    /// Every item that follows the pattern, the worst first.
    pub items: Vec<ItemRef>,
}

impl fmt::Display for Bias {
    /// The pattern, then the first [`LISTED`] items, one per indented line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        for item in self.items.iter().take(LISTED) {
            write!(f, "\n  {item}")?;
        }
        if self.items.len() > LISTED {
            write!(f, "\n  ... and {} more", self.items.len() - LISTED)?;
        }
        Ok(())
    }
}

/// The figures of a course and the biases among them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Balance {
    /// What was measured.
    pub figures: Figures,
    /// The measures out of bounds (empty for a balanced course).
    pub biases: Vec<Bias>,
}

fn len(o: &Choice) -> usize {
    o.text.chars().count()
}

/// The index from `from` on with the highest count (the first of equals), and that count.
fn most_common(counts: &[usize], from: usize) -> Option<(usize, usize)> {
    counts
        .iter()
        .copied()
        .enumerate()
        .skip(from)
        .fold(None, |best, (i, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((i, n)),
        })
}

/// Measure a course's answer keys and report the patterns a learner could pass by.
///
/// ```
/// use cloudhop_lessons::{balance, load_sources};
/// let mut quiz = String::from("## Quiz\n");
/// for i in 0..5 {
///     quiz.push_str(&format!("### truefalse: t{i}\nA claim.\n\nAnswer: false\nIf true: No.\nExplanation: E.\n"));
/// }
/// let text = format!("---\nid: a\ntitle: A\nsummary: S\nminutes: 5\n---\n## Intro\nHello.\n{quiz}");
/// let course = load_sources(&[("a.md", &text)]).unwrap();
/// let found = balance::check(&course);
/// assert_eq!(found.figures.true_false, 5);
/// assert_eq!(found.biases.len(), 1);
/// assert!(found.biases[0].to_string().contains("0 of 5 true/false items (0%) are true"));
/// assert!(found.biases[0].to_string().contains("a.md:10: item `t0`: answer false"));
/// ```
pub fn check(course: &Course) -> Balance {
    let mut figures = Figures::default();
    let mut trues = Vec::new();
    let mut falses = Vec::new();
    // (margin of the correct option over the longest wrong one, item)
    let mut longest = Vec::new();
    let mut by_position: Vec<Vec<ItemRef>> = Vec::new();
    let mut by_rank: Vec<Vec<ItemRef>> = Vec::new();
    let mut first = Vec::new();
    for lesson in &course.lessons {
        for (index, item) in lesson.quiz.iter().enumerate() {
            let at = |detail: String| ItemRef {
                file: lesson.file.clone(),
                line: lesson.item_line(index),
                item: item.id.clone(),
                detail,
            };
            match &item.kind {
                ItemKind::TrueFalse { answer, .. } => {
                    figures.true_false += 1;
                    if *answer {
                        figures.true_answers += 1;
                        trues.push(at("answer true".into()));
                    } else {
                        falses.push(at("answer false".into()));
                    }
                }
                ItemKind::SingleChoice { options } => {
                    let Some(right) = options.iter().position(|o| o.correct) else {
                        continue;
                    };
                    figures.single += 1;
                    let right_len = len(&options[right]);
                    let wrong_max = options
                        .iter()
                        .filter(|o| !o.correct)
                        .map(len)
                        .max()
                        .unwrap_or(0);
                    if right_len >= wrong_max {
                        figures.longest_correct += 1;
                        longest.push((
                            right_len - wrong_max,
                            at(format!(
                                "the correct option has {right_len} characters, the longest wrong one {wrong_max}"
                            )),
                        ));
                    }
                    if by_position.len() < options.len() {
                        by_position.resize_with(options.len(), Vec::new);
                        by_rank.resize_with(options.len(), Vec::new);
                    }
                    let rank = options.iter().filter(|o| len(o) > right_len).count();
                    by_rank[rank].push(at(format!(
                        "the correct option is the {} of {}",
                        longest_name(rank),
                        options.len()
                    )));
                    by_position[right].push(at(format!(
                        "the correct option is the {} of {}",
                        ordinal(right),
                        options.len()
                    )));
                }
                ItemKind::MultipleChoice { options } => {
                    figures.multiple += 1;
                    let correct = options.iter().filter(|o| o.correct).count();
                    if options.iter().take(correct).all(|o| o.correct) {
                        figures.correct_first += 1;
                        first.push(at(format!(
                            "the correct options are the first {correct} of {}",
                            options.len()
                        )));
                    }
                }
                ItemKind::ShortAnswer { .. } => {}
            }
        }
    }
    figures.positions = by_position.iter().map(Vec::len).collect();
    figures.length_ranks = by_rank.iter().map(Vec::len).collect();

    let mut biases = Vec::new();
    let tf = figures.true_false;
    if tf >= MIN_ITEMS {
        let t = figures.true_answers;
        if 100 * t < TRUE_SHARE_MIN * tf {
            biases.push(Bias {
                kind: BiasKind::TrueShare {
                    true_items: t,
                    total: tf,
                },
                items: falses,
            });
        } else if 100 * t > TRUE_SHARE_MAX * tf {
            biases.push(Bias {
                kind: BiasKind::TrueShare {
                    true_items: t,
                    total: tf,
                },
                items: trues,
            });
        }
    }
    let single = figures.single;
    if single >= MIN_ITEMS {
        if 100 * figures.longest_correct > LONGEST_CORRECT_MAX * single {
            // The stable sort keeps course order among equal margins.
            longest.sort_by_key(|(margin, _)| std::cmp::Reverse(*margin));
            biases.push(Bias {
                kind: BiasKind::LongestCorrect {
                    longest: figures.longest_correct,
                    total: single,
                },
                items: longest.into_iter().map(|(_, i)| i).collect(),
            });
        }
        if let Some((position, count)) = most_common(&figures.positions, 0) {
            if 100 * count > ONE_POSITION_MAX * single {
                biases.push(Bias {
                    kind: BiasKind::OnePosition {
                        position,
                        count,
                        total: single,
                    },
                    items: std::mem::take(&mut by_position[position]),
                });
            }
        }
        // Rank 0 (the longest) has its own, tighter bound above.
        if let Some((rank, count)) = most_common(&figures.length_ranks, 1) {
            if 100 * count > ONE_LENGTH_RANK_MAX * single {
                biases.push(Bias {
                    kind: BiasKind::OneLengthRank {
                        rank,
                        count,
                        total: single,
                    },
                    items: std::mem::take(&mut by_rank[rank]),
                });
            }
        }
    }
    let multiple = figures.multiple;
    if multiple >= MIN_ITEMS && 100 * figures.correct_first > CORRECT_FIRST_MAX * multiple {
        biases.push(Bias {
            kind: BiasKind::CorrectFirst {
                first: figures.correct_first,
                total: multiple,
            },
            items: first,
        });
    }
    Balance { figures, biases }
}
