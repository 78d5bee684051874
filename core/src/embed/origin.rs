//! The host origin named in an embed URL (`?host=https://docs.example.org`): the only
//! origin an embed sends scenarios and verdicts to, and the only one it takes commands from.

use std::fmt;

/// A web origin as browsers serialise it (`MessageEvent.origin`, `location.origin`):
/// scheme, lower-case host, and the port only when it is not the scheme's default.
///
/// ```
/// use cloudhop_core::embed::HostOrigin;
/// let o = HostOrigin::parse("HTTPS://Docs.Example.org:443/").unwrap();
/// assert_eq!(o.as_str(), "https://docs.example.org");
/// assert_eq!(HostOrigin::parse("http://127.0.0.1:8081").unwrap().as_str(), "http://127.0.0.1:8081");
/// assert!(HostOrigin::parse("*").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostOrigin(String);

/// Why a `host` parameter is not an origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginError {
    /// The text as given.
    pub given: String,
    /// What is wrong with it, for a person.
    pub reason: &'static str,
}

impl fmt::Display for OriginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a host origin: {} (write it as https://docs.example.org)",
            self.given, self.reason
        )
    }
}

impl std::error::Error for OriginError {}

impl HostOrigin {
    /// Read an origin: `http` or `https`, a host, an optional port, nothing after but an
    /// optional `/`. Paths, queries, user names and wildcards are refused, so that a scenario
    /// can never be sent to `*` or to an origin the host did not mean.
    ///
    /// ```
    /// use cloudhop_core::embed::HostOrigin;
    /// assert!(HostOrigin::parse("https://docs.example.org/guide/").unwrap_err().reason.contains("path"));
    /// assert!(HostOrigin::parse("file:///tmp").is_err());
    /// assert!(HostOrigin::parse("https://a:b@c.example").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<HostOrigin, OriginError> {
        let err = |reason| OriginError {
            given: text.to_string(),
            reason,
        };
        let t = text.trim();
        let (scheme, rest) = t.split_once("://").ok_or_else(|| err("it has no scheme"))?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "https" => "443",
            "http" => "80",
            _ => return Err(err("only http and https hosts can embed a lab")),
        };
        let authority = rest.strip_suffix('/').unwrap_or(rest);
        if authority.contains(['/', '?', '#']) {
            return Err(err("an origin has no path, query or fragment"));
        }
        if authority.contains('@') {
            return Err(err("an origin has no user name"));
        }
        let (host, port) = match authority.rsplit_once(':') {
            // An IPv6 literal keeps its colons inside brackets.
            Some((h, p)) if !p.contains(']') => (h, Some(p)),
            _ => (authority, None),
        };
        if host.is_empty() || host.contains('*') {
            return Err(err("it has no host name"));
        }
        if !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.[]:".contains(c))
        {
            return Err(err("the host name has characters a host name cannot have"));
        }
        let port = match port {
            Some(p) if p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) => {
                return Err(err("the port is not a number"))
            }
            Some(p) if p.parse::<u32>().map_or(true, |n| n > 65535) => {
                return Err(err("the port is above 65535"))
            }
            Some(p) if p != default_port => format!(":{p}"),
            _ => String::new(),
        };
        Ok(HostOrigin(format!(
            "{scheme}://{}{port}",
            host.to_ascii_lowercase()
        )))
    }

    /// The origin as browsers write it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a message event's origin is this one (an exact comparison, as
    /// `MessageEvent.origin` is always serialised the same way).
    ///
    /// ```
    /// use cloudhop_core::embed::HostOrigin;
    /// let o = HostOrigin::parse("https://docs.example.org").unwrap();
    /// assert!(o.matches("https://docs.example.org"));
    /// assert!(!o.matches("https://docs.example.org.evil.example"));
    /// assert!(!o.matches("null"));
    /// ```
    pub fn matches(&self, event_origin: &str) -> bool {
        self.0 == event_origin
    }
}

impl fmt::Display for HostOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_ports_are_dropped_and_others_kept() {
        assert_eq!(
            HostOrigin::parse("http://x.example:80").unwrap().as_str(),
            "http://x.example"
        );
        assert_eq!(
            HostOrigin::parse("https://x.example:8443")
                .unwrap()
                .as_str(),
            "https://x.example:8443"
        );
        assert_eq!(
            HostOrigin::parse("http://[::1]:9000").unwrap().as_str(),
            "http://[::1]:9000"
        );
        assert_eq!(
            HostOrigin::parse("http://[::1]").unwrap().as_str(),
            "http://[::1]"
        );
    }

    #[test]
    fn refuses_what_is_not_an_origin() {
        for bad in [
            "",
            "*",
            "docs.example.org",
            "https://",
            "https://*.example.org",
            "https://x.example:99999",
            "https://x.example:",
            "https://x.example:8a",
            "https://x.example?x=1",
            "https://x.example#a",
            "javascript://x.example",
            "https://x ex.example",
            "https://x.example/a",
        ] {
            assert!(HostOrigin::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
