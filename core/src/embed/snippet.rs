//! The code a docs site pastes to embed a lab: the link, the embed URL, the iframe, the
//! `<cloudhop-lab>` element and the mdBook fence, for one scenario. The Share / embed
//! control shows these texts (as text); the `mdbook-cloudhop` preprocessor writes the
//! element with [`LabElement`].
//!
//! ```
//! use cloudhop_core::embed::{SiteBase, Snippets};
//! use cloudhop_core::labs::LabId;
//! let site = SiteBase::from_page_url("https://labs.example.org/course/index.html#/lab/bgp").unwrap();
//! let s = Snippets::new(&site, LabId::Bgp, Some("%7B%7D"));
//! assert_eq!(s.link, "https://labs.example.org/course/#/lab/bgp?s=%7B%7D");
//! assert_eq!(s.embed_url, "https://labs.example.org/course/embed/bgp/?s=%7B%7D");
//! assert!(s.iframe.starts_with(r#"<iframe src="https://labs.example.org/course/embed/bgp/?s=%7B%7D""#));
//! assert!(s.element.contains(r#"<cloudhop-lab lab="bgp" state="%7B%7D""#));
//! assert_eq!(s.mdbook, "```cloudhop lab=bgp state=%7B%7D\n```\n");
//! ```

use super::fence::{Height, LabFence};
use super::params::{Background, Theme};
use crate::labs::LabId;
use std::fmt;

/// The height a plain iframe snippet asks for (a plain iframe cannot follow its content
/// without a script: the element, or the host's own resizer, does that).
pub const IFRAME_HEIGHT: u32 = 640;

/// The base URL of a cloudhop site, ending in `/`: its course is `<base>`, a lab's embed
/// `<base>embed/<lab>/`, the element's script `<base>cloudhop-lab.js`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteBase(String);

/// Why a text is not a site's base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteError {
    /// The text as given.
    pub given: String,
    /// What is wrong with it, for a person.
    pub reason: &'static str,
}

impl fmt::Display for SiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not the address of a cloudhop site: {} (write it as https://labs.example.org/)",
            self.given, self.reason
        )
    }
}

impl std::error::Error for SiteError {}

impl SiteBase {
    /// Read a site's address: `http` or `https`, a host, an optional path; no query,
    /// fragment, space, quote or angle bracket. A missing final `/` is added.
    ///
    /// ```
    /// use cloudhop_core::embed::SiteBase;
    /// assert_eq!(SiteBase::parse("https://labs.example.org").unwrap().as_str(), "https://labs.example.org/");
    /// assert_eq!(SiteBase::parse("http://127.0.0.1:8080/cloudhop/").unwrap().as_str(), "http://127.0.0.1:8080/cloudhop/");
    /// assert!(SiteBase::parse("labs.example.org").unwrap_err().reason.contains("http"));
    /// assert!(SiteBase::parse("https://labs.example.org/?a=1").is_err());
    /// assert!(SiteBase::parse("https://x.org/\"><script>").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<SiteBase, SiteError> {
        let err = |reason| SiteError {
            given: text.to_string(),
            reason,
        };
        let t = text.trim();
        let (scheme, rest) = t
            .split_once("://")
            .ok_or_else(|| err("it does not start with https:// or http://"))?;
        if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
            return Err(err("it does not start with https:// or http://"));
        }
        if t.contains(['?', '#']) {
            return Err(err("a site's address has no query or fragment"));
        }
        if t.contains(|c: char| c.is_whitespace() || c.is_control() || "\"'<>`\\".contains(c)) {
            return Err(err(
                "it holds a space, a quote, a backslash or an angle bracket",
            ));
        }
        let host = rest.split('/').next().unwrap_or("");
        if host.is_empty() || host.contains('@') {
            return Err(err("it has no host name"));
        }
        let mut base = format!("{}://{rest}", scheme.to_ascii_lowercase());
        if !base.ends_with('/') {
            base.push('/');
        }
        Ok(SiteBase(base))
    }

    /// The base of the site a page belongs to, from the page's address (what is after
    /// the last `/` of its path, its query and its fragment go).
    ///
    /// ```
    /// use cloudhop_core::embed::SiteBase;
    /// let s = SiteBase::from_page_url("http://127.0.0.1:8080/#/lab/bgp?s=a/b").unwrap();
    /// assert_eq!(s.as_str(), "http://127.0.0.1:8080/");
    /// ```
    pub fn from_page_url(href: &str) -> Result<SiteBase, SiteError> {
        let page = href.split(['#', '?']).next().unwrap_or("");
        let scheme_end = page.find("://").map_or(0, |i| i + 3);
        let base = match page[scheme_end..].rfind('/') {
            Some(i) => &page[..scheme_end + i + 1],
            None => page,
        };
        SiteBase::parse(base)
    }

    /// The address, ending in `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL of `lab`'s embed, with its scenario.
    pub fn embed_url(&self, lab: LabId, state: Option<&str>) -> String {
        format!("{}embed/{}/{}", self.0, lab.slug(), query(state))
    }
}

