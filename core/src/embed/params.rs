//! The parameters of an embed URL: `embed/<lab>/?s=<state>&theme=dark&bg=transparent&host=<origin>`.

use super::origin::HostOrigin;
use crate::share;

/// The embed's colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Light, whatever the reader's system prefers.
    Light,
    /// Dark, whatever the reader's system prefers.
    Dark,
    /// The reader's system preference (`prefers-color-scheme`).
    #[default]
    Auto,
}

impl Theme {
    /// Read `light`, `dark` or `auto`.
    ///
    /// ```
    /// use cloudhop_core::embed::Theme;
    /// assert_eq!(Theme::parse("dark"), Some(Theme::Dark));
    /// assert_eq!(Theme::parse("Auto"), Some(Theme::Auto));
    /// assert_eq!(Theme::parse("pink"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Theme> {
        match text.trim().to_ascii_lowercase().as_str() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "auto" | "" => Some(Theme::Auto),
            _ => None,
        }
    }

    /// The name in URLs and messages.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }

    /// The page's `data-theme` attribute (`None`: remove it, the style sheet follows the
    /// system), which is also the CSS `color-scheme` the page declares.
    ///
    /// ```
    /// use cloudhop_core::embed::Theme;
    /// assert_eq!(Theme::Dark.data_theme(), Some("dark"));
    /// assert_eq!(Theme::Auto.data_theme(), None);
    /// ```
    pub fn data_theme(self) -> Option<&'static str> {
        match self {
            Theme::Auto => None,
            t => Some(t.name()),
        }
    }
}

/// What is behind the lab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Background {
    /// The lab's own page colour.
    #[default]
    Page,
    /// Transparent, so the lab sits on the host's page (`bg=transparent`).
    Transparent,
}

/// An embed URL's parameters. Reading them never fails: what cannot be read is left at its
/// default and said in [`EmbedParams::problems`], so the lab still opens.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmbedParams {
    /// The scenario to open (`s=`), as share links carry it.
    pub state: Option<String>,
    /// The colours (`theme=`).
    pub theme: Theme,
    /// The background (`bg=`).
    pub background: Background,
    /// The page allowed to receive scenarios and verdicts and to send commands (`host=`).
    pub host: Option<HostOrigin>,
    /// What could not be read, for a person.
    pub problems: Vec<String>,
}

impl EmbedParams {
    /// Read a query string (with or without its `?`). Unknown parameters are ignored, as
    /// hosts and analytics add their own.
    ///
    /// ```
    /// use cloudhop_core::embed::{Background, EmbedParams, Theme};
    /// let p = EmbedParams::parse("?s=%7B%7D&bg=transparent&host=https%3A%2F%2Fdocs.example.org&utm=x");
    /// assert_eq!(p.state.as_deref(), Some("%7B%7D"));
    /// assert_eq!(p.background, Background::Transparent);
    /// assert_eq!(p.host.unwrap().as_str(), "https://docs.example.org");
    /// let bad = EmbedParams::parse("theme=pink&host=*");
    /// assert_eq!(bad.theme, Theme::Auto);
    /// assert!(bad.host.is_none());
    /// assert_eq!(bad.problems.len(), 2);
    /// ```
    pub fn parse(query: &str) -> EmbedParams {
        let mut p = EmbedParams::default();
        let query = query.trim_start_matches('?');
        for pair in query.split('&').filter(|kv| !kv.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                // Kept as it is: the lab's reader undoes the percent-encoding.
                "s" if !value.is_empty() => p.state = Some(value.to_string()),
                "theme" => match Theme::parse(&share::decode(value)) {
                    Some(t) => p.theme = t,
                    None => p.problems.push(format!(
                        "theme `{}` is not light, dark or auto: the system's is used",
                        share::decode(value)
                    )),
                },
                "bg" => match share::decode(value).as_str() {
                    "transparent" => p.background = Background::Transparent,
                    "" | "page" => p.background = Background::Page,
                    other => p.problems.push(format!(
                        "bg `{other}` is not transparent or page: the page colour is used"
                    )),
                },
                "host" => match HostOrigin::parse(&share::decode(value)) {
                    Ok(o) => p.host = Some(o),
                    Err(e) => p
                        .problems
                        .push(format!("{e}; scenarios and verdicts are sent to no page")),
                },
                _ => {}
            }
        }
        p
    }

    /// Whether a message from `event_origin` is a command to obey: only from the named
    /// host (without one, no command is obeyed).
    ///
    /// ```
    /// use cloudhop_core::embed::EmbedParams;
    /// assert!(!EmbedParams::parse("").accepts_from("https://docs.example.org"));
    /// assert!(!EmbedParams::parse("host=http://127.0.0.1:81").accepts_from("null"));
    /// ```
    pub fn accepts_from(&self, event_origin: &str) -> bool {
        self.host.as_ref().is_some_and(|h| h.matches(event_origin))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_parameters_win_and_empty_ones_are_nothing() {
        let p = EmbedParams::parse("s=&theme=dark&theme=light&bg=");
        assert_eq!(p.state, None);
        assert_eq!(p.theme, Theme::Light);
        assert_eq!(p.background, Background::Page);
        assert!(p.problems.is_empty());
    }

    #[test]
    fn a_bad_host_is_said_and_names_no_one() {
        let p = EmbedParams::parse("host=https://docs.example.org/page");
        assert!(p.host.is_none());
        assert!(p.problems[0].contains("no path"), "{:?}", p.problems);
        assert!(!p.accepts_from("https://docs.example.org"));
    }
}
