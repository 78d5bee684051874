//! The DNS engine against real DNS servers. Generated scenarios (authoritative zones,
//! delegations between servers, conditional forwarders and stub zones, forwarding loops)
//! are built twice: as a `core::dns` scenario, and as real processes on 127.0.53.x port 53
//! (BIND 9 `named` for authoritative servers and the root, Unbound for forwarders), each
//! with its own config files, started and stopped by this test. Every query is asked of
//! both, and the answers must agree: the same response code and the same addresses, or a
//! failure (SERVFAIL, REFUSED, timeout) on both sides.
//!
//! BIND listens only on addresses configured on an interface, so the test adds
//! 127.0.53.x/32 to `lo` for its BIND servers (and removes what it added). It needs root.
//! Under `CI=true` a missing binary or missing privileges fail the test; elsewhere the test
//! says why and passes without running.

use cloudhop_core::dns::cache::Cache;
use cloudhop_core::dns::names::DomainName;
use cloudhop_core::dns::network::{Client, Network, NetworkKind};
use cloudhop_core::dns::records::{Record, RecordType, Zone, ZoneScope};
use cloudhop_core::dns::resolve::Resolver;
use cloudhop_core::dns::resolvers::DnsServer;
use cloudhop_core::dns::rules::{Rule, RuleAction, RuleScope};
use cloudhop_core::dns::scenario::Scenario;
use cloudhop_core::dns::trace::Answer;
use std::collections::HashSet;
use std::net::{Ipv4Addr, SocketAddr, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const NAMED: &str = "/usr/sbin/named";
const UNBOUND: &str = "/usr/sbin/unbound";
const ROOT: Ipv4Addr = Ipv4Addr::new(127, 0, 53, 1);
const AUTHS: u8 = 4;
const FORWARDERS: u8 = 5;
const SUBSCENARIOS: u32 = 30;

fn auth_addr(i: u8) -> Ipv4Addr {
    Ipv4Addr::new(127, 0, 53, 11 + i)
}

fn fwd_addr(j: u8) -> Ipv4Addr {
    Ipv4Addr::new(127, 0, 53, 21 + j)
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// What the real side needs to know beyond the engine scenario: which rules go to an
/// authoritative server (an Unbound `stub-zone`) and which to a forwarder (`forward-zone`).
struct Generated {
    sc: Scenario,
    stub_rules: HashSet<String>,
    queries: Vec<(String, DomainName)>,
}

fn rec(name: &str, rtype: RecordType, value: &str) -> Record {
    Record::new(name, rtype, 300, value).unwrap()
}

fn generate(seed: u64) -> Generated {
    let mut rng = Rng(seed | 1);
    let mut sc = Scenario {
        networks: vec![Network {
            id: "lab".into(),
            kind: NetworkKind::OnPrem,
            cidr: "127.0.0.0/8".parse().unwrap(),
        }],
        ..Scenario::default()
    };
    for i in 0..AUTHS {
        sc.servers.push(DnsServer {
            id: format!("auth{i}"),
            network: "lab".into(),
            address: auth_addr(i),
            recursion: false,
            forwarders: vec![],
            min_cache_ttl: None,
            domain_controller: false,
        });
        sc.clients.push(Client {
            id: format!("at-auth{i}"),
            network: "lab".into(),
            resolver: Some(auth_addr(i)),
        });
    }
    for j in 0..FORWARDERS {
        sc.servers.push(DnsServer {
            id: format!("fwd{j}"),
            network: "lab".into(),
            address: fwd_addr(j),
            recursion: true,
            forwarders: vec![],
            min_cache_ttl: None,
            domain_controller: false,
        });
        sc.clients.push(Client {
            id: format!("via-fwd{j}"),
            network: "lab".into(),
            resolver: Some(fwd_addr(j)),
        });
    }
    let mut root = Zone {
        id: "root".into(),
        origin: DomainName::root(),
        scope: ZoneScope::Public,
        records: vec![
            rec(".", RecordType::Ns, "a.root.hop"),
            rec("a.root.hop", RecordType::A, &ROOT.to_string()),
        ],
        negative_ttl: 60,
    };
    let mut stub_rules = HashSet::new();
    let mut used: HashSet<(u8, String)> = HashSet::new();
    let mut queries = Vec::new();
    let mut rule_n = 0;
    let mut add_rule = |sc: &mut Scenario,
                        fwd: u8,
                        domain: &str,
                        targets: Vec<Ipv4Addr>,
                        stub: bool,
                        used: &mut HashSet<(u8, String)>| {
        if !used.insert((fwd, domain.to_string())) {
            return;
        }
        rule_n += 1;
        let id = format!("r{rule_n}");
        if stub {
            stub_rules.insert(id.clone());
        }
        sc.rules.push(Rule {
            id,
            domain: domain.parse().unwrap(),
            action: RuleAction::Forward { targets },
            scope: RuleScope::Server {
                server: format!("fwd{fwd}"),
            },
        });
    };
    let client = |rng: &mut Rng| format!("via-fwd{}", rng.below(u64::from(FORWARDERS)));
    for s in 0..SUBSCENARIOS {
        let zones = 1 + rng.below(2) as u32;
        for k in 0..zones {
            let origin = format!("z{k}-s{s}.hop");
            let host = rng.below(u64::from(AUTHS)) as u8;
            let mut z = Zone {
                id: format!("z{k}s{s}"),
                origin: origin.parse().unwrap(),
                scope: ZoneScope::Servers {
                    servers: vec![format!("auth{host}")],
                },
                records: vec![
                    rec(&origin, RecordType::Ns, &format!("ns.{origin}")),
                    rec(
                        &format!("ns.{origin}"),
                        RecordType::A,
                        &auth_addr(host).to_string(),
                    ),
                    rec(
                        &format!("www.{origin}"),
                        RecordType::A,
                        &format!("10.{s}.{k}.1"),
                    ),
                    rec(
                        &format!("app.{origin}"),
                        RecordType::A,
                        &format!("10.{s}.{k}.2"),
                    ),
                    rec(
                        &format!("app.{origin}"),
                        RecordType::A,
                        &format!("10.{s}.{k}.3"),
                    ),
                    rec(
                        &format!("alias.{origin}"),
                        RecordType::Cname,
                        &format!("www.{origin}"),
                    ),
                    rec(
                        &format!("x.deep.{origin}"),
                        RecordType::A,
                        &format!("10.{s}.{k}.4"),
                    ),
                ],
                negative_ttl: 60,
            };
            for n in ["www", "app", "alias", "deep", "x.deep", "nope"] {
                queries.push((client(&mut rng), format!("{n}.{origin}").parse().unwrap()));
            }
            queries.push((
                format!("at-auth{}", rng.below(u64::from(AUTHS))),
                format!("www.{origin}").parse().unwrap(),
            ));
            if rng.chance(50) {
                // A delegation of sub.<origin> to another authoritative server.
                let child_host = (host + 1 + rng.below(u64::from(AUTHS) - 1) as u8) % AUTHS;
                let child = format!("sub.{origin}");
                z.records
                    .push(rec(&child, RecordType::Ns, &format!("ns.{child}")));
                z.records.push(rec(
                    &format!("ns.{child}"),
                    RecordType::A,
                    &auth_addr(child_host).to_string(),
                ));
                sc.zones.push(Zone {
                    id: format!("sub{k}s{s}"),
                    origin: child.parse().unwrap(),
                    scope: ZoneScope::Servers {
                        servers: vec![format!("auth{child_host}")],
                    },
                    records: vec![
                        rec(&child, RecordType::Ns, &format!("ns.{child}")),
                        rec(
                            &format!("ns.{child}"),
                            RecordType::A,
                            &auth_addr(child_host).to_string(),
                        ),
                        rec(
                            &format!("www.{child}"),
                            RecordType::A,
                            &format!("10.{s}.{}.1", k + 100),
                        ),
                    ],
                    negative_ttl: 60,
                });
                for n in ["www", "nope"] {
                    queries.push((client(&mut rng), format!("{n}.{child}").parse().unwrap()));
                }
                queries.push((
                    format!("at-auth{host}"),
                    format!("www.{child}").parse().unwrap(),
                ));
                if rng.chance(30) {
                    let f = rng.below(u64::from(FORWARDERS)) as u8;
                    add_rule(
                        &mut sc,
                        f,
                        &child,
                        vec![auth_addr(child_host)],
                        true,
                        &mut used,
                    );
                }
            }
            sc.zones.push(z);
            if rng.chance(70) {
                root.records
                    .push(rec(&origin, RecordType::Ns, &format!("ns.{origin}")));
                root.records.push(rec(
                    &format!("ns.{origin}"),
                    RecordType::A,
                    &auth_addr(host).to_string(),
                ));
            }
            if rng.chance(60) {
                let f = rng.below(u64::from(FORWARDERS)) as u8;
                if rng.chance(60) {
                    // A stub to the authoritative server, sometimes the wrong one.
                    let target = if rng.chance(15) {
                        (host + 1) % AUTHS
                    } else {
                        host
                    };
                    add_rule(
                        &mut sc,
                        f,
                        &origin,
                        vec![auth_addr(target)],
                        true,
                        &mut used,
                    );
                } else {
                    let g = (f + 1 + rng.below(u64::from(FORWARDERS) - 1) as u8) % FORWARDERS;
                    add_rule(&mut sc, f, &origin, vec![fwd_addr(g)], false, &mut used);
                }
            }
        }
        if rng.chance(30) {
            // Two forwarders sending one domain to each other.
            let domain = format!("loop-s{s}.hop");
            let f = rng.below(u64::from(FORWARDERS)) as u8;
            let g = (f + 1 + rng.below(u64::from(FORWARDERS) - 1) as u8) % FORWARDERS;
            add_rule(&mut sc, f, &domain, vec![fwd_addr(g)], false, &mut used);
            add_rule(&mut sc, g, &domain, vec![fwd_addr(f)], false, &mut used);
            queries.push((
                format!("via-fwd{f}"),
                format!("www.{domain}").parse().unwrap(),
            ));
        }
    }
    sc.zones.push(root);
    sc.validate().unwrap();
    Generated {
        sc,
        stub_rules,
        queries,
    }
}

/// The comparable part of an answer: the response code and the sorted addresses, or
/// "failure".
fn class_of_engine(a: &Answer) -> String {
    if a.is_failure() {
        return "failure".into();
    }
    let mut v = a.values(RecordType::A);
    v.sort();
    format!("{} {}", a.code(), v.join(","))
}

// ---- A tiny DNS client over UDP ----

fn query_packet(id: u16, name: &DomainName) -> Vec<u8> {
    let mut p = Vec::new();
    p.extend_from_slice(&id.to_be_bytes());
    p.extend_from_slice(&[0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]); // RD; one question
    for label in name.as_str().split('.').filter(|l| !l.is_empty()) {
        p.push(label.len() as u8);
        p.extend_from_slice(label.as_bytes());
    }
    p.push(0);
    p.extend_from_slice(&[0, 1, 0, 1]); // A, IN
    p
}

fn skip_name(p: &[u8], mut i: usize) -> Option<usize> {
    loop {
        let len = *p.get(i)? as usize;
        if len == 0 {
            return Some(i + 1);
        }
        if len & 0xC0 == 0xC0 {
            return Some(i + 2);
        }
        i += 1 + len;
    }
}

/// "failure" or "NOERROR 10.0.0.1,..." / "NXDOMAIN " as the server answers.
fn ask_real(server: Ipv4Addr, name: &DomainName, id: u16) -> String {
    let Ok(sock) = UdpSocket::bind("127.0.0.1:0") else {
        return "no socket".into();
    };
    sock.set_read_timeout(Some(Duration::from_secs(4))).ok();
    let to = SocketAddr::from((server, 53));
    if sock.send_to(&query_packet(id, name), to).is_err() {
        return "failure".into();
    }
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + Duration::from_secs(4);
    loop {
        let Ok((n, _)) = sock.recv_from(&mut buf) else {
            return "failure".into();
        };
        let p = &buf[..n];
        if n < 12 || u16::from_be_bytes([p[0], p[1]]) != id {
            if Instant::now() > deadline {
                return "failure".into();
            }
            continue;
        }
        let rcode = p[3] & 0x0F;
        let code = match rcode {
            0 => "NOERROR",
            3 => "NXDOMAIN",
            _ => return "failure".into(),
        };
        let qd = u16::from_be_bytes([p[4], p[5]]);
        let an = u16::from_be_bytes([p[6], p[7]]);
        let mut i = 12;
        for _ in 0..qd {
            i = match skip_name(p, i) {
                Some(j) => j + 4,
                None => return "bad packet".into(),
            };
        }
        let mut addrs = Vec::new();
        for _ in 0..an {
            let Some(j) = skip_name(p, i) else {
                return "bad packet".into();
            };
            if j + 10 > n {
                return "bad packet".into();
            }
            let rtype = u16::from_be_bytes([p[j], p[j + 1]]);
            let len = u16::from_be_bytes([p[j + 8], p[j + 9]]) as usize;
            let data = &p[j + 10..(j + 10 + len).min(n)];
            if rtype == 1 && data.len() == 4 {
                addrs.push(Ipv4Addr::new(data[0], data[1], data[2], data[3]).to_string());
            }
            i = j + 10 + len;
        }
        addrs.sort();
        return format!("{code} {}", addrs.join(","));
    }
}

// ---- Real processes ----

struct Running {
    children: Vec<Child>,
    added: Vec<Ipv4Addr>,
}

impl Drop for Running {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
        for a in &self.added {
            let _ = Command::new("ip")
                .args(["addr", "del", &format!("{a}/32"), "dev", "lo"])
                .status();
        }
    }
}

fn zone_file(z: &Zone) -> String {
    let apex_ns = z
        .records
        .iter()
        .find(|r| r.rtype == RecordType::Ns && r.name == z.origin)
        .map(|r| format!("{}.", r.value))
        .unwrap_or_else(|| "a.root.hop.".into());
    let mut s = format!(
        "$TTL 300\n{} 300 IN SOA {apex_ns} admin.invalid. 1 3600 600 86400 {}\n",
        z.origin.fqdn(),
        z.negative_ttl
    );
    for r in &z.records {
        s.push_str(&r.zone_line());
        s.push('\n');
    }
    s
}

fn named_conf(dir: &Path, addr: Ipv4Addr, zones: &[(&str, PathBuf)]) -> String {
    let d = dir.display();
    let mut s = format!(
        "options {{\n directory \"{d}\";\n listen-on port 53 {{ {addr}; }};\n listen-on-v6 {{ none; }};\n recursion no;\n dnssec-validation no;\n notify no;\n pid-file \"{d}/named.pid\";\n lock-file \"{d}/named.lock\";\n session-keyfile \"{d}/session.key\";\n managed-keys-directory \"{d}\";\n allow-query {{ any; }};\n}};\ncontrols {{ }};\n"
    );
    for (name, file) in zones {
        s.push_str(&format!(
            "zone \"{name}\" {{ type primary; file \"{}\"; }};\n",
            file.display()
        ));
    }
    s
}

fn unbound_conf(dir: &Path, addr: Ipv4Addr, g: &Generated, server: &str) -> String {
    let d = dir.display();
    let mut s = format!(
        "server:\n interface: {addr}\n port: 53\n do-ip6: no\n do-daemonize: no\n username: \"\"\n chroot: \"\"\n directory: \"{d}\"\n pidfile: \"{d}/unbound.pid\"\n use-syslog: no\n logfile: \"\"\n verbosity: 0\n access-control: 127.0.0.0/8 allow\n do-not-query-localhost: no\n module-config: \"iterator\"\n qname-minimisation: no\n num-threads: 1\n so-reuseport: no\n outgoing-range: 64\n num-queries-per-thread: 64\n root-hints: \"{d}/root.hints\"\n"
    );
    for r in g.sc.rules.iter().filter(|r| r.on_server(server)) {
        let RuleAction::Forward { targets } = &r.action else {
            continue;
        };
        let (kind, key) = if g.stub_rules.contains(&r.id) {
            ("stub-zone", "stub-addr")
        } else {
            ("forward-zone", "forward-addr")
        };
        s.push_str(&format!("{kind}:\n name: \"{}\"\n", r.domain.fqdn()));
        for t in targets {
            s.push_str(&format!(" {key}: {t}\n"));
        }
    }
    s
}

fn wait_until_up(addr: Ipv4Addr, probe: &DomainName, child: &mut Child, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let Ok(sock) = UdpSocket::bind("127.0.0.1:0") else {
            panic!("no UDP socket");
        };
        sock.set_read_timeout(Some(Duration::from_millis(300))).ok();
        let _ = sock.send_to(&query_packet(7, probe), SocketAddr::from((addr, 53)));
        let mut buf = [0u8; 512];
        if sock.recv_from(&mut buf).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} at {addr} exited at start ({status}); see its output above");
        }
        assert!(
            Instant::now() < deadline,
            "{what} at {addr} did not start within 20 s"
        );
    }
}

