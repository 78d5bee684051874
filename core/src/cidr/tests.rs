//! Unit tests and property tests of the engine against [`super::reference`].

use super::ops::{
    allocate, exclude, free_blocks, overlapping_pairs, range_to_cidrs, split, summarize, Request,
};
use super::prefix::{facts, parse_addr, parse_prefix, parse_prefix_list, pow2_minus};
use super::provider::{check_size, reserved, usable, Kind, Provider};
use super::reference as model;
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use proptest::prelude::*;

fn p(s: &str) -> IpNet {
    parse_prefix(s).unwrap()
}

fn strs(v: &[IpNet]) -> Vec<String> {
    v.iter().map(|n| n.to_string()).collect()
}

// ---------- parsing ----------

#[test]
fn parse_errors_say_what_and_where() {
    let cases = [
        ("10.0.0.1/16", "did you mean 10.0.0.0/16?"),
        ("2001:db8::1/32", "did you mean 2001:db8::/32?"),
        ("10.0.0.0/33", "0 to 32"),
        ("2001:db8::/129", "0 to 128"),
        ("10.0.0/8", "has 3 parts"),
        ("10.0.0.256/8", "octet 4 (`256`) is larger than 255"),
        ("10.0.x.0/8", "unexpected character `x` at position 6"),
        ("010.0.0.0/8", "leading zero"),
        ("10.0.0.0", "10.0.0.0/32"),
        ("10.0.0.0/", "missing"),
        ("10.0.0.0/a", "not a whole number"),
        ("fe80::1::/64", "`::` may appear only once"),
        ("2001:db8:12345::/48", "more than 4 hex digits"),
        ("1:2:3:4:5:6:7/64", "has 7 groups"),
        ("fe80::1%eth0/64", "zone"),
        ("", "empty"),
        ("hello", "not an IP address"),
        (":1::/64", "single `:`"),
    ];
    for (input, want) in cases {
        let e = parse_prefix(input).unwrap_err();
        assert!(e.contains(want), "{input:?}: {e:?} should contain {want:?}");
    }
}

#[test]
fn parse_accepts_canonicalises_and_is_paste_friendly() {
    assert_eq!(p(" 10.0.0.0 / 8 ").to_string(), "10.0.0.0/8");
    assert_eq!(p("2001:DB8:0:0:0:0:0:0/32").to_string(), "2001:db8::/32");
    assert_eq!(p("::ffff:10.0.0.0/104").to_string(), "::ffff:10.0.0.0/104");
    assert_eq!(p("0:0:0:0:0:0:0:1/128").to_string(), "::1/128");
    // RFC 5952: the longest run of zeros is compressed, the first one on ties, never one group.
    assert_eq!(
        p("2001:db8:0:0:1:0:0:0/128").to_string(),
        "2001:db8:0:0:1::/128"
    );
    assert_eq!(
        p("2001:db8:0:1:1:1:1:1/128").to_string(),
        "2001:db8:0:1:1:1:1:1/128"
    );
    assert_eq!(p("0.0.0.0/0").to_string(), "0.0.0.0/0");
    assert_eq!(p("::/0").to_string(), "::/0");
    assert_eq!(parse_addr("1.2.3.4").unwrap().to_string(), "1.2.3.4");
    let list = parse_prefix_list("10.0.0.0/8,\n192.168.0.0/16;fd00::/8").unwrap();
    assert_eq!(list.len(), 3);
}

// ---------- facts ----------

