//! What to do with a statement after the LRS answered: keep it as stored, drop it as
//! refused, or send it again later ([`Answer::of_status`]), and how long to wait before
//! the next try ([`Backoff`]); and what a page that is going away sends in its one last
//! request ([`ClosingBatch`]).
//!
//! A 409 Conflict means the LRS already holds a statement with that id (xAPI 1.0.3,
//! Part Three §2.1.1): statement ids are name-based, so it is this one, stored by an
//! earlier try whose answer was lost. Other 4xx answers will not change on a resend, except
//! 408 (timeout) and 429 (too many requests), which say "later".
//!
//! ```
//! use cloudhop_core::xapi::delivery::{Answer, Backoff};
//! assert_eq!(Answer::of_status(204), Answer::Stored);
//! assert_eq!(Answer::of_status(409), Answer::Stored);
//! assert_eq!(Answer::of_status(400), Answer::Refused);
//! assert_eq!(Answer::of_status(503), Answer::Retry);
//! let mut b = Backoff::default();
//! assert_eq!((b.next_wait_ms(), b.next_wait_ms()), (1_000, 2_000));
//! ```

/// What an LRS's HTTP status means for the statement sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Stored now or before: take it off the queue.
    Stored,
    /// Refused for good: list it with the reason, take it off the queue, never resend.
    Refused,
    /// Not stored yet: keep it first in the queue and try again later.
    Retry,
}

impl Answer {
    /// The meaning of an HTTP status from `PUT /statements`.
    pub fn of_status(status: u16) -> Answer {
        match status {
            200..=299 | 409 => Answer::Stored,
            408 | 429 => Answer::Retry,
            400..=499 => Answer::Refused,
            _ => Answer::Retry,
        }
    }
}

/// Waits between tries: 1 s, doubled after each failed try, at most 60 s; back to 1 s once
/// a try gets through (or the browser says it is online again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    next_ms: u32,
}

impl Backoff {
    /// The first wait.
    pub const FIRST_MS: u32 = 1_000;

    /// A back-off that has not waited yet: the next wait is [`Backoff::FIRST_MS`].
    ///
    /// ```
    /// use cloudhop_core::xapi::delivery::Backoff;
    /// let mut b = Backoff::new();
    /// assert_eq!(b.next_wait_ms(), Backoff::FIRST_MS);
    /// ```
    pub const fn new() -> Backoff {
        Backoff {
            next_ms: Self::FIRST_MS,
        }
    }

    /// The longest wait.
    pub const MAX_MS: u32 = 60_000;

    /// The wait before the next try, and the one after it doubled.
    pub fn next_wait_ms(&mut self) -> u32 {
        let ms = self.next_ms;
        self.next_ms = ms.saturating_mul(2).min(Self::MAX_MS);
        ms
    }

    /// Start again from the first wait.
    pub fn reset(&mut self) {
        self.next_ms = Self::FIRST_MS;
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff::new()
    }
}

/// The most a page sends in its last `keepalive` request. The Fetch standard lets the
/// `keepalive` requests in flight carry 64 KiB of body in all; this leaves room for one
/// other small request.
pub const KEEPALIVE_BODY_LIMIT: usize = 60 * 1024;

/// The one request a page that is going away sends (`POST /statements` with `keepalive`:
/// the browser finishes it after the page is gone): the statements the page queued that
/// the LRS has not answered, in the order they were made, then the session's last one
/// (cmi5's `terminated`), as one JSON array.
///
/// cmi5 (section 9.3.8) makes `terminated` the last statement of a session, and an LMS
/// rejects what comes after it; sent on its own, it would reach the LRS before
/// statements still waiting in the queue (the page was offline, or the LRS slow). So the
/// last statement goes only behind all the earlier ones: when they do not all fit in
/// `limit` bytes, as many of the earlier ones as fit go, in order, and the last one does
/// not ([`ClosingBatch::with_last`] is false: the LMS will call the session abandoned).
///
/// ```
/// use cloudhop_core::xapi::delivery::ClosingBatch;
/// let queued = [r#"{"id":"a"}"#.to_string(), r#"{"id":"b"}"#.to_string()];
/// let b = ClosingBatch::new(&queued, Some(r#"{"id":"t"}"#), 1024);
/// assert_eq!(b.body, r#"[{"id":"a"},{"id":"b"},{"id":"t"}]"#);
/// assert!(b.with_last);
/// // Too little room for all three: the earlier ones first, terminated not at all.
/// let b = ClosingBatch::new(&queued, Some(r#"{"id":"t"}"#), 24);
/// assert_eq!(b.body, r#"[{"id":"a"},{"id":"b"}]"#);
/// assert!(!b.with_last);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosingBatch {
    /// The request's body: a JSON array of statements (`[]` when there is nothing to send).
    pub body: String,
    /// How many statements the body holds.
    pub count: usize,
    /// The last statement is in the body.
    pub with_last: bool,
}