fn start(g: &Generated, dir: &Path) -> Running {
    let mut run = Running {
        children: Vec::new(),
        added: Vec::new(),
    };
    // BIND binds only to configured interface addresses.
    let present = String::from_utf8_lossy(
        &Command::new("ip")
            .args(["-4", "addr", "show", "dev", "lo"])
            .output()
            .expect("run `ip addr` (iproute2)")
            .stdout,
    )
    .to_string();
    let bind_addrs: Vec<Ipv4Addr> = std::iter::once(ROOT)
        .chain((0..AUTHS).map(auth_addr))
        .collect();
    for a in &bind_addrs {
        if !present.contains(&format!("inet {a}/")) {
            let ok = Command::new("ip")
                .args(["addr", "add", &format!("{a}/32"), "dev", "lo"])
                .status()
                .map(|s| s.success())
                .unwrap_or(false);
            assert!(ok, "could not add {a} to lo (the test needs root)");
            run.added.push(*a);
        }
    }
    // The root: every public zone's records in one "." zone.
    let mut servers: Vec<(Ipv4Addr, Vec<&Zone>, &str)> = vec![(
        ROOT,
        g.sc.zones
            .iter()
            .filter(|z| z.scope == ZoneScope::Public)
            .collect(),
        "root",
    )];
    for i in 0..AUTHS {
        let id = format!("auth{i}");
        let zones: Vec<&Zone> = g
            .sc
            .zones
            .iter()
            .filter(|z| matches!(&z.scope, ZoneScope::Servers { servers } if servers.contains(&id)))
            .collect();
        servers.push((auth_addr(i), zones, "auth"));
    }
    for (addr, zones, _) in &servers {
        let sdir = dir.join(format!("named-{addr}"));
        std::fs::create_dir_all(&sdir).unwrap();
        let mut files = Vec::new();
        for z in zones {
            let f = sdir.join(format!("{}.zone", z.id));
            std::fs::write(&f, zone_file(z)).unwrap();
            files.push((z.origin.fqdn(), f));
        }
        let files: Vec<(&str, PathBuf)> =
            files.iter().map(|(n, f)| (n.as_str(), f.clone())).collect();
        let conf = sdir.join("named.conf");
        std::fs::write(&conf, named_conf(&sdir, *addr, &files)).unwrap();
        let child = Command::new(NAMED)
            .args(["-g", "-n", "1", "-c"])
            .arg(&conf)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(sdir.join("named.log")).unwrap())
            .spawn()
            .expect("start named");
        run.children.push(child);
    }
    for j in 0..FORWARDERS {
        let udir = dir.join(format!("unbound-{j}"));
        std::fs::create_dir_all(&udir).unwrap();
        std::fs::write(
            udir.join("root.hints"),
            format!(". 3600 IN NS a.root.hop.\na.root.hop. 3600 IN A {ROOT}\n"),
        )
        .unwrap();
        let conf = udir.join("unbound.conf");
        std::fs::write(
            &conf,
            unbound_conf(&udir, fwd_addr(j), g, &format!("fwd{j}")),
        )
        .unwrap();
        let child = Command::new(UNBOUND)
            .args(["-d", "-c"])
            .arg(&conf)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(udir.join("unbound.log")).unwrap())
            .spawn()
            .expect("start unbound");
        run.children.push(child);
    }
    let probe: DomainName = "a.root.hop".parse().unwrap();
    let addrs: Vec<(Ipv4Addr, &str)> = servers
        .iter()
        .map(|(a, _, w)| {
            (
                *a,
                if *w == "root" {
                    "named (root)"
                } else {
                    "named"
                },
            )
        })
        .chain((0..FORWARDERS).map(|j| (fwd_addr(j), "unbound")))
        .collect();
    for (k, (a, what)) in addrs.iter().enumerate() {
        wait_until_up(*a, &probe, &mut run.children[k], what);
    }
    run
}