#[test]
fn facts_of_ipv4_and_ipv6_edges() {
    let f = facts(&p("10.1.0.0/16"));
    assert_eq!(f.version, 4);
    assert_eq!(f.network, "10.1.0.0");
    assert_eq!(f.broadcast.as_deref(), Some("10.1.255.255"));
    assert_eq!(f.netmask, "255.255.0.0");
    assert_eq!(f.hostmask, "0.0.255.255");
    assert_eq!(f.first, "10.1.0.0");
    assert_eq!(f.last, "10.1.255.255");
    assert_eq!(f.addresses, "65536");
    assert_eq!(f.bits, "00001010.00000001.00000000.00000000");

    let z = facts(&p("0.0.0.0/0"));
    assert_eq!(z.addresses, "4294967296");
    assert_eq!(z.last, "255.255.255.255");
    let one = facts(&p("255.255.255.255/32"));
    assert_eq!(one.addresses, "1");
    assert_eq!(
        one.special_use,
        vec!["Reserved (RFC 1112)", "Limited Broadcast (RFC 919)"]
    );

    let all6 = facts(&p("::/0"));
    assert_eq!(all6.addresses, "340282366920938463463374607431768211456");
    assert_eq!(all6.broadcast, None);
    assert_eq!(all6.last, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    assert_eq!(all6.hostmask, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    let host6 = facts(&p("2001:db8::1/128"));
    assert_eq!(host6.addresses, "1");
    assert_eq!(host6.netmask, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
}

#[test]
fn special_use_names() {
    let names = |s: &str| facts(&p(s)).special_use;
    assert_eq!(names("192.168.10.0/24"), vec!["Private-Use (RFC 1918)"]);
    assert_eq!(
        names("100.64.0.0/10"),
        vec!["Shared Address Space, CGNAT (RFC 6598)"]
    );
    assert_eq!(names("127.0.0.0/8"), vec!["Loopback (RFC 1122)"]);
    assert_eq!(names("169.254.1.0/24"), vec!["Link-Local (RFC 3927)"]);
    assert_eq!(names("239.0.0.0/8"), vec!["Multicast (RFC 5771)"]);
    assert_eq!(
        names("198.51.100.0/24"),
        vec!["Documentation, TEST-NET-2 (RFC 5737)"]
    );
    assert_eq!(
        names("fd12:3456::/32"),
        vec![
            "Unique-Local (RFC 4193)",
            "Unique-Local, locally assigned (RFC 4193)"
        ]
    );
    assert_eq!(names("2001:db8:1::/48"), vec!["Documentation (RFC 3849)"]);
    assert!(names("8.8.8.0/24").is_empty());
    // 10.0.0.0/7 is bigger than 10/8: not inside it.
    assert!(names("10.0.0.0/7").is_empty());
    for r in super::special::REGISTRY {
        assert!(r.net().is_some(), "{} must parse", r.prefix);
    }
}

// ---------- providers ----------

#[test]
fn provider_reserved_and_limits() {
    let n = p("10.0.0.0/24");
    assert_eq!(usable(Provider::Aws, Kind::Subnet, &n).unwrap(), "251");
    assert_eq!(usable(Provider::Azure, Kind::Subnet, &n).unwrap(), "251");
    assert_eq!(usable(Provider::Gcp, Kind::Subnet, &n).unwrap(), "252");
    assert_eq!(usable(Provider::Onprem, Kind::Subnet, &n).unwrap(), "254");
    assert_eq!(
        usable(Provider::Onprem, Kind::Subnet, &p("10.0.0.0/31")).unwrap(),
        "2"
    );
    assert_eq!(
        usable(Provider::Onprem, Kind::Subnet, &p("10.0.0.1/32")).unwrap(),
        "1"
    );
    assert_eq!(
        usable(Provider::Onprem, Kind::Subnet, &p("::/0")).unwrap(),
        u128::MAX.to_string()
    );
    assert_eq!(
        usable(Provider::Aws, Kind::Subnet, &p("10.0.0.0/28")).unwrap(),
        "11"
    );
    let e = usable(Provider::Aws, Kind::Subnet, &p("10.0.0.0/29")).unwrap_err();
    assert!(e.contains("smallest allowed is /28"), "{e}");
    let e = check_size(Provider::Aws, Kind::Vpc, &p("10.0.0.0/8")).unwrap_err();
    assert!(e.contains("largest allowed is /16"), "{e}");
    let e = check_size(Provider::Azure, Kind::Subnet, &p("fd00::/60")).unwrap_err();
    assert!(e.contains("exactly /64"), "{e}");
    assert!(check_size(Provider::Azure, Kind::Subnet, &p("fd00::/64")).is_ok());
    let e = check_size(Provider::Aws, Kind::Subnet, &p("2600:1f18::/62")).unwrap_err();
    assert!(e.contains("multiple of 4"), "{e}");
    assert!(check_size(Provider::Gcp, Kind::Subnet, &p("10.0.0.0/29")).is_ok());
    assert!(check_size(Provider::Gcp, Kind::Subnet, &p("10.0.0.0/30")).is_err());
    assert!(check_size(Provider::Gcp, Kind::Subnet, &p("10.0.0.0/7")).is_err());
    let r: Vec<String> = reserved(Provider::Aws, &p("10.0.0.0/24"))
        .into_iter()
        .map(|r| r.address)
        .collect();
    assert_eq!(
        r,
        ["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.255"]
    );
    assert_eq!(reserved(Provider::Onprem, &p("10.0.0.0/31")).len(), 0);
}

// ---------- operations ----------

#[test]
fn split_edges() {
    assert_eq!(
        strs(&split(&p("0.0.0.0/0"), 1).unwrap()),
        ["0.0.0.0/1", "128.0.0.0/1"]
    );
    assert_eq!(strs(&split(&p("::/0"), 1).unwrap()), ["::/1", "8000::/1"]);
    assert_eq!(split(&p("10.0.0.0/16"), 32).unwrap().len(), 65_536);
    assert_eq!(
        strs(&split(&p("10.0.0.1/32"), 32).unwrap()),
        ["10.0.0.1/32"]
    );
    assert!(split(&p("10.0.0.0/15"), 32).unwrap_err().contains("65536"));
    assert!(split(&p("10.0.0.0/24"), 16).unwrap_err().contains("bigger"));
    assert!(split(&p("10.0.0.0/24"), 33).is_err());
}

#[test]
fn summarize_exclude_free_examples() {
    let v = parse_prefix_list("10.0.0.0/24 10.0.1.0/24 10.0.2.0/24 fd00::/9 fd80::/9 10.0.3.0/24")
        .unwrap();
    assert_eq!(strs(&summarize(&v)), ["10.0.0.0/22", "fd00::/8"]);
    assert_eq!(
        strs(&exclude(&p("10.0.0.0/8"), &[p("10.0.0.0/8")])),
        Vec::<String>::new()
    );
    assert_eq!(
        strs(&exclude(&p("10.0.0.0/30"), &[p("10.0.0.1/32")])),
        ["10.0.0.0/32", "10.0.0.2/31"]
    );
    assert_eq!(
        strs(&exclude(&p("0.0.0.0/0"), &[p("0.0.0.0/1")])),
        ["128.0.0.0/1"]
    );
    let f = free_blocks(&p("10.0.0.0/8"), 9, &[], 10).unwrap();
    assert_eq!(strs(&f), ["10.0.0.0/9", "10.128.0.0/9"]);
    let e = free_blocks(&p("10.0.0.0/8"), 30, &[], 65_536).unwrap_err();
    assert!(e.contains("more than 65536"), "{e}");
    assert!(free_blocks(&p("10.0.0.0/16"), 8, &[], 10)
        .unwrap_err()
        .contains("cannot fit"));
    let f = free_blocks(&p("::/0"), 1, &[p("::/1")], 10).unwrap();
    assert_eq!(strs(&f), ["8000::/1"]);
    let f = free_blocks(
        &p("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/124"),
        128,
        &[p("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fff0/125")],
        100,
    )
    .unwrap();
    assert_eq!(f.len(), 8);
    assert_eq!(
        f[7].to_string(),
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"
    );
    let r = range_to_cidrs(
        parse_addr("::").unwrap(),
        parse_addr("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").unwrap(),
    )
    .unwrap();
    assert_eq!(strs(&r), ["::/0"]);
    assert!(range_to_cidrs(parse_addr("10.0.0.1").unwrap(), parse_addr("::").unwrap()).is_err());
}

#[test]
fn allocate_largest_first_with_reserved_addresses() {
    let reqs = vec![
        Request {
            name: "a".into(),
            hosts: 11,
        },
        Request {
            name: "b".into(),
            hosts: 12,
        },
        Request {
            name: "c".into(),
            hosts: 500,
        },
    ];
    let a = allocate(&p("10.0.0.0/22"), &reqs, Provider::Aws, &[p("10.0.0.0/24")]).unwrap();
    let got: Vec<String> = a
        .iter()
        .map(|x| format!("{} {} {}", x.name, x.prefix, x.usable))
        .collect();
    assert_eq!(
        got,
        ["a 10.0.1.32/28 11", "b 10.0.1.0/27 27", "c 10.0.2.0/23 507"]
    );
    let e = allocate(
        &p("10.0.0.0/24"),
        &[Request {
            name: "big".into(),
            hosts: 300,
        }],
        Provider::Gcp,
        &[],
    )
    .unwrap_err();
    assert!(e.contains("no room for `big`"), "{e}");
    let e = allocate(
        &p("10.0.0.0/8"),
        &[Request {
            name: "huge".into(),
            hosts: 70_000,
        }],
        Provider::Aws,
        &[],
    )
    .unwrap_err();
    assert!(e.contains("largest allowed is /16"), "{e}");
}

#[test]
fn pow2_is_exact() {
    assert_eq!(pow2_minus(0, 0), "1");
    assert_eq!(pow2_minus(127, 0), (1u128 << 127).to_string());
    assert_eq!(pow2_minus(1, 5), "0");
}

// ---------- property tests against the reference model ----------

fn v4() -> impl Strategy<Value = IpNet> {
    let len = prop_oneof![Just(0u8), Just(32u8), Just(31u8), 0u8..=32, 20u8..=32];
    (any::<u32>(), len, 0u8..3).prop_map(|(a, len, anchor)| {
        let a = match anchor {
            0 => a & 0x0000_ffff,
            1 => a | 0xffff_0000,
            _ => (a & 0x00ff_ffff) | 0x0a00_0000,
        };
        IpNet::V4(Ipv4Net::new(a.into(), len).unwrap().trunc())
    })
}

fn v6() -> impl Strategy<Value = IpNet> {
    let len = prop_oneof![Just(0u8), Just(128u8), Just(127u8), 0u8..=128, 110u8..=128];
    (any::<u128>(), len, 0u8..3).prop_map(|(a, len, anchor)| {
        let a = match anchor {
            0 => a & 0xffff_ffff,
            1 => a | !0xffff_ffffu128,
            _ => a,
        };
        IpNet::V6(Ipv6Net::new(a.into(), len).unwrap().trunc())
    })
}

fn any_net() -> impl Strategy<Value = IpNet> {
    prop_oneof![v4(), v6()]
}

fn nets() -> impl Strategy<Value = Vec<IpNet>> {
    prop::collection::vec(any_net(), 0..24)
}

/// A supernet plus prefixes in and around it, and a block size.
fn space() -> impl Strategy<Value = (IpNet, Vec<IpNet>, u8)> {
    (
        any::<bool>(),
        any::<u128>(),
        0u8..=128,
        0u8..=8,
        prop::collection::vec((any::<u128>(), 0u8..=12), 0..16),
    )
        .prop_map(|(is6, a, len, d, subs)| {
            let bits = if is6 { 128u8 } else { 32 };
            let len = len.min(bits);
            let sup = if is6 {
                IpNet::V6(Ipv6Net::new(a.into(), len).unwrap().trunc())
            } else {
                IpNet::V4(Ipv4Net::new((a as u32).into(), len).unwrap().trunc())
            };
            let (_, lo, _) = model::range(&sup);
            let host = (bits - len) as u32;
            let used = subs
                .into_iter()
                .map(|(off, extra)| {
                    let off = if host >= 128 {
                        off
                    } else {
                        off & ((1u128 << host) - 1)
                    };
                    let addr = lo | off;
                    let l = (len.saturating_add(extra))
                        .min(bits)
                        .max(len.saturating_sub(1));
                    if is6 {
                        IpNet::V6(Ipv6Net::new(addr.into(), l).unwrap().trunc())
                    } else {
                        IpNet::V4(Ipv4Net::new((addr as u32).into(), l).unwrap().trunc())
                    }
                })
                .collect();
            let size = (len + d).min(bits);
            (sup, used, size)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn parse_round_trips(n in any_net()) {
        prop_assert_eq!(parse_prefix(&n.to_string()).unwrap(), n);
    }

    #[test]
    fn facts_match_model(n in any_net()) {
        let f = facts(&n);
        let (v6, lo, hi) = model::range(&n);
        let count = if hi - lo == u128::MAX { "340282366920938463463374607431768211456".to_string() } else { (hi - lo + 1).to_string() };
        prop_assert_eq!(&f.addresses, &count);
        let first = model::fmt(v6, lo, 0);
        let last = model::fmt(v6, hi, 0);
        prop_assert_eq!(format!("{}/0", f.first), first);
        prop_assert_eq!(format!("{}/0", f.last), last);
        prop_assert_eq!(f.bits.chars().filter(|c| *c == '0' || *c == '1').count(), model::bits(v6) as usize);
        prop_assert_eq!(f.broadcast.is_some(), !v6);
    }

    #[test]
    fn summarize_matches_model(v in nets()) {
        let engine = strs(&summarize(&v));
        let ranges: Vec<_> = v.iter().map(model::range).collect();
        let want = model::set_to_strings(&model::union(&ranges));
        prop_assert_eq!(engine, want);
    }

    #[test]
    fn exclude_matches_model((sup, used, _size) in space(), extra in nets()) {
        let mut cut = used.clone();
        cut.extend(extra);
        let engine = strs(&exclude(&sup, &cut));
        let ranges: Vec<_> = cut.iter().map(model::range).collect();
        let want = model::set_to_strings(&model::subtract(&[model::range(&sup)], &model::union(&ranges)));
        prop_assert_eq!(engine, want);
    }

    #[test]
    fn free_blocks_match_model((sup, used, size) in space()) {
        let engine = free_blocks(&sup, size, &used, 1 << 12).map(|v| strs(&v));
        let (v6, lo, _) = model::range(&sup);
        let count = 1u128 << (size - sup.prefix_len()) as u32;
        let host = model::bits(v6) - size as u32;
        let step = if host >= 128 { 0 } else { 1u128 << host };
        let used_r: Vec<_> = used.iter().map(model::range).collect();
        let mut want = Vec::new();
        for i in 0..count {
            let s = lo + i * step;
            let e = if host >= 128 { u128::MAX } else { s + (step - 1) };
            if used_r.iter().all(|&(w6, x, y)| w6 != v6 || y < s || e < x) {
                want.push(model::fmt(v6, s, size as u32));
            }
        }
        if want.len() > 1 << 12 {
            prop_assert!(engine.is_err());
        } else {
            prop_assert_eq!(engine.unwrap(), want);
        }
    }

    #[test]
    fn overlaps_match_model(mut v in nets(), (_, used, _) in space()) {
        v.extend(used);
        let engine = overlapping_pairs(&v);
        let r: Vec<_> = v.iter().map(model::range).collect();
        let mut want = Vec::new();
        for i in 0..r.len() {
            for j in i + 1..r.len() {
                let (a, b) = (r[i], r[j]);
                if a.0 == b.0 && a.1 <= b.2 && b.1 <= a.2 {
                    want.push((i, j));
                }
            }
        }
        prop_assert_eq!(engine, want);
    }

    #[test]
    fn split_matches_model(n in any_net(), d in 0u8..=6) {
        let max = n.max_prefix_len();
        let new_len = (n.prefix_len() + d).min(max);
        let engine = strs(&split(&n, new_len).unwrap());
        let (v6, lo, _) = model::range(&n);
        let host = model::bits(v6) - new_len as u32;
        let k = 1u128 << (new_len - n.prefix_len());
        let want: Vec<String> = (0..k)
            .map(|i| model::fmt(v6, if host >= 128 { 0 } else { lo + i * (1u128 << host) }, new_len as u32))
            .collect();
        prop_assert_eq!(engine, want);
    }

    #[test]
    fn range_to_cidrs_matches_model(a in any_net(), b in any_net()) {
        prop_assume!(a.max_prefix_len() == b.max_prefix_len());
        let (v6, lo1, _) = model::range(&a);
        let (_, _, hi2) = model::range(&b);
        prop_assume!(lo1 <= hi2);
        let engine = strs(&range_to_cidrs(a.network(), b.broadcast()).unwrap());
        prop_assert_eq!(engine, model::set_to_strings(&[(v6, lo1, hi2)]));
    }

    #[test]
    fn allocations_fit_and_do_not_overlap(hosts in prop::collection::vec(1u128..3000, 1..8)) {
        let reqs: Vec<Request> = hosts.iter().enumerate().map(|(i, h)| Request { name: format!("s{i}"), hosts: *h }).collect();
        if let Ok(a) = allocate(&p("10.0.0.0/16"), &reqs, Provider::Azure, &[p("10.0.0.0/20")]) {
            prop_assert_eq!(a.len(), reqs.len());
            let blocks: Vec<IpNet> = a.iter().map(|x| x.prefix).collect();
            prop_assert!(overlapping_pairs(&blocks).is_empty());
            for x in &a {
                prop_assert!(x.usable.parse::<u128>().unwrap() >= x.hosts);
                prop_assert!(p("10.0.0.0/16").contains(&x.prefix));
                prop_assert!(!p("10.0.0.0/20").contains(&x.prefix));
            }
        }
    }
}

// ---------- plan checker ----------

use super::plan::{check_plan, Plan};

fn plan(json: &str) -> Plan {
    Plan::from_json(json).unwrap()
}

#[test]
fn plan_reports_overlaps_violations_and_suggestions() {
    let pl = plan(
        r#"{"networks": [
        {"name": "dc", "provider": "onprem", "blocks": ["10.0.0.0/16", "fd00:1::/48"]},
        {"name": "aws-prod", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]},
        {"name": "app", "provider": "aws", "within": "aws-prod", "blocks": ["10.0.1.0/24"]},
        {"name": "gcp", "provider": "gcp", "blocks": ["10.0.128.0/20", "fd00:1:0:1::/64"]},
        {"name": "azure", "provider": "azure", "kind": "vnet", "blocks": ["172.16.0.0/12"]},
        {"name": "tiny", "provider": "azure", "blocks": ["172.16.0.0/30"]},
        {"name": "bad", "provider": "gcp", "blocks": ["10.0.0.1/24"]}
    ]}"#,
    );
    let r = check_plan(&pl).unwrap();
    let pairs: Vec<String> = r
        .overlaps
        .iter()
        .map(|o| {
            format!(
                "{} {} | {} {} = {}",
                o.a, o.a_cidr, o.b, o.b_cidr, o.overlap
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            "dc 10.0.0.0/16 | aws-prod 10.0.0.0/16 = 10.0.0.0/16",
            "dc 10.0.0.0/16 | app 10.0.1.0/24 = 10.0.1.0/24",
            "dc 10.0.0.0/16 | gcp 10.0.128.0/20 = 10.0.128.0/20",
            "dc fd00:1::/48 | gcp fd00:1:0:1::/64 = fd00:1:0:1::/64",
            "aws-prod 10.0.0.0/16 | gcp 10.0.128.0/20 = 10.0.128.0/20",
            "azure 172.16.0.0/12 | tiny 172.16.0.0/30 = 172.16.0.0/30",
        ]
    );
    let rules: Vec<String> = r
        .violations
        .iter()
        .map(|v| format!("{} {}", v.network, v.rule))
        .collect();
    assert_eq!(rules, ["bad parse", "tiny size"]);
    assert!(r.violations[0]
        .message
        .contains("did you mean 10.0.0.0/24?"));
    assert!(r.violations[1].message.contains("/29"));
    // Suggestions never overlap anything in the plan nor each other, and keep the size.
    let mut all: Vec<IpNet> = pl
        .networks
        .iter()
        .flat_map(|n| n.blocks.iter().filter_map(|b| parse_prefix(b).ok()))
        .collect();
    for s in &r.suggestions {
        let rep = p(&s.replacement);
        assert_eq!(rep.prefix_len(), p(&s.cidr).prefix_len());
        assert!(
            all.iter().all(|b| !super::ops::overlaps(b, &rep)),
            "{} collides",
            s.replacement
        );
        all.push(rep);
    }
    let moved: Vec<String> = r
        .suggestions
        .iter()
        .map(|s| format!("{} {} -> {}", s.network, s.cidr, s.replacement))
        .collect();
    assert_eq!(
        moved,
        [
            "aws-prod 10.0.0.0/16 -> 10.1.0.0/16",
            "gcp 10.0.128.0/20 -> 10.2.0.0/20",
            "gcp fd00:1:0:1::/64 -> fd00::/64",
        ]
    );
}

#[test]
fn plan_within_names_and_space() {
    let r = check_plan(&plan(
        r#"{"space": ["192.168.0.0/16"], "networks": [
        {"name": "a", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]},
        {"name": "a", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]},
        {"name": "s", "provider": "aws", "within": "nope", "blocks": ["10.9.0.0/24"]},
        {"name": "x", "provider": "aws", "within": "y", "blocks": ["10.8.0.0/24"]},
        {"name": "y", "provider": "aws", "within": "x", "blocks": ["10.8.0.0/24"]},
        {"name": "e", "provider": "gcp", "blocks": []},
        {"name": "pub", "provider": "aws", "kind": "vpc", "blocks": ["127.0.0.0/16"]}
    ]}"#,
    ))
    .unwrap();
    let rules: Vec<String> = r
        .violations
        .iter()
        .map(|v| format!("{} {}", v.network, v.rule))
        .collect();
    assert!(rules.contains(&"a name".to_string()), "{rules:?}");
    assert!(rules.contains(&"s within".to_string()));
    assert!(rules.contains(&"x within".to_string()));
    assert!(rules.contains(&"e empty".to_string()));
    assert!(rules.contains(&"pub special".to_string()));
    assert!(r
        .suggestions
        .iter()
        .all(|s| p("192.168.0.0/16").contains(&p(&s.replacement))));
    assert!(!r.suggestions.is_empty());
    assert!(check_plan(&plan(r#"{"space": ["nope"], "networks": []}"#))
        .unwrap_err()
        .contains("space, item 1"));
    assert!(
        Plan::from_json(r#"{"networks": [{"name": "a", "cidr": "10.0.0.0/8"}]}"#)
            .unwrap_err()
            .contains("unknown field")
    );
}

#[test]
fn subnet_inside_its_vpc_is_not_a_conflict_but_outside_is_reported() {
    let r = check_plan(&plan(
        r#"{"networks": [
        {"name": "vpc", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]},
        {"name": "web", "provider": "aws", "within": "vpc", "blocks": ["10.0.0.0/24"]},
        {"name": "db", "provider": "aws", "within": "vpc", "blocks": ["10.0.0.128/25", "10.1.0.0/24"]}
    ]}"#,
    ))
    .unwrap();
    assert_eq!(r.overlaps.len(), 1);
    assert_eq!(
        (r.overlaps[0].a.as_str(), r.overlaps[0].b.as_str()),
        ("web", "db")
    );
    assert_eq!(r.violations.len(), 1);
    assert_eq!(r.violations[0].rule, "within");
    // The fix for web/db stays inside the VPC.
    assert_eq!(r.suggestions.len(), 1);
    assert_eq!(r.suggestions[0].network, "db");
    assert_eq!(r.suggestions[0].replacement, "10.0.1.0/25");
}

