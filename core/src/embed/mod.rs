//! Embedding a lab in another site: the embed URL's parameters, the host origin and the
//! `cloudhop:*` postMessage protocol (see `docs/embed-protocol.md`). Everything an embed
//! decides (what it may send, to whom, and which commands it obeys) is decided here; the
//! web app only posts and listens. What a docs site pastes to embed a lab (the link, the
//! iframe, the `<cloudhop-lab>` element, the mdBook fence) is written here too.
//!
//! ```
//! use cloudhop_core::embed::{Command, EmbedParams, Outgoing, Theme};
//! let p = EmbedParams::parse("?theme=dark&host=https://docs.example.org");
//! assert_eq!(p.theme, Theme::Dark);
//! // A scenario goes to the named host only, and its commands are the only ones obeyed.
//! let msg = Outgoing::StateChanged { lab: "bgp", state: "x".into() };
//! assert_eq!(msg.target(p.host.as_ref()).as_deref(), Some("https://docs.example.org"));
//! assert!(p.accepts_from("https://docs.example.org"));
//! assert!(!p.accepts_from("https://evil.example"));
//! assert_eq!(Command::parse(r#"{"type":"cloudhop:reset","v":1}"#), Ok(Command::Reset));
//! ```

mod fence;
mod message;
mod origin;
mod params;
mod snippet;

pub use fence::{is_lab_fence, FenceError, Height, LabFence, FENCE_KEYS, FENCE_WORD};
pub use message::{Command, CommandError, Outgoing, PROTOCOL_VERSION};
pub use origin::{HostOrigin, OriginError};
pub use params::{Background, EmbedParams, Theme};
pub use snippet::{html_attribute, LabElement, SiteBase, SiteError, Snippets, IFRAME_HEIGHT};
