//! Byte codecs shared by links and receipts: DEFLATE (raw, via `miniz_oxide`), base64url
//! for URLs, base32 for receipt codes (its alphabet is in QR's dense alphanumeric mode and
//! survives being read aloud or retyped), and CRC-32 (IEEE) for checksums.

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B64_STANDARD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Compress with raw DEFLATE at a high level.
pub(crate) fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, 9)
}

/// Why [`inflate`] gave nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InflateError {
    /// The output would pass the limit (a decompression bomb, or just too much).
    TooLarge,
    /// Not valid DEFLATE data.
    Damaged,
}

impl std::fmt::Display for InflateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            InflateError::TooLarge => "it unpacks to more than allowed",
            InflateError::Damaged => "its compressed data is damaged",
        })
    }
}

/// Decompress raw DEFLATE, refusing output over `limit` bytes (no decompression bombs):
/// decompression stops as soon as the limit is passed.
pub(crate) fn inflate(bytes: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, limit).map_err(|e| match e.status {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => InflateError::TooLarge,
        _ => InflateError::Damaged,
    })
}

fn encode_bits(bytes: &[u8], bits: u32, alphabet: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / bits as usize + 1);
    let (mut acc, mut n) = (0u32, 0u32);
    let mask = (1u32 << bits) - 1;
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        n += 8;
        while n >= bits {
            n -= bits;
            out.push(alphabet[((acc >> n) & mask) as usize] as char);
        }
        acc &= (1 << n) - 1;
    }
    if n > 0 {
        out.push(alphabet[((acc << (bits - n)) & mask) as usize] as char);
    }
    out
}

fn decode_bits(text: &str, bits: u32, value: impl Fn(u8) -> Option<u32>) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * bits as usize / 8);
    let (mut acc, mut n) = (0u32, 0u32);
    for c in text.bytes() {
        acc = (acc << bits) | value(c)?;
        n += bits;
        if n >= 8 {
            n -= 8;
            out.push((acc >> n) as u8);
        }
        acc &= (1 << n) - 1;
    }
    Some(out)
}

/// base64url without padding.
pub(crate) fn base64url(bytes: &[u8]) -> String {
    encode_bits(bytes, 6, B64)
}

/// RFC 4648 base64 with padding (HTTP Basic credentials).
pub(crate) fn base64(bytes: &[u8]) -> String {
    let mut out = encode_bits(bytes, 6, B64_STANDARD);
    while out.len() % 4 != 0 {
        out.push('=');
    }
    out
}

/// Reverse [`base64url`]; `None` on any other character.
pub(crate) fn from_base64url(text: &str) -> Option<Vec<u8>> {
    decode_bits(text, 6, |c| {
        B64.iter().position(|&x| x == c).map(|p| p as u32)
    })
}

/// RFC 4648 base32 (upper case) without padding.
pub(crate) fn base32(bytes: &[u8]) -> String {
    encode_bits(bytes, 5, B32)
}

/// Reverse [`base32`], ignoring case; `None` on any other character.
pub(crate) fn from_base32(text: &str) -> Option<Vec<u8>> {
    decode_bits(text, 5, |c| {
        let c = c.to_ascii_uppercase();
        B32.iter().position(|&x| x == c).map(|p| p as u32)
    })
}

/// CRC-32 (IEEE 802.3, as zip and PNG use).
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & 0u32.wrapping_sub(crc & 1));
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base64url(b"\xfb\xff"), "-_8");
        // RFC 4648, section 10.
        for (raw, b64) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(raw.as_bytes()), b64);
        }
        assert_eq!(base64(b"\xfb\xff"), "+/8=");
        assert_eq!(from_base32("mzxw6ytboi").unwrap(), b"foobar");
        assert!(from_base32("MZ1").is_none());
        assert!(from_base64url("a b").is_none());
    }

    proptest! {
        #[test]
        fn round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            prop_assert_eq!(from_base32(&base32(&bytes)).unwrap(), bytes.clone());
            prop_assert_eq!(from_base64url(&base64url(&bytes)).unwrap(), bytes.clone());
            prop_assert_eq!(inflate(&deflate(&bytes), 1000).unwrap(), bytes);
        }

        #[test]
        fn inflate_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = inflate(&bytes, 10_000);
        }
    }

    #[test]
    fn inflate_refuses_bombs() {
        let big = vec![0u8; 100_000];
        assert!(inflate(&deflate(&big), 1000).is_err());
    }
}