fn query(state: Option<&str>) -> String {
    state
        .filter(|s| !s.is_empty())
        .map(|s| format!("?s={s}"))
        .unwrap_or_default()
}

/// Text made safe inside a double-quoted HTML attribute (and in element content).
///
/// ```
/// use cloudhop_core::embed::html_attribute;
/// assert_eq!(html_attribute(r#"a "b" <c> & d"#), "a &quot;b&quot; &lt;c&gt; &amp; d");
/// ```
pub fn html_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// One `<cloudhop-lab>` element, as a page or a book carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabElement {
    /// Which lab.
    pub lab: LabId,
    /// The scenario, the shareable text of a lab link.
    pub state: Option<String>,
    /// The colours.
    pub theme: Theme,
    /// The height.
    pub height: Height,
    /// The frame's title (default: `cloudhop <lab> lab`).
    pub title: Option<String>,
    /// What is behind the lab.
    pub background: Background,
    /// The frame is sandboxed (`sandbox="allow-scripts allow-popups"`).
    pub sandbox: bool,
    /// The theme follows the mdBook book's (`data-theme-from="mdbook"`, read by
    /// `cloudhop-mdbook.js`).
    pub follow_book_theme: bool,
}

impl LabElement {
    /// The element for `lab` with the defaults: auto theme and height, page background.
    pub fn new(lab: LabId) -> LabElement {
        LabElement {
            lab,
            state: None,
            theme: Theme::Auto,
            height: Height::Auto,
            title: None,
            background: Background::Page,
            sandbox: false,
            follow_book_theme: false,
        }
    }

    /// The element's HTML, every attribute value escaped. Without a script it shows a link
    /// to the lab on `site` (in `<noscript>`).
    ///
    /// ```
    /// use cloudhop_core::embed::{LabElement, SiteBase};
    /// use cloudhop_core::labs::LabId;
    /// let site = SiteBase::parse("https://labs.example.org/").unwrap();
    /// let mut e = LabElement::new(LabId::Planner);
    /// e.title = Some("Plan <yours>".into());
    /// let html = e.html(&site);
    /// assert!(html.starts_with(r#"<cloudhop-lab lab="planner" theme="auto" height="auto" title="Plan &lt;yours&gt;">"#));
    /// assert!(html.contains(r#"<noscript><a href="https://labs.example.org/#/lab/planner">"#));
    /// ```
    pub fn html(&self, site: &SiteBase) -> String {
        let mut attrs = vec![("lab", self.lab.slug().to_string())];
        if let Some(s) = self.state.as_deref().filter(|s| !s.is_empty()) {
            attrs.push(("state", s.to_string()));
        }
        attrs.push(("theme", self.theme.name().to_string()));
        attrs.push(("height", self.height.css().to_string()));
        if self.background == Background::Transparent {
            attrs.push(("bg", "transparent".into()));
        }
        if let Some(t) = &self.title {
            attrs.push(("title", t.clone()));
        }
        let mut out = String::from("<cloudhop-lab");
        for (k, v) in attrs {
            out.push_str(&format!(" {k}=\"{}\"", html_attribute(&v)));
        }
        if self.sandbox {
            out.push_str(" sandbox");
        }
        if self.follow_book_theme {
            out.push_str(" data-theme-from=\"mdbook\"");
        }
        out.push('>');
        out.push_str(&format!(
            "<noscript><a href=\"{}\">Open the {} ↗</a></noscript></cloudhop-lab>",
            html_attribute(&lab_link(site, self.lab, self.state.as_deref())),
            html_attribute(self.lab.title())
        ));
        out
    }
}

/// The lab's page on `site` with its scenario (`#/lab/<lab>?s=…`).
fn lab_link(site: &SiteBase, lab: LabId, state: Option<&str>) -> String {
    format!("{}#/lab/{}{}", site.as_str(), lab.slug(), query(state))
}

