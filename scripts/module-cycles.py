"""Module cycles in one Rust module directory, from its non-test source.

A child's `super::x` is an edge to sibling `x` if there is one, else to the parent
(`mod`); the parent's `x::` uses of a child are edges to it (`mod x;` lines are not).
Usage: python3 scripts/module-cycles.py core/src/bgp crate::bgp
       python3 scripts/module-cycles.py app/src/labs/bgp crate::labs::bgp
"""
import re, glob, os, sys
d = sys.argv[1] if len(sys.argv) > 1 else 'core/src/bgp'
crate_prefix = sys.argv[2] if len(sys.argv) > 2 else None
files = {os.path.basename(f)[:-3]: f for f in glob.glob(d + '/*.rs')}
names = set(files) - {'mod'}
g = {}
for m, f in files.items():
    src = open(f).read().split('#[cfg(test)]')[0]
    src = '\n'.join(l for l in src.splitlines()
                    if not l.strip().startswith('//') and not re.match(r'\s*(pub(\(crate\))? )?mod \w+;', l))
    deps = set()
    if m == 'mod':
        deps |= {x for x in re.findall(r'\b(\w+)::', src) if x in names}
    else:
        used = re.findall(r'super::(\w+)', src)
        for group in re.findall(r'super::\{([^}]*)\}', src):
            used += [w.strip().split('::')[0] for w in group.split(',') if w.strip()]
        for x in used:
            deps.add(x if x in names else 'mod')
    if crate_prefix:
        deps |= {x for x in re.findall(re.escape(crate_prefix) + r'::(\w+)', src) if x in names}
    g[m] = deps - {m}
found = set()
for a in g:
    stack = [(a, [a])]; seen = set()
    while stack:
        n, p = stack.pop()
        for x in g.get(n, ()):
            if x == a: found.add(' -> '.join(p + [a]))
            elif x in g and x not in seen: seen.add(x); stack.append((x, p + [x]))
print('\n'.join(sorted(found)) or 'no module cycles in ' + d)