#[test]
fn many_subnets_within_one_vpc_check_in_n_log_n() {
    // 40,000 subnets carved from one VPC: the `within` check used to scan every block of
    // the plan for every subnet (1.6e9 steps, many seconds); now it is a binary search.
    let mut networks = vec![super::plan::Network {
        name: "vpc".into(),
        kind: Kind::Vpc,
        blocks: vec!["10.0.0.0/8".into()],
        ..Default::default()
    }];
    for i in 0..40_000u32 {
        networks.push(super::plan::Network {
            name: format!("s{i}"),
            within: Some("vpc".into()),
            blocks: vec![format!("10.{}.{}.0/24", (i >> 8) & 255, i & 255)],
            ..Default::default()
        });
    }
    networks.push(super::plan::Network {
        name: "stray".into(),
        within: Some("vpc".into()),
        blocks: vec!["192.168.0.0/24".into()],
        ..Default::default()
    });
    let pl = Plan {
        networks,
        ..Default::default()
    };
    let t = std::time::Instant::now();
    let r = check_plan(&pl).unwrap();
    let took = t.elapsed();
    assert!(r.overlaps.is_empty());
    assert_eq!(r.violations.len(), 1, "{:?}", r.violations);
    assert_eq!(r.violations[0].network, "stray");
    assert_eq!(r.violations[0].rule, "within");
    // A guard against quadratic work, not a benchmark: the quadratic code took 30 s to
    // 290 s here (debug build); the n log n code well under a second. Wide margin for load.
    assert!(took.as_secs_f64() < 20.0, "check took {took:?}");
}

