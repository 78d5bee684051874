//! The course map's graph layout: one column per prerequisite depth, the lessons of each
//! column ordered so that as few arrows cross as can be found, arrows that skip columns
//! routed through a slot in each column they pass, and titles wrapped into whole-word
//! lines (never cut). The app draws exactly this.
//!
//! ```
//! let course = cloudhop_lessons::shipped().unwrap();
//! let map = course.map_layout(22);
//! assert_eq!(map.nodes.len(), course.lessons.len());
//! assert_eq!(map.crossings(), 0);
//! ```

use crate::model::Course;
use serde::Serialize;

/// A lesson's box on the map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MapNode {
    /// Index of the lesson in [`Course::lessons`].
    pub lesson: usize,
    /// Column: the lesson's depth ([`Course::depths`]).
    pub column: usize,
    /// Slot in the column, from the top.
    pub row: usize,
    /// The title in whole-word lines.
    pub title_lines: Vec<String>,
}

/// A prerequisite arrow, from the earlier lesson to the one that builds on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MapEdge {
    /// Index of the prerequisite lesson.
    pub from: usize,
    /// Index of the lesson that builds on it.
    pub to: usize,
    /// The slot the arrow takes in each column from `from`'s to `to`'s (both included):
    /// an arrow that skips columns passes through a free slot in each.
    pub rows: Vec<usize>,
}

/// The whole graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MapLayout {
    /// Columns (prerequisite depths).
    pub columns: usize,
    /// Slots in the fullest column.
    pub rows: usize,
    /// The most title lines of any node (every box gets this height).
    pub max_lines: usize,
    /// One per lesson, in course order.
    pub nodes: Vec<MapNode>,
    /// One per prerequisite.
    pub edges: Vec<MapEdge>,
}

impl MapLayout {
    /// How many pairs of arrows cross between neighbouring columns.
    pub fn crossings(&self) -> usize {
        let segments: Vec<(usize, usize, usize)> = self
            .edges
            .iter()
            .flat_map(|e| {
                let c0 = self.nodes[e.from].column;
                e.rows
                    .windows(2)
                    .enumerate()
                    .map(move |(k, w)| (c0 + k, w[0], w[1]))
            })
            .collect();
        count_crossings(&segments)
    }
}

/// Crossings among segments `(left column, left row, right row)`: two segments between the
/// same columns cross when their ends are in opposite order.
fn count_crossings(segments: &[(usize, usize, usize)]) -> usize {
    let mut n = 0;
    for (i, a) in segments.iter().enumerate() {
        for b in &segments[i + 1..] {
            if a.0 == b.0 && ((a.1 < b.1 && a.2 > b.2) || (a.1 > b.1 && a.2 < b.2)) {
                n += 1;
            }
        }
    }
    n
}

/// `title` in lines of at most `width` characters, broken between words; a word longer
/// than `width` gets a line of its own, whole. Joined with spaces, the lines are the title.
///
/// ```
/// use cloudhop_lessons::map::wrap_title;
/// assert_eq!(wrap_title("Connecting clouds over tunnels and dedicated links", 22),
///     ["Connecting clouds over", "tunnels and dedicated", "links"]);
/// ```
pub fn wrap_title(title: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in title.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// The most column orders tried one by one; a larger course keeps the local search's.
const EXHAUSTIVE_LIMIT: usize = 200_000;

/// Every order of `items`.
fn permutations<T: Copy>(items: &[T]) -> Vec<Vec<T>> {
    let Some((first, rest)) = items.split_first() else {
        return vec![Vec::new()];
    };
    let mut out = Vec::new();
    for p in permutations(rest) {
        for k in 0..=p.len() {
            let mut q = p.clone();
            q.insert(k, *first);
            out.push(q);
        }
    }
    out
}

/// A slot in a column: a lesson, or an arrow passing through.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Lesson(usize),
    Pass(usize),
}

