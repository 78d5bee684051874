//! Pretty JSON from compact JSON text, as `serde_json::to_string_pretty` writes it (two
//! spaces, `": "`), keeping the keys in the order written.
//!
//! Why not `to_string_pretty` itself: a type serialised both compact (for a link) and pretty
//! (for a file) carries two copies of its serialisation code into the bundle, one per
//! formatter; re-indenting the compact text costs one small function instead.
//!
//! ```
//! use cloudhop_core::pretty_json::indent;
//! let v = serde_json::json!({"b": [1, {"c": "x,{y}"}], "a": {}, "e": []});
//! assert_eq!(indent(&v.to_string()), serde_json::to_string_pretty(&v).unwrap());
//! ```

/// Re-indent compact JSON text (no whitespace outside strings, as `serde_json::to_string`
/// writes it). Text that is not compact JSON comes back re-indented as far as its brackets
/// go; it is never lost.
pub fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                out.push(c);
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "[ -~]{0,8}".prop_map(Value::String),
            "[\"\\\\{}\\[\\],:é\\n]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 5, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                proptest::collection::btree_map("[a-z{}:,\"]{0,4}", inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn same_as_serde_json_pretty(v in value()) {
            prop_assert_eq!(indent(&v.to_string()), serde_json::to_string_pretty(&v).unwrap());
        }
    }
}