#[test]
fn many_conflicting_subnets_get_suggestions_in_n_log_n() {
    // 4 VPCs of 5,000 subnets each, in twin pairs: 10,000 conflicts whose fixes must stay
    // inside their VPC. The suggestion for each used to rebuild the taken blocks from the
    // whole plan (10,000 x 20,004 blocks); now each VPC's taken blocks are gathered once
    // and searched first-fit with a cursor.
    const VPCS: u32 = 4;
    const PER: u32 = 5_000;
    let vpc_block = |k: u32| format!("10.{}.0.0/10", 64 * k);
    // The `i`-th /24 of VPC `k`.
    let slash24 = |k: u32, i: u32| format!("10.{}.{}.0/24", 64 * k + i / 256, i % 256);
    let mut networks = Vec::new();
    for k in 0..VPCS {
        networks.push(super::plan::Network {
            name: format!("vpc{k}"),
            kind: Kind::Vpc,
            blocks: vec![vpc_block(k)],
            ..Default::default()
        });
        for j in 0..PER {
            networks.push(super::plan::Network {
                name: format!("s{k}_{j}"),
                within: Some(format!("vpc{k}")),
                blocks: vec![slash24(k, j / 2)],
                ..Default::default()
            });
        }
    }
    let pl = Plan {
        networks,
        ..Default::default()
    };
    let t = std::time::Instant::now();
    let r = check_plan(&pl).unwrap();
    let took = t.elapsed();
    assert!(r.violations.is_empty(), "{:?}", r.violations.first());
    assert_eq!(r.overlaps.len(), (VPCS * PER / 2) as usize);
    assert_eq!(r.suggestions.len(), (VPCS * PER / 2) as usize);
    // Every fix: the later twin, the same size, inside its own VPC, free of every block
    // but the VPC and of every other fix (all are /24s, so distinct means disjoint).
    let mut used: std::collections::HashSet<IpNet> = pl
        .networks
        .iter()
        .filter(|n| n.within.is_some())
        .flat_map(|n| n.blocks.iter().map(|b| p(b)))
        .collect();
    let mut nth = vec![0u32; VPCS as usize];
    for s in &r.suggestions {
        let (k, j) = s.network[1..].split_once('_').unwrap();
        let (k, j): (u32, u32) = (k.parse().unwrap(), j.parse().unwrap());
        assert_eq!(j % 2, 1, "{s:?}");
        assert_eq!(s.cidr, slash24(k, j / 2));
        let rep = p(&s.replacement);
        assert_eq!(rep.prefix_len(), 24);
        assert!(p(&vpc_block(k)).contains(&rep), "{s:?}");
        assert!(used.insert(rep), "{} collides", s.replacement);
        // First fit: the fixes of a VPC fill its free /24s in order.
        assert_eq!(s.replacement, slash24(k, PER / 2 + nth[k as usize]));
        nth[k as usize] += 1;
    }
    // A guard against quadratic work, not a benchmark: the quadratic code took 30 s to
    // 290 s here (debug build); the n log n code well under a second. Wide margin for load.
    assert!(took.as_secs_f64() < 20.0, "check took {took:?}");
}