impl ClosingBatch {
    /// The batch for `queued` (statements as JSON, oldest first) and `last`, in at most
    /// `limit` bytes.
    pub fn new(queued: &[String], last: Option<&str>, limit: usize) -> ClosingBatch {
        let mut body = String::from("[");
        let mut count = 0;
        let mut with_last = false;
        let in_order = queued
            .iter()
            .map(|s| (s.as_str(), false))
            .chain(last.map(|s| (s, true)));
        for (s, is_last) in in_order {
            // A statement costs its length and a comma before it unless it is the first,
            // and must leave room for the closing bracket: strictly under the limit. The
            // first that does not fit ends the batch, so nothing goes ahead of it.
            if body.len() + usize::from(count > 0) + s.len() >= limit {
                break;
            }
            if count > 0 {
                body.push(',');
            }
            body.push_str(s);
            count += 1;
            with_last = is_last;
        }
        body.push(']');
        ClosingBatch {
            body,
            count,
            with_last,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        for s in [200, 204, 299, 409] {
            assert_eq!(Answer::of_status(s), Answer::Stored, "{s}");
        }
        for s in [400, 401, 403, 404, 413, 499] {
            assert_eq!(Answer::of_status(s), Answer::Refused, "{s}");
        }
        for s in [0, 100, 301, 408, 429, 500, 502, 503] {
            assert_eq!(Answer::of_status(s), Answer::Retry, "{s}");
        }
    }

    #[test]
    fn backoff_doubles_to_a_minute_and_resets() {
        let mut b = Backoff::default();
        let waits: Vec<u32> = (0..9).map(|_| b.next_wait_ms()).collect();
        assert_eq!(
            waits,
            [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]
        );
        b.reset();
        assert_eq!(b.next_wait_ms(), 1_000);
    }

    #[test]
    fn closing_batch_keeps_order_and_puts_the_last_one_last() {
        let queued: Vec<String> = (0..5).map(|i| format!(r#"{{"id":"s{i}"}}"#)).collect();
        let b = ClosingBatch::new(&queued, Some(r#"{"id":"end"}"#), KEEPALIVE_BODY_LIMIT);
        let ids: Vec<String> = serde_json::from_str::<Vec<serde_json::Value>>(&b.body)
            .unwrap()
            .iter()
            .map(|v| v["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, ["s0", "s1", "s2", "s3", "s4", "end"]);
        assert_eq!((b.count, b.with_last), (6, true));
    }

    #[test]
    fn closing_batch_never_sends_the_last_one_ahead_of_an_earlier_one() {
        // 40 statements of 2 KB: more than fits in one keepalive body.
        let big = "x".repeat(2_000);
        let queued: Vec<String> = (0..40)
            .map(|i| format!(r#"{{"id":"s{i}","p":"{big}"}}"#))
            .collect();
        let b = ClosingBatch::new(&queued, Some(r#"{"id":"end"}"#), KEEPALIVE_BODY_LIMIT);
        assert!(b.body.len() <= KEEPALIVE_BODY_LIMIT, "{}", b.body.len());
        assert!(!b.with_last);
        let sent: Vec<serde_json::Value> = serde_json::from_str(&b.body).unwrap();
        assert_eq!(sent.len(), b.count);
        assert!(b.count > 20 && b.count < 40, "{}", b.count);
        for (i, s) in sent.iter().enumerate() {
            assert_eq!(s["id"], format!("s{i}"));
        }
    }

    #[test]
    fn closing_batch_of_nothing_or_only_the_last_one() {
        let b = ClosingBatch::new(&[], None, KEEPALIVE_BODY_LIMIT);
        assert_eq!((b.body.as_str(), b.count, b.with_last), ("[]", 0, false));
        let b = ClosingBatch::new(&[], Some("{}"), KEEPALIVE_BODY_LIMIT);
        assert_eq!((b.body.as_str(), b.count, b.with_last), ("[{}]", 1, true));
        // A limit too small for even one: an empty array, nothing claimed.
        let b = ClosingBatch::new(&["{}".into()], Some("{}"), 2);
        assert_eq!((b.body.as_str(), b.count, b.with_last), ("[]", 0, false));
    }

    #[test]
    fn closing_batch_fits_every_limit_and_is_a_prefix() {
        let queued: Vec<String> = (0..6).map(|i| format!(r#"{{"n":{}}}"#, i * 37)).collect();
        for limit in 2..80 {
            let b = ClosingBatch::new(&queued, Some(r#"{"end":1}"#), limit);
            assert!(b.body.len() <= limit, "limit {limit}: {}", b.body);
            let sent: Vec<serde_json::Value> = serde_json::from_str(&b.body).unwrap();
            assert_eq!(sent.len(), b.count);
            let mut expected: Vec<serde_json::Value> = queued[..b.count.min(6)]
                .iter()
                .map(|q| serde_json::from_str(q).unwrap())
                .collect();
            if b.with_last {
                assert_eq!(b.count, 7, "limit {limit}");
                expected.push(serde_json::json!({"end": 1}));
            }
            assert_eq!(sent, expected, "limit {limit}");
        }
    }
}
