//! What to do with a statement after the LRS answered: keep it as stored, drop it as
//! refused, or send it again later ([`Answer::of_status`]), and how long to wait before
//! the next try ([`Backoff`]).
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
}