#[test]
fn nested_subnet_fix_stays_in_its_parent_and_avoids_strangers() {
    // vpc > tier > {a, b}: only a/b conflict among the chain; the stranger x overlaps vpc
    // and tier. b's fix stays in tier and avoids a, b and x; x moves out of everything.
    let r = check_plan(&plan(
        r#"{"networks": [
        {"name": "vpc", "kind": "vpc", "blocks": ["10.0.0.0/16"]},
        {"name": "tier", "within": "vpc", "blocks": ["10.0.0.0/20"]},
        {"name": "a", "within": "tier", "blocks": ["10.0.0.0/24"]},
        {"name": "b", "within": "tier", "blocks": ["10.0.0.0/24"]},
        {"name": "x", "blocks": ["10.0.1.0/24"]}
    ]}"#,
    ))
    .unwrap();
    let pairs: Vec<String> = r
        .overlaps
        .iter()
        .map(|o| format!("{} {}", o.a, o.b))
        .collect();
    assert_eq!(pairs, ["vpc x", "tier x", "a b"]);
    assert!(r.violations.is_empty(), "{:?}", r.violations);
    let moved: Vec<String> = r
        .suggestions
        .iter()
        .map(|s| format!("{} {} -> {}", s.network, s.cidr, s.replacement))
        .collect();
    assert_eq!(
        moved,
        [
            "b 10.0.0.0/24 -> 10.0.2.0/24",
            "x 10.0.1.0/24 -> 10.1.0.0/24"
        ]
    );
}

