//! IRIs, as xAPI uses them for activity ids, verbs and account home pages.

/// Whether `text` is an absolute IRI of the kind used here: a scheme of letters, digits,
/// `+ - .` followed by `:` and at least one more character, with no spaces or controls.
///
/// ```
/// use cloudhop_core::xapi::iri::is_iri;
/// assert!(is_iri("https://courses.example.org/cloudhop"));
/// assert!(!is_iri("not an iri"));
/// ```
pub fn is_iri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
}