fn have_binaries() -> bool {
    let missing: Vec<&str> = [NAMED, UNBOUND]
        .into_iter()
        .filter(|p| !Path::new(p).exists())
        .collect();
    if missing.is_empty() {
        return true;
    }
    let msg = format!(
        "{} missing: run scripts/setup (apt-get install -y unbound bind9)",
        missing.join(" and ")
    );
    assert!(std::env::var("CI").as_deref() != Ok("true"), "{msg}");
    eprintln!("skipping the real-resolver test: {msg}");
    false
}

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output();
    let root = out.map(|o| o.stdout.starts_with(b"0")).unwrap_or(false);
    if !root {
        let msg = "the real-resolver test needs root (BIND on 127.0.53.x port 53)";
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{msg}");
        eprintln!("skipping: {msg}");
    }
    root
}

#[test]
fn the_engine_answers_as_unbound_and_bind_do() {
    if !have_binaries() || !is_root() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("cloudhop-dns-real-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut total = 0;
    let mut kinds: HashSet<String> = HashSet::new();
    for seed in [0x5eed_0001_u64, 0x5eed_0002] {
        let g = generate(seed);
        let running = start(&g, &dir.join(format!("{seed:x}")));
        let resolver = Resolver::new(&g.sc);
        // Ask the real servers in parallel (loops take seconds to time out).
        let real: Vec<String> = std::thread::scope(|scope| {
            let handles: Vec<_> = g
                .queries
                .chunks(g.queries.len().div_ceil(16))
                .enumerate()
                .map(|(c, chunk)| {
                    let sc = &g.sc;
                    scope.spawn(move || {
                        chunk
                            .iter()
                            .enumerate()
                            .map(|(k, (client, name))| {
                                let addr = sc.client(client).and_then(|c| c.resolver).unwrap();
                                ask_real(addr, name, (c * 1000 + k) as u16 + 1)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        drop(running);
        let mut mismatches = Vec::new();
        for ((client, name), real) in g.queries.iter().zip(&real) {
            let res = resolver
                .resolve(client, name, RecordType::A, &mut Cache::new())
                .unwrap();
            let engine = class_of_engine(&res.answer);
            kinds.insert(engine.split(' ').next().unwrap_or("").to_string());
            if res.has_loop() {
                kinds.insert("loop".into());
            }
            if res
                .trace
                .iter()
                .any(|s| matches!(s, cloudhop_core::dns::trace::Step::Referral { .. }))
            {
                kinds.insert("delegation".into());
            }
            if engine != *real {
                mismatches.push(format!(
                    "{client} {name}: engine `{engine}`, servers `{real}`\n  trace: {}",
                    serde_json::to_string(&res.trace).unwrap()
                ));
            }
            total += 1;
        }
        assert!(
            mismatches.is_empty(),
            "seed {seed:x}: {} of {} answers differ (configs in {}):\n{}",
            mismatches.len(),
            g.queries.len(),
            dir.display(),
            mismatches.join("\n")
        );
    }
    // The generated cases cover what they should.
    for k in ["NOERROR", "NXDOMAIN", "failure", "loop", "delegation"] {
        assert!(kinds.contains(k), "no {k} case among {total} queries");
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("{total} answers agree with Unbound and BIND");
}
