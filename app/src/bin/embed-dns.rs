//! The dns lab alone, for embedding (see `cloudhop_app::embed`).
fn main() {
    cloudhop_app::embed::run::<cloudhop_core::labs::Dns, cloudhop_app::labs::dns::DnsLab>(
        include_str!("../../../lessons/content/exercises/dns.md"),
    )
}