#[test]
fn within_cycles_are_cut_once_and_chains_into_them_are_not_blamed() {
    let r = check_plan(&plan(
        r#"{"networks": [
        {"name": "tail", "within": "a", "blocks": ["10.0.0.0/26"]},
        {"name": "a", "within": "b", "blocks": ["10.0.0.0/24"]},
        {"name": "b", "within": "c", "blocks": ["10.0.0.0/24"]},
        {"name": "c", "within": "a", "blocks": ["10.0.0.0/24"]}
    ]}"#,
    ))
    .unwrap();
    let cyc: Vec<&str> = r
        .violations
        .iter()
        .filter(|v| v.message.contains("inside itself"))
        .map(|v| v.network.as_str())
        .collect();
    assert_eq!(cyc, ["a"], "{:?}", r.violations);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn plan_overlaps_match_model(v in nets()) {
        let pl = Plan {
            networks: v.iter().enumerate().map(|(i, n)| super::plan::Network {
                name: format!("n{i}"),
                blocks: vec![n.to_string()],
                ..Default::default()
            }).collect(),
            ..Default::default()
        };
        let r = check_plan(&pl).unwrap();
        let rs: Vec<_> = v.iter().map(model::range).collect();
        let mut want = 0;
        for i in 0..rs.len() {
            for j in i + 1..rs.len() {
                if rs[i].0 == rs[j].0 && rs[i].1 <= rs[j].2 && rs[j].1 <= rs[i].2 { want += 1; }
            }
        }
        prop_assert_eq!(r.overlaps.len(), want);
        let mut taken: Vec<IpNet> = v.clone();
        for s in &r.suggestions {
            let rep = p(&s.replacement);
            prop_assert!(taken.iter().all(|b| !super::ops::overlaps(b, &rep)));
            taken.push(rep);
        }
    }
}

// ---------- exercises ----------

use super::exercise::{check as check_exercise, PlannerExercise};

/// The exercises shipped in the course, read straight from the lesson file.
fn shipped_exercises() -> Vec<(String, PlannerExercise)> {
    let text = include_str!("../../../lessons/content/exercises/planner.md");
    let mut out = Vec::new();
    let mut id = String::new();
    let mut rest = text;
    while let Some(h) = rest.find("## Exercise: ") {
        rest = &rest[h + 13..];
        id = rest.lines().next().unwrap_or("").trim().to_string();
        let start = rest.find("```json").unwrap() + 7;
        let end = start + rest[start..].find("```").unwrap();
        // As the lesson loader does: JSON value, tagged with the lab, into ExerciseSpec.
        let mut v: serde_json::Value = serde_json::from_str(&rest[start..end])
            .unwrap_or_else(|e| panic!("exercise {id}: {e}"));
        v["lab"] = "planner".into();
        let spec: crate::labs::ExerciseSpec =
            serde_json::from_value(v).unwrap_or_else(|e| panic!("exercise {id}: {e}"));
        let crate::labs::ExerciseSpec::Planner(ex) = spec else {
            panic!("exercise {id} is not a planner exercise")
        };
        out.push((id.clone(), ex));
        rest = &rest[end..];
    }
    let _ = id;
    out
}

