//! Reading the DNS scenario's internally tagged enums (`{"kind": "forward", "targets": [...]}`)
//! without serde's buffering: `#[serde(tag = "kind")]` reads each object into a buffer and
//! then every type inside it again from the buffer, a second copy of the deserializing code
//! that cost the DNS embed's bundle tens of kilobytes (issue 13, point 1). Each enum is read
//! instead through a flat struct of its tag and every variant's fields, then checked into the
//! variant its tag names ([`missing`] gives serde's own message for a field a variant needs).
//! The JSON is unchanged; fields that the variant does not have are ignored, as before.

/// serde's message for a missing field, as `#[serde(tag)]` gives it.
pub(crate) fn missing(field: &'static str) -> String {
    format!("missing field `{field}`")
}

/// Take a field the variant needs.
pub(crate) fn need<T>(v: Option<T>, field: &'static str) -> Result<T, String> {
    v.ok_or_else(|| missing(field))
}

/// A field that is an object in one variant and an id (a string) in another (`"link"` is a
/// whole link in `put_link`, a link's id in `set_link_dns`).
pub(crate) enum ObjectOrId<T> {
    Object(T),
    Id(String),
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for ObjectOrId<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
            type Value = ObjectOrId<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object or an id")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(ObjectOrId::Id(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(ObjectOrId::Object)
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

impl<T> ObjectOrId<T> {
    /// The object a variant needs (`what` names it in the message).
    pub(crate) fn object(v: Option<Self>, field: &'static str, what: &str) -> Result<T, String> {
        match need(v, field)? {
            ObjectOrId::Object(t) => Ok(t),
            ObjectOrId::Id(_) => Err(format!("invalid type: string, expected {what}")),
        }
    }

    /// The id a variant needs.
    pub(crate) fn id(v: Option<Self>, field: &'static str) -> Result<String, String> {
        match need(v, field)? {
            ObjectOrId::Id(s) => Ok(s),
            ObjectOrId::Object(_) => Err("invalid type: map, expected a string".to_string()),
        }
    }
}