/// Every way to share or embed one scenario of one lab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippets {
    /// The lab's page in the course with this scenario.
    pub link: String,
    /// The embed's URL (for `src=` or a host's own frame).
    pub embed_url: String,
    /// A plain iframe.
    pub iframe: String,
    /// The element's script and the element.
    pub element: String,
    /// The mdBook fence (needs the preprocessor and [`Snippets::book_toml`]).
    pub mdbook: String,
    /// The lines of `book.toml` the fence needs.
    pub book_toml: String,
}

impl Snippets {
    /// The snippets for `lab` at `state` (the text the lab reports, as in a link's `s=`).
    ///
    /// ```
    /// use cloudhop_core::embed::{SiteBase, Snippets};
    /// use cloudhop_core::labs::LabId;
    /// let site = SiteBase::parse("http://127.0.0.1:8080").unwrap();
    /// let s = Snippets::new(&site, LabId::Latency, None);
    /// assert_eq!(s.iframe, r#"<iframe src="http://127.0.0.1:8080/embed/latency/" title="cloudhop Latency lab" width="100%" height="640" loading="lazy" allow="clipboard-write"></iframe>"#);
    /// assert_eq!(s.book_toml, "[preprocessor.cloudhop]\nsite = \"http://127.0.0.1:8080/\"\n");
    /// ```
    pub fn new(site: &SiteBase, lab: LabId, state: Option<&str>) -> Snippets {
        let state = state.map(str::trim).filter(|s| !s.is_empty());
        let embed_url = site.embed_url(lab, state);
        let title = format!("cloudhop {}", lab.title());
        let iframe = format!(
            "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{IFRAME_HEIGHT}\" loading=\"lazy\" allow=\"clipboard-write\"></iframe>",
            html_attribute(&embed_url),
            html_attribute(&title)
        );
        let mut element = LabElement::new(lab);
        element.state = state.map(String::from);
        let element = format!(
            "<script src=\"{}cloudhop-lab.js\" defer></script>\n{}",
            html_attribute(site.as_str()),
            element.html(site)
        );
        let mut fence = LabFence::new(lab);
        fence.state = state.map(String::from);
        Snippets {
            link: lab_link(site, lab, state),
            embed_url,
            iframe,
            element,
            mdbook: fence.markdown(),
            book_toml: format!("[preprocessor.cloudhop]\nsite = \"{}\"\n", site.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::{encode_state, Lab};
    use crate::labs::Bgp;

    #[test]
    fn a_real_scenario_appears_unchanged_in_every_snippet() {
        let state = encode_state::<Bgp>(&Bgp::default_state());
        let site = SiteBase::parse("https://labs.example.org/").unwrap();
        let s = Snippets::new(&site, LabId::Bgp, Some(&state));
        for text in [&s.link, &s.embed_url, &s.iframe, &s.element, &s.mdbook] {
            assert!(text.contains(&state), "{text}");
        }
        // What the fence says is what the preprocessor reads back.
        let info = s.mdbook.lines().next().unwrap().trim_start_matches('`');
        let back = LabFence::parse(info).unwrap();
        assert_eq!(back.state.as_deref(), Some(state.as_str()));
        assert!(LabId::Bgp.read_state(&state).is_ok());
    }

    #[test]
    fn page_urls_give_their_site() {
        for (href, base) in [
            ("https://a.org/x/y/index.html?q#/lab", "https://a.org/x/y/"),
            ("https://a.org", "https://a.org/"),
            ("https://a.org/embed/bgp/?s=1", "https://a.org/embed/bgp/"),
        ] {
            assert_eq!(SiteBase::from_page_url(href).unwrap().as_str(), base);
        }
        assert!(SiteBase::from_page_url("file:///tmp/index.html").is_err());
        assert!(SiteBase::parse("https://@/").is_err());
    }

    #[test]
    fn the_element_says_every_option() {
        let site = SiteBase::parse("https://l.org/").unwrap();
        let e = LabElement {
            lab: LabId::Dns,
            state: Some("%7B%7D".into()),
            theme: Theme::Dark,
            height: Height::Length("400px".into()),
            title: None,
            background: Background::Transparent,
            sandbox: true,
            follow_book_theme: true,
        };
        assert_eq!(
            e.html(&site).split('>').next().unwrap(),
            r#"<cloudhop-lab lab="dns" state="%7B%7D" theme="dark" height="400px" bg="transparent" sandbox data-theme-from="mdbook""#
        );
    }
}