fn with_blocks(ex: &PlannerExercise, changes: &[(&str, &[&str])]) -> Plan {
    let mut p = ex.start.clone();
    for (name, blocks) in changes {
        let n = p.networks.iter_mut().find(|n| n.name == *name).unwrap();
        n.blocks = blocks.iter().map(|b| b.to_string()).collect();
    }
    p
}

#[test]
fn shipped_exercises_are_valid_and_start_unsolved() {
    let all = shipped_exercises();
    assert!(all.len() >= 5, "{} exercises", all.len());
    for (id, ex) in &all {
        ex.validate().unwrap_or_else(|e| panic!("{id}: {e}"));
        let v = check_exercise(ex, &ex.start);
        assert!(!v.passed, "{id} starts solved");
        let sol = ex.example_solution().unwrap();
        assert!(check_exercise(ex, &sol).passed, "{id}");
    }
}

#[test]
fn room_for_azure_needs_the_gcp_halves_side_by_side() {
    let ex = shipped_exercises()
        .into_iter()
        .find(|(i, _)| i == "room-for-azure")
        .unwrap()
        .1;
    // Moving only AWS: no overlap, but no whole /16 left.
    let v = check_exercise(&ex, &with_blocks(&ex, &[("aws-prod", &["10.1.0.0/16"])]));
    assert!(!v.passed);
    assert!(v.message.contains("no free /16"), "{}", v.message);
    // Pairing the GCP subnets frees 10.3.0.0/16.
    let v = check_exercise(
        &ex,
        &with_blocks(
            &ex,
            &[
                ("aws-prod", &["10.1.0.0/16"]),
                ("gcp-data", &["10.2.0.0/17"]),
            ],
        ),
    );
    assert!(v.passed, "{}", v.message);
    assert!(v.message.contains("10.3.0.0/16"), "{}", v.message);
    // Touching the locked office fails, deleting a network fails, leaving the space fails.
    let v = check_exercise(&ex, &with_blocks(&ex, &[("office", &["10.3.0.0/16"])]));
    assert!(v.message.contains("fixed"), "{}", v.message);
    let mut gone = ex.start.clone();
    gone.networks.retain(|n| n.name != "aws-prod");
    assert!(check_exercise(&ex, &gone).message.contains("missing"));
    let v = check_exercise(
        &ex,
        &with_blocks(
            &ex,
            &[
                ("aws-prod", &["10.9.0.0/16"]),
                ("gcp-data", &["10.2.0.0/17"]),
            ],
        ),
    );
    assert!(v.message.contains("outside"), "{}", v.message);
}

#[test]
fn reserved_addresses_exercise_counts_usable_hosts() {
    let ex = shipped_exercises()
        .into_iter()
        .find(|(i, _)| i == "reserved-addresses")
        .unwrap()
        .1;
    let v = check_exercise(&ex, &ex.start);
    assert!(v.message.contains("azure-app` holds 251"), "{}", v.message);
    let v = check_exercise(
        &ex,
        &with_blocks(
            &ex,
            &[
                ("azure-app", &["10.20.2.0/23"]),
                ("gcp-app", &["10.20.4.0/23"]),
            ],
        ),
    );
    assert!(v.passed, "{}", v.message);
    // Two /24s also count: 251 + 251 for Azure.
    let v = check_exercise(
        &ex,
        &with_blocks(
            &ex,
            &[
                ("azure-app", &["10.20.1.0/24", "10.20.3.0/24"]),
                ("gcp-app", &["10.20.4.0/23"]),
            ],
        ),
    );
    assert!(v.passed, "{}", v.message);
}

#[test]
fn peering_exercise_moves_the_subnet_too() {
    let ex = shipped_exercises()
        .into_iter()
        .find(|(i, _)| i == "peering-blocked")
        .unwrap()
        .1;
    let v = check_exercise(&ex, &ex.start);
    assert!(
        v.message.contains("vpc-core") && v.message.contains("10.0.128.0/17"),
        "{}",
        v.message
    );
    // Moving the VPC but not its subnet: the subnet is outside its VPC.
    let v = check_exercise(
        &ex,
        &with_blocks(&ex, &[("vpc-payments", &["10.1.0.0/17"])]),
    );
    assert!(!v.passed);
    let v = check_exercise(
        &ex,
        &with_blocks(
            &ex,
            &[
                ("vpc-payments", &["10.1.0.0/17"]),
                ("payments-app", &["10.1.2.0/24"]),
            ],
        ),
    );
    assert!(v.passed, "{}", v.message);
}

#[test]
fn privatelink_consumers_may_overlap_but_a_peered_vpc_may_not() {
    let ex = shipped_exercises()
        .into_iter()
        .find(|(i, _)| i == "privatelink-or-peering")
        .unwrap()
        .1;
    // At the start only the peered VPC is blamed, never a PrivateLink consumer.
    let v = check_exercise(&ex, &ex.start);
    assert!(!v.passed);
    assert!(
        v.message.contains("analytics") && v.message.contains("saas-prod"),
        "{}",
        v.message
    );
    assert!(!v.message.contains("customer-"), "{}", v.message);
    // Moving analytics is enough, and the verdict says why the other overlaps may stay.
    let v = check_exercise(&ex, &with_blocks(&ex, &[("analytics", &["10.1.0.0/18"])]));
    assert!(v.passed, "{}", v.message);
    assert!(
        v.message.contains("`customer-acme`, `customer-globex`")
            && v.message.contains("PrivateLink"),
        "{}",
        v.message
    );
    // Moving it next to a customer is still fine; onto saas-prod is not.
    let v = check_exercise(&ex, &with_blocks(&ex, &[("analytics", &["10.0.0.0/18"])]));
    assert!(!v.passed, "{}", v.message);
    // The customers are someone else's networks.
    let v = check_exercise(
        &ex,
        &with_blocks(&ex, &[("customer-acme", &["10.9.0.0/16"])]),
    );
    assert!(v.message.contains("fixed"), "{}", v.message);
    // Without the PrivateLink list the same plan would fail on the customers' overlaps.
    let mut peered_everywhere = ex.clone();
    peered_everywhere.private_link_only.clear();
    let v = check_exercise(
        &peered_everywhere,
        &with_blocks(&ex, &[("analytics", &["10.1.0.0/18"])]),
    );
    assert!(
        !v.passed && v.message.contains("customer-"),
        "{}",
        v.message
    );
    // A name that is not in the plan is refused when the exercise is loaded.
    let mut bad = ex.clone();
    bad.private_link_only.push("nobody".into());
    assert!(bad.validate().unwrap_err().contains("`nobody`"));
}