impl Course {
    /// The course map's layout with titles wrapped at `width` characters (see the
    /// module docs).
    pub fn map_layout(&self, width: usize) -> MapLayout {
        let depths = self.depths();
        let columns = depths.iter().copied().max().unwrap_or(0) + 1;
        let index = |id: &str| self.lessons.iter().position(|l| l.id == id);
        let prereq_edges: Vec<(usize, usize)> = self
            .lessons
            .iter()
            .enumerate()
            .flat_map(|(i, l)| {
                l.prerequisites
                    .iter()
                    .filter_map(|p| index(p))
                    .map(move |j| (j, i))
                    .collect::<Vec<_>>()
            })
            .filter(|&(j, i)| depths[j] < depths[i])
            .collect();
        // Columns of slots: lessons in course order, then one slot per arrow passing.
        let mut layers: Vec<Vec<Slot>> = vec![Vec::new(); columns];
        for (i, &d) in depths.iter().enumerate() {
            layers[d].push(Slot::Lesson(i));
        }
        for (e, &(j, i)) in prereq_edges.iter().enumerate() {
            for layer in layers.iter_mut().take(depths[i]).skip(depths[j] + 1) {
                layer.push(Slot::Pass(e));
            }
        }
        // A segment joins a slot in column c to one in column c + 1.
        let slot_of = |c: usize, e: usize, layers: &[Vec<Slot>]| -> usize {
            let (j, i) = prereq_edges[e];
            let want = if c == depths[j] {
                Slot::Lesson(j)
            } else if c == depths[i] {
                Slot::Lesson(i)
            } else {
                Slot::Pass(e)
            };
            layers[c].iter().position(|s| *s == want).unwrap_or(0)
        };
        let segments = |layers: &[Vec<Slot>]| -> Vec<(usize, usize, usize)> {
            prereq_edges
                .iter()
                .enumerate()
                .flat_map(|(e, &(j, i))| {
                    (depths[j]..depths[i])
                        .map(move |c| (c, e))
                        .collect::<Vec<_>>()
                })
                .map(|(c, e)| (c, slot_of(c, e, layers), slot_of(c + 1, e, layers)))
                .collect()
        };
        // Barycentre sweeps first.
        for sweep in 0..8 {
            let forward = sweep % 2 == 0;
            let order: Vec<usize> = if forward {
                (1..columns).collect()
            } else {
                (0..columns.saturating_sub(1)).rev().collect()
            };
            for c in order {
                let segs = segments(&layers);
                let mut keyed: Vec<(f64, usize, Slot)> = layers[c]
                    .iter()
                    .enumerate()
                    .map(|(r, s)| {
                        let near: Vec<usize> = segs
                            .iter()
                            .filter_map(|&(sc, a, b)| {
                                if forward && sc + 1 == c && b == r {
                                    Some(a)
                                } else if !forward && sc == c && a == r {
                                    Some(b)
                                } else {
                                    None
                                }
                            })
                            .collect();
                        let key = if near.is_empty() {
                            r as f64
                        } else {
                            near.iter().sum::<usize>() as f64 / near.len() as f64
                        };
                        (key, r, *s)
                    })
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                layers[c] = keyed.into_iter().map(|k| k.2).collect();
            }
        }
        // Then move single slots to any other place in their column while that removes
        // crossings (a local search that settles: each move lowers the count).
        let mut best = count_crossings(&segments(&layers));
        let mut improved = true;
        while improved && best > 0 {
            improved = false;
            for c in 0..columns {
                for from in 0..layers[c].len() {
                    for to in 0..layers[c].len() {
                        if from == to {
                            continue;
                        }
                        let slot = layers[c].remove(from);
                        layers[c].insert(to, slot);
                        let n = count_crossings(&segments(&layers));
                        if n < best {
                            best = n;
                            improved = true;
                        } else {
                            let slot = layers[c].remove(to);
                            layers[c].insert(from, slot);
                        }
                    }
                }
            }
        }
        // A course small enough is ordered exactly: every order of every column is tried
        // (this course: a few thousand), keeping the first with the fewest crossings.
        let orders: usize = layers
            .iter()
            .map(|l| (1..=l.len()).product::<usize>())
            .try_fold(1usize, |acc, n| acc.checked_mul(n))
            .unwrap_or(usize::MAX);
        if best > 0 && orders <= EXHAUSTIVE_LIMIT {
            let choices: Vec<Vec<Vec<Slot>>> = layers.iter().map(|l| permutations(l)).collect();
            let mut pick = vec![0usize; columns];
            for _ in 0..orders {
                let trial: Vec<Vec<Slot>> = choices
                    .iter()
                    .zip(&pick)
                    .map(|(c, &p)| c[p].clone())
                    .collect();
                let n = count_crossings(&segments(&trial));
                if n < best {
                    best = n;
                    layers = trial;
                    if best == 0 {
                        break;
                    }
                }
                for (c, p) in pick.iter_mut().enumerate() {
                    *p += 1;
                    if *p < choices[c].len() {
                        break;
                    }
                    *p = 0;
                }
            }
        }
        let row_of = |c: usize, s: Slot| layers[c].iter().position(|x| *x == s).unwrap_or(0);
        let nodes: Vec<MapNode> = self
            .lessons
            .iter()
            .enumerate()
            .map(|(i, l)| MapNode {
                lesson: i,
                column: depths[i],
                row: row_of(depths[i], Slot::Lesson(i)),
                title_lines: wrap_title(&l.title, width),
            })
            .collect();
        let edges = prereq_edges
            .iter()
            .enumerate()
            .map(|(e, &(j, i))| MapEdge {
                from: j,
                to: i,
                rows: (depths[j]..=depths[i])
                    .map(|c| slot_of(c, e, &layers))
                    .collect(),
            })
            .collect();
        MapLayout {
            columns,
            rows: layers.iter().map(Vec::len).max().unwrap_or(1).max(1),
            max_lines: nodes
                .iter()
                .map(|n| n.title_lines.len())
                .max()
                .unwrap_or(1)
                .max(1),
            nodes,
            edges,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_wrap_between_words_and_are_never_cut() {
        let course = crate::shipped().unwrap();
        let map = course.map_layout(22);
        for (node, lesson) in map.nodes.iter().zip(&course.lessons) {
            assert_eq!(node.title_lines.join(" "), lesson.title, "cut or changed");
            for line in &node.title_lines {
                assert!(
                    line.chars().count() <= 22 || !line.contains(' '),
                    "{line:?} is longer than the box"
                );
                assert!(!line.contains('…'));
            }
        }
        assert_eq!(
            wrap_title("Supercalifragilistic words", 5),
            ["Supercalifragilistic", "words"]
        );
        assert!(wrap_title("", 5).is_empty());
    }

    /// The fewest crossings any order of the slots in each column gives, by trying them all.
    fn fewest_crossings(map: &MapLayout) -> usize {
        // Slots per column, as (lesson or arrow id): rebuild from the layout.
        let mut columns: Vec<Vec<(usize, usize)>> = vec![Vec::new(); map.columns];
        let segs: Vec<(usize, usize, usize, usize)> = map
            .edges
            .iter()
            .enumerate()
            .flat_map(|(e, edge)| {
                let c0 = map.nodes[edge.from].column;
                edge.rows
                    .windows(2)
                    .enumerate()
                    .map(move |(k, w)| (e, c0 + k, w[0], w[1]))
                    .collect::<Vec<_>>()
            })
            .collect();
        for (c, col) in columns.iter_mut().enumerate() {
            let n = (0..map.rows)
                .filter(|&r| {
                    map.nodes.iter().any(|x| x.column == c && x.row == r)
                        || segs
                            .iter()
                            .any(|s| (s.1 == c && s.2 == r) || (s.1 + 1 == c && s.3 == r))
                })
                .count();
            *col = (0..n).map(|r| (c, r)).collect();
        }
        // Every permutation of every column (small for this course).
        fn perms(n: usize) -> Vec<Vec<usize>> {
            if n == 0 {
                return vec![vec![]];
            }
            let mut out = Vec::new();
            for p in perms(n - 1) {
                for k in 0..=p.len() {
                    let mut q = p.clone();
                    q.insert(k, n - 1);
                    out.push(q);
                }
            }
            out
        }
        let choices: Vec<Vec<Vec<usize>>> = columns.iter().map(|c| perms(c.len())).collect();
        let total: usize = choices.iter().map(Vec::len).product();
        assert!(total <= 2_000_000, "too many orders to try: {total}");
        let mut best = usize::MAX;
        let mut pick = vec![0usize; columns.len()];
        for _ in 0..total {
            let segments: Vec<(usize, usize, usize)> = segs
                .iter()
                .map(|&(_, c, a, b)| (c, choices[c][pick[c]][a], choices[c + 1][pick[c + 1]][b]))
                .collect();
            best = best.min(count_crossings(&segments));
            for (c, p) in pick.iter_mut().enumerate() {
                *p += 1;
                if *p < choices[c].len() {
                    break;
                }
                *p = 0;
            }
        }
        best
    }

    #[test]
    fn the_shipped_map_has_as_few_crossings_as_any_order_of_its_columns() {
        let course = crate::shipped().unwrap();
        let map = course.map_layout(22);
        let fewest = fewest_crossings(&map);
        assert_eq!(map.crossings(), fewest);
        assert_eq!(
            map.crossings(),
            0,
            "the shipped course's map can be drawn untangled"
        );
        // Every prerequisite has an arrow, and each arrow has a slot in every column it spans.
        let prereqs: usize = course.lessons.iter().map(|l| l.prerequisites.len()).sum();
        assert_eq!(map.edges.len(), prereqs);
        for e in &map.edges {
            let (a, b) = (&map.nodes[e.from], &map.nodes[e.to]);
            assert_eq!(e.rows.len(), b.column - a.column + 1);
            assert_eq!((e.rows[0], *e.rows.last().unwrap()), (a.row, b.row));
        }
        // No two nodes share a slot.
        for (i, a) in map.nodes.iter().enumerate() {
            for b in &map.nodes[i + 1..] {
                assert!((a.column, a.row) != (b.column, b.row));
            }
        }
    }

    #[test]
    fn crossings_are_counted() {
        // Two arrows between the same columns in opposite order cross once.
        assert_eq!(count_crossings(&[(0, 0, 1), (0, 1, 0)]), 1);
        assert_eq!(count_crossings(&[(0, 0, 0), (0, 1, 1)]), 0);
        assert_eq!(count_crossings(&[(0, 0, 1), (1, 1, 0)]), 0);
    }
}
