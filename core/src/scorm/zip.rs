//! A zip archive writer: each entry stored or DEFLATE-compressed (whichever is smaller),
//! UTF-8 names, a fixed date (1980-01-01) so the same files give the same bytes. No
//! zip64: an archive over 4 GiB or 65,535 entries is refused.
//!
//! ```
//! use cloudhop_core::scorm::zip::Archive;
//! let mut zip = Archive::new();
//! zip.add("imsmanifest.xml", b"<manifest/>").unwrap();
//! zip.add("index.html", "<p>hi</p>".repeat(100).as_bytes()).unwrap();
//! let bytes = zip.finish().unwrap();
//! assert_eq!(&bytes[..4], b"PK\x03\x04");
//! ```

use crate::workshop::codec::{crc32, deflate};
use std::fmt;

/// Why an archive could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipError {
    /// A name is empty, absolute, has `..`, `\` or is too long.
    BadName(String),
    /// The same name twice.
    Duplicate(String),
    /// More than zip without zip64 holds.
    TooLarge,
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZipError::BadName(n) => write!(f, "`{n}` cannot be a name in a zip archive"),
            ZipError::Duplicate(n) => write!(f, "`{n}` is in the archive twice"),
            ZipError::TooLarge => f.write_str("the package passes 4 GiB or 65,535 files"),
        }
    }
}

struct Entry {
    name: String,
    crc: u32,
    method: u16,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// An archive being written.
#[derive(Default)]
pub struct Archive {
    out: Vec<u8>,
    entries: Vec<Entry>,
}

/// 1980-01-01: year 0 (from 1980) in bits 9.., month 1 in bits 5..8, day 1.
const DOS_DATE: u16 = (1 << 5) | 1;
const UTF8_NAMES: u16 = 1 << 11;

fn u32_of(n: usize) -> Result<u32, ZipError> {
    u32::try_from(n).map_err(|_| ZipError::TooLarge)
}

impl Archive {
    /// An empty archive.
    pub fn new() -> Archive {
        Archive::default()
    }

    /// Add a file `name` (relative, `/`-separated) with these bytes.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), ZipError> {
        let bad = name.is_empty()
            || name.starts_with('/')
            || name.contains('\\')
            || name.split('/').any(|p| p.is_empty() || p == "..")
            || name.len() > u16::MAX as usize;
        if bad {
            return Err(ZipError::BadName(super::shown(name)));
        }
        if self.entries.iter().any(|e| e.name == name) {
            return Err(ZipError::Duplicate(super::shown(name)));
        }
        if self.entries.len() >= u16::MAX as usize {
            return Err(ZipError::TooLarge);
        }
        let packed = deflate(bytes);
        let (method, data) = if packed.len() < bytes.len() {
            (8u16, packed.as_slice())
        } else {
            (0u16, bytes)
        };
        let entry = Entry {
            name: name.to_string(),
            crc: crc32(bytes),
            method,
            compressed: u32_of(data.len())?,
            size: u32_of(bytes.len())?,
            offset: u32_of(self.out.len())?,
        };
        let o = &mut self.out;
        o.extend_from_slice(b"PK\x03\x04");
        push16(o, 20); // version needed: 2.0
        push16(o, UTF8_NAMES);
        push16(o, entry.method);
        push16(o, 0); // time
        push16(o, DOS_DATE);
        push32(o, entry.crc);
        push32(o, entry.compressed);
        push32(o, entry.size);
        push16(o, name.len() as u16);
        push16(o, 0); // extra
        o.extend_from_slice(name.as_bytes());
        o.extend_from_slice(data);
        u32_of(self.out.len())?;
        self.entries.push(entry);
        Ok(())
    }

    /// The archive's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, ZipError> {
        let start = u32_of(self.out.len())?;
        for e in &self.entries {
            let o = &mut self.out;
            o.extend_from_slice(b"PK\x01\x02");
            push16(o, 0x0314); // made by: Unix, 2.0
            push16(o, 20);
            push16(o, UTF8_NAMES);
            push16(o, e.method);
            push16(o, 0);
            push16(o, DOS_DATE);
            push32(o, e.crc);
            push32(o, e.compressed);
            push32(o, e.size);
            push16(o, e.name.len() as u16);
            push16(o, 0); // extra
            push16(o, 0); // comment
            push16(o, 0); // disk
            push16(o, 0); // internal attributes
            push32(o, 0o100644 << 16); // external: a regular file, rw-r--r--
            push32(o, e.offset);
            o.extend_from_slice(e.name.as_bytes());
        }
        let size = u32_of(self.out.len())? - start;
        let n = self.entries.len() as u16;
        let o = &mut self.out;
        o.extend_from_slice(b"PK\x05\x06");
        push16(o, 0);
        push16(o, 0);
        push16(o, n);
        push16(o, n);
        push32(o, size);
        push32(o, start);
        push16(o, 0);
        Ok(self.out)
    }
}

fn push16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn push32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::codec::inflate;

    fn u16_at(b: &[u8], i: usize) -> u16 {
        u16::from_le_bytes([b[i], b[i + 1]])
    }
    fn u32_at(b: &[u8], i: usize) -> u32 {
        u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
    }

    /// Read the archive back through its central directory.
    fn read(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
        let end = zip.len() - 22;
        assert_eq!(&zip[end..end + 4], b"PK\x05\x06");
        let n = u16_at(zip, end + 10) as usize;
        let mut at = u32_at(zip, end + 16) as usize;
        let mut out = vec![];
        for _ in 0..n {
            assert_eq!(&zip[at..at + 4], b"PK\x01\x02");
            let method = u16_at(zip, at + 10);
            let crc = u32_at(zip, at + 16);
            let csize = u32_at(zip, at + 20) as usize;
            let size = u32_at(zip, at + 24) as usize;
            let nlen = u16_at(zip, at + 28) as usize;
            let off = u32_at(zip, at + 42) as usize;
            let name = String::from_utf8(zip[at + 46..at + 46 + nlen].to_vec()).unwrap();
            let lnlen = u16_at(zip, off + 26) as usize;
            let data = &zip[off + 30 + lnlen..off + 30 + lnlen + csize];
            let bytes = if method == 8 {
                inflate(data, size).unwrap()
            } else {
                data.to_vec()
            };
            assert_eq!(bytes.len(), size);
            assert_eq!(crc32(&bytes), crc);
            out.push((name, bytes));
            at += 46 + nlen;
        }
        out
    }

    #[test]
    fn entries_read_back_stored_and_deflated() {
        let mut z = Archive::new();
        let big = "cloudhop ".repeat(500);
        z.add("index.html", big.as_bytes()).unwrap();
        z.add("a/b.bin", &[0, 1, 2]).unwrap();
        z.add("empty", b"").unwrap();
        let bytes = z.finish().unwrap();
        let back = read(&bytes);
        assert_eq!(back[0], ("index.html".into(), big.into_bytes()));
        assert_eq!(back[1], ("a/b.bin".into(), vec![0, 1, 2]));
        assert_eq!(back[2], ("empty".into(), vec![]));
        assert!(bytes.len() < 500, "deflated: {}", bytes.len());
    }

    #[test]
    fn refuses_unsafe_names_and_duplicates() {
        let mut z = Archive::new();
        for bad in ["", "/etc/x", "../x", "a//b", "a\\b"] {
            assert!(
                matches!(z.add(bad, b""), Err(ZipError::BadName(_))),
                "{bad}"
            );
        }
        z.add("x", b"").unwrap();
        assert_eq!(z.add("x", b""), Err(ZipError::Duplicate("x".into())));
    }
}
