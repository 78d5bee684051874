//! Messages for people. Engines name things in their messages between backticks
//! (`` `aws-app` (10.20.0.0/24) overlaps ... ``), which reads well in a terminal; the web
//! app shows those names as code instead. [`parts`] splits a message into plain text and
//! names, so every page renders them the same way, and never as markup: a name is text,
//! whatever it holds.
//!
//! ```
//! use cloudhop_core::message::{parts, Part};
//! assert_eq!(
//!     parts("`aws-app` overlaps `gcp-web`"),
//!     vec![Part::Name("aws-app"), Part::Text(" overlaps "), Part::Name("gcp-web")]
//! );
//! ```

/// A piece of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// Plain text.
    Text(&'a str),
    /// A name (a network, a field, an id) that the message quotes.
    Name(&'a str),
}

/// Split `message` into text and the names it quotes between backticks. A backtick with
/// no partner is kept as text, so nothing of the message is lost.
///
/// ```
/// use cloudhop_core::message::{parts, Part};
/// assert_eq!(parts("a ` b"), vec![Part::Text("a ` b")]);
/// assert_eq!(parts("``"), vec![Part::Text("``")]);
/// ```
pub fn parts(message: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut rest = message;
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else { break };
        if close == 0 {
            // "``" quotes nothing: keep it as it is.
            push_text(&mut out, &rest[..open + 2]);
            rest = &after[1..];
            continue;
        }
        push_text(&mut out, &rest[..open]);
        out.push(Part::Name(&after[..close]));
        rest = &after[close + 1..];
    }
    push_text(&mut out, rest);
    out
}

fn push_text<'a>(out: &mut Vec<Part<'a>>, text: &'a str) {
    if !text.is_empty() {
        out.push(Part::Text(text));
    }
}

/// A whole number written with its digits grouped in threes, as people read large counts:
/// `65536` becomes `65,536`, and a /32 of IPv6 has 79,228,162,514,264,337,593,543,950,336
/// addresses. Text that is not all digits is returned as it is.
///
/// ```
/// use cloudhop_core::message::grouped;
/// assert_eq!(grouped("79228162514264337593543950336"), "79,228,162,514,264,337,593,543,950,336");
/// assert_eq!(grouped("4096"), "4,096");
/// assert_eq!(grouped("251"), "251");
/// assert_eq!(grouped("n/a"), "n/a");
/// ```
pub fn grouped(digits: &str) -> String {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits.to_string();
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_and_text() {
        assert_eq!(parts(""), vec![]);
        assert_eq!(parts("plain"), vec![Part::Text("plain")]);
        assert_eq!(
            parts("unknown field `cidr`, expected `name`"),
            vec![
                Part::Text("unknown field "),
                Part::Name("cidr"),
                Part::Text(", expected "),
                Part::Name("name")
            ]
        );
    }

    proptest! {
        #[test]
        fn nothing_is_lost(s in "[a-z `]{0,30}") {
            let back: String = parts(&s).iter().map(|p| match p {
                Part::Text(t) => t.to_string(),
                Part::Name(n) => format!("`{n}`"),
            }).collect();
            prop_assert_eq!(back, s);
        }
    }
}
