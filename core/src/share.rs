//! Text that travels in a URL: lab scenarios in shareable links and embeds.
//!
//! A lab serialises its scenario as JSON and passes it through [`encode`]; the result is
//! safe in a URL fragment and still readable. [`decode`] reverses it and never fails
//! (malformed escapes are kept as they are, so the lab's own parser reports the problem).
//!
//! ```
//! use cloudhop_core::share::{decode, encode};
//! let json = r#"{"nets":[{"name":"aws vpc","cidr":"10.0.0.0/16"}]}"#;
//! let e = encode(json);
//! assert!(!e.contains('"') && !e.contains(' ') && !e.contains('#'));
//! assert_eq!(decode(&e), json);
//! ```

/// Percent-encode everything but RFC 3986's unreserved characters (`A-Z a-z 0-9 - _ . ~`):
/// a value for a URL's query that any server reads back the same.
///
/// ```
/// use cloudhop_core::share::encode_strict;
/// assert_eq!(encode_strict(r#"{"a":"b c"}"#), "%7B%22a%22%3A%22b%20c%22%7D");
/// ```
pub fn encode_strict(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-encode everything but unreserved characters and a few that are safe and
/// readable in a fragment (`:/,[]{}`).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for b in text.bytes() {
        let c = b as char;
        if c.is_ascii_alphanumeric() || "-_.~:,/[]{}".contains(c) {
            out.push(c);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Reverse [`encode`] (and any other percent-encoding). Invalid escapes are kept literally;
/// invalid UTF-8 is replaced with U+FFFD.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn round_trips_any_text(s in "\\PC*") {
            prop_assert_eq!(decode(&encode(&s)), s);
        }
    }

    #[test]
    fn malformed_escapes_are_kept() {
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("a%20b"), "a b");
        assert_eq!(decode("%E2%82"), "\u{FFFD}");
    }
}