#[test]
fn impossible_or_trivial_exercises_are_refused() {
    let base = r#""start": {"networks": [
        {"name": "a", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]},
        {"name": "b", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]}]}"#;
    let ex = |extra: &str| -> PlannerExercise {
        serde_json::from_str(&format!(r#"{{"goal": "g", {base} {extra}}}"#)).unwrap()
    };
    assert!(ex("").validate().is_ok());
    let e = ex(r#", "locked": ["a", "b"]"#).validate().unwrap_err();
    assert!(e.contains("unreachable"), "{e}");
    let e = ex(r#", "within": ["10.0.0.0/16"]"#).validate().unwrap_err();
    assert!(e.contains("unreachable"), "{e}");
    let e = ex(r#", "locked": ["zz"]"#).validate().unwrap_err();
    assert!(e.contains("`zz`"), "{e}");
    let e = ex(r#", "room": {"label": "x", "size": 8, "within": "10.0.0.0/16"}"#)
        .validate()
        .unwrap_err();
    assert!(e.contains("does not fit"), "{e}");
    let trivial: PlannerExercise = serde_json::from_str(
        r#"{"goal": "g", "start": {"networks": [{"name": "a", "provider": "aws", "kind": "vpc", "blocks": ["10.0.0.0/16"]}]}}"#,
    )
    .unwrap();
    assert!(trivial.validate().unwrap_err().contains("already"));
    assert!(
        serde_json::from_str::<PlannerExercise>(r#"{"goal": "g", "start": {}, "bogus": 1}"#)
            .is_err()
    );
}

#[test]
fn common_supernet_edges() {
    use super::ops::common_supernet;
    assert_eq!(common_supernet(&[]), None);
    assert_eq!(
        common_supernet(&[p("0.0.0.0/32"), p("255.255.255.255/32")]),
        Some(p("0.0.0.0/0"))
    );
    assert_eq!(common_supernet(&[p("10.0.0.5/32")]), Some(p("10.0.0.5/32")));
    assert_eq!(
        common_supernet(&[p("::/128"), p("8000::/1")]),
        Some(p("::/0"))
    );
    assert_eq!(
        common_supernet(&[p("fd00::/16"), p("fd01::/16")]),
        Some(p("fd00::/15"))
    );
}

// ---------- what the planner's inspector and forms show ----------

#[test]
fn inspector_rows_bits_and_kind_labels_come_from_core() {
    use super::prefix::Bit;
    use super::provider::usable_by_provider;
    let net = p("192.168.1.0/24");
    let rows: Vec<(Provider, String)> = usable_by_provider(&net)
        .into_iter()
        .map(|(p, u)| (p, u.unwrap_or_else(|e| e.to_string())))
        .collect();
    assert_eq!(
        rows,
        [
            (Provider::Onprem, "254".to_string()),
            (Provider::Aws, "251".to_string()),
            (Provider::Azure, "251".to_string()),
            (Provider::Gcp, "252".to_string()),
        ]
    );
    let tiny = usable_by_provider(&p("10.0.0.0/30"));
    assert!(tiny[1]
        .1
        .as_ref()
        .unwrap_err()
        .contains("smallest allowed is /28"));
    let f = facts(&net);
    let v = f.bit_view();
    let count = |want: fn(&Bit) -> bool| v.iter().filter(|b| want(b)).count();
    assert_eq!(count(|b| matches!(b, Bit::Network(_))), 24);
    assert_eq!(count(|b| matches!(b, Bit::Host(_))), 8);
    assert_eq!(count(|b| matches!(b, Bit::Separator('.'))), 3);
    assert_eq!(f.host_bits(), 8);
    let v6 = facts(&p("2001:db8::/32"));
    assert_eq!(v6.host_bits(), 96);
    assert_eq!(
        v6.bit_view()
            .iter()
            .filter(|b| matches!(b, Bit::Network(_)))
            .count(),
        32
    );
    assert_eq!(
        Kind::ALL.map(|k| k.label(Provider::Azure)),
        ["VNet", "subnet"]
    );
    assert_eq!(Kind::ALL.map(|k| k.id()), ["vpc", "subnet"]);
    for k in Kind::ALL {
        assert_eq!(Kind::from_id(k.id()), k);
        assert_eq!(Kind::parse(k.id()).unwrap(), k);
    }
}

#[test]
fn cidr_errors_keep_their_messages_and_say_their_kind() {
    use super::CidrError;
    let e = parse_prefix("10.0.0.1/16").unwrap_err();
    assert!(matches!(e, CidrError::Parse(_)));
    assert_eq!(
        e.to_string(),
        "`10.0.0.1/16` has host bits set (the bits after the first 16 must be 0): did you mean 10.0.0.0/16?"
    );
    let e = check_size(Provider::Aws, Kind::Vpc, &p("10.0.0.0/8")).unwrap_err();
    assert!(matches!(e, CidrError::Provider(_)));
    let e = split(&p("10.0.0.0/24"), 16).unwrap_err();
    assert!(matches!(e, CidrError::Space(_)));
    let e = parse_prefix_list("10.0.0.0/8, oops").unwrap_err();
    assert!(matches!(e, CidrError::Parse(_)));
    assert_eq!(e.message(), String::from(e.clone()));
    let e = check_plan(&plan(r#"{"space": ["nope"], "networks": []}"#)).unwrap_err();
    assert!(matches!(e, CidrError::Plan(_)));
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.to_string().starts_with("space, item 1: "));
}
