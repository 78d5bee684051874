//! Name-based UUIDs (RFC 4122 version 5, SHA-1), so that the same learning event always
//! gets the same statement id and a resend cannot store it twice.

use std::fmt;

/// A UUID, shown in its hyphenated lower-case form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Uuid([u8; 16]);

/// The RFC 4122 URL namespace (`6ba7b811-9dad-11d1-80b4-00c04fd430c8`).
pub const NAMESPACE_URL: Uuid = Uuid([
    0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
]);

impl Uuid {
    /// The version-5 UUID of `name` in `namespace`.
    ///
    /// ```
    /// use cloudhop_core::xapi::uuid::{Uuid, NAMESPACE_URL};
    /// // Python: uuid.uuid5(uuid.NAMESPACE_URL, "https://example.org/")
    /// let id = Uuid::v5(&NAMESPACE_URL, "https://example.org/");
    /// assert_eq!(id.to_string(), "527dda32-a0de-5105-a042-cb475b5f7d11");
    /// assert_eq!(id, Uuid::v5(&NAMESPACE_URL, "https://example.org/"));
    /// ```
    pub fn v5(namespace: &Uuid, name: &str) -> Uuid {
        let mut data = namespace.0.to_vec();
        data.extend_from_slice(name.as_bytes());
        let hash = sha1(&data);
        let mut b = [0u8; 16];
        b.copy_from_slice(&hash[..16]);
        b[6] = (b[6] & 0x0f) | 0x50;
        b[8] = (b[8] & 0x3f) | 0x80;
        Uuid(b)
    }

    /// Read a UUID in its hyphenated form (any case). `None` for anything else.
    ///
    /// ```
    /// use cloudhop_core::xapi::uuid::Uuid;
    /// let u = Uuid::parse("1B9D6BCD-BBFD-4B2D-9B5D-AB8DFBBD4BED").unwrap();
    /// assert_eq!(u.to_string(), "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed");
    /// assert!(Uuid::parse("1b9d6bcd").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Uuid> {
        let t = text.as_bytes();
        if t.len() != 36 {
            return None;
        }
        let mut out = [0u8; 16];
        let mut n = 0;
        let mut i = 0;
        while i < 36 {
            if matches!(i, 8 | 13 | 18 | 23) {
                if t[i] != b'-' {
                    return None;
                }
                i += 1;
                continue;
            }
            let hi = (t[i] as char).to_digit(16)?;
            let lo = (*t.get(i + 1)? as char).to_digit(16)?;
            if matches!(i + 1, 8 | 13 | 18 | 23) {
                return None;
            }
            out[n] = (hi * 16 + lo) as u8;
            n += 1;
            i += 2;
        }
        (n == 16).then_some(Uuid(out))
    }
}

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                f.write_str("-")?;
            }
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// SHA-1 of `data` (only for name-based UUIDs; not a security measure).
pub fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for chunk in msg.chunks(64) {
        let mut w = [0u32; 80];
        for (i, word) in chunk.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A827999),
                20..=39 => (b ^ c ^ d, 0x6ED9EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDC),
                _ => (b ^ c ^ d, 0xCA62C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 20];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn sha1_known_vectors() {
        assert_eq!(
            hex(&sha1(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(hex(&sha1(b"")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assert_eq!(
            hex(&sha1(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
    }

    #[test]
    fn v5_matches_python() {
        // uuid.uuid5(uuid.NAMESPACE_URL, "http://example.com/")
        assert_eq!(
            Uuid::v5(&NAMESPACE_URL, "http://example.com/").to_string(),
            "0a300ee9-f9e4-5697-a51a-efc7fafaba67"
        );
    }
}
