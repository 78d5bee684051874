//! One exercise of one lab, read on its own from that lab's exercise file: what a lab's
//! embed (`embed/<lab>/?exercise=<id>`) needs. Unlike [`crate::parse::exercises`], it reads
//! the parameters with that lab's type only and renders no task prose, so a bundle holding
//! one lab carries no other lab's code. The shipped files are checked in full by
//! `cloudhop lessons check`; this reader still validates what it returns.

use cloudhop_core::labs::Listed;

/// An exercise found by [`find`].
#[derive(Debug, Clone, PartialEq)]
pub struct LabExercise<L: Listed> {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its parameters, validated by the lab.
    pub params: L::Exercise,
}

/// The exercise `id` of lab `L` in `text` (an `exercises/<lab>.md` file).
///
/// ```
/// use cloudhop_core::labs::Bgp;
/// let text = include_str!("../content/exercises/bgp.md");
/// let ex = cloudhop_lessons::lab_exercise::find::<Bgp>(text, "wan-transit").unwrap();
/// assert!(ex.title.starts_with("The transatlantic interconnect is down"));
/// let err = cloudhop_lessons::lab_exercise::find::<Bgp>(text, "teleport").unwrap_err();
/// assert_eq!(err, "there is no exercise `teleport` in the BGP lab");
/// ```
pub fn find<L: Listed>(text: &str, id: &str) -> Result<LabExercise<L>, String> {
    let heading = format!("## Exercise: {id}");
    let mut lines = text.lines().skip_while(|l| l.trim_end() != heading);
    if lines.next().is_none() {
        return Err(format!("there is no exercise `{id}` in the {}", L::TITLE));
    }
    let body: Vec<&str> = lines.take_while(|l| !l.starts_with("## ")).collect();
    let title = body
        .iter()
        .find_map(|l| l.strip_prefix("Title:"))
        .map(|t| t.trim().to_string())
        .ok_or_else(|| format!("exercise `{id}` has no title"))?;
    let json: String = body
        .iter()
        .skip_while(|l| !l.trim_start().starts_with("```json"))
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with("```"))
        .copied()
        .collect::<Vec<_>>()
        .join("\n");
    let params: L::Exercise =
        serde_json::from_str(&json).map_err(|e| format!("exercise `{id}` cannot be read: {e}"))?;
    L::validate(&params).map_err(|e| format!("exercise `{id}`: {e}"))?;
    Ok(LabExercise {
        id: id.to_string(),
        title,
        params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloudhop_core::labs::{Failover, Latency, Planner};

    /// Every exercise of every shipped file reads the same as the full reader.
    #[test]
    fn agrees_with_the_course_reader() {
        fn all<L: Listed>(text: &str) {
            let full = crate::parse::exercises("f.md", L::SLUG, text).unwrap();
            assert!(!full.is_empty());
            for e in full {
                let one = find::<L>(text, &e.id).unwrap();
                assert_eq!(one.title, e.title);
                assert_eq!(L::spec_of(one.params), e.spec);
            }
        }
        all::<Planner>(include_str!("../content/exercises/planner.md"));
        all::<cloudhop_core::labs::Bgp>(include_str!("../content/exercises/bgp.md"));
        all::<Latency>(include_str!("../content/exercises/latency.md"));
        all::<Failover>(include_str!("../content/exercises/failover.md"));
    }

    #[test]
    fn a_broken_entry_is_an_error() {
        let text = "## Exercise: a\nTitle: A\n\n```json\n{\"goal\": 3}\n```\n";
        assert!(find::<Planner>(text, "a")
            .unwrap_err()
            .starts_with("exercise `a` cannot be read"));
        assert_eq!(
            find::<Planner>("## Exercise: a\n", "a").unwrap_err(),
            "exercise `a` has no title"
        );
    }
}
