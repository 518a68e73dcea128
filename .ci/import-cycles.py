#!/usr/bin/env python3
"""Fails when a crate's modules import each other in a circle, between files or between folders.

`use` paths and inline `crate::`/`super::`/`self::` paths are followed through re-exports to the
file that defines the item; a parent's `mod child;` is containment, not an import. Test modules
(`#[cfg(test)]`) are left out. Usage: import-cycles.py app/src dli/src server/src

Written for this repository because the tool that does it properly (cargo-modules) builds
rust-analyzer, far too heavy for CI on two cores."""
import re, sys, pathlib, itertools
from collections import defaultdict

def strip(src):
    """Drops comments and the contents of string literals (raw ones too), scanning left to right."""
    out, i, n = [], 0, len(src)
    while i < n:
        if src.startswith('//', i):
            i = src.find('\n', i); i = n if i < 0 else i
        elif src.startswith('/*', i):
            i = src.find('*/', i) + 2
        elif (m := re.match(r'b?r(#*)"', src[i:])) and (i == 0 or not (src[i-1].isalnum() or src[i-1] == '_')):
            end = src.find('"' + m.group(1), i + m.end())
            out.append('""'); i = end + 1 + len(m.group(1))
        elif src[i] == '"':
            j = i + 1
            while src[j] != '"':
                j += 2 if src[j] == '\\' else 1
            out.append('""'); i = j + 1
        elif src[i] == "'" and (m := re.match(r"'(\\.[^']*|[^\\'])'", src[i:])):
            out.append("' '"); i += m.end()
        else:
            out.append(src[i]); i += 1
    return ''.join(out)

def drop_tests(src):
    out = []; i = 0
    while True:
        m = re.search(r'#\[cfg\(test\)\]\s*(pub(\([^)]*\))?\s+)?mod\s+\w+\s*(;|\{)', src[i:])
        if not m:
            out.append(src[i:]); break
        start = i + m.start(); out.append(src[i:start])
        j = i + m.end()
        if m.group(3) == ';':
            i = j; continue
        depth = 1
        while depth and j < len(src):
            if src[j] == '{': depth += 1
            elif src[j] == '}': depth -= 1
            j += 1
        i = j
    return ''.join(out)

def expand(tree):
    """'a::{b, c::{d, e}}' -> ['a::b', 'a::c::d', 'a::c::e']"""
    tree = re.sub(r'\s+', '', tree)
    def rec(prefix, t):
        m = re.match(r'^(.*?)\{(.*)\}$', t)
        if not m:
            return [prefix + t]
        head, body = m.group(1), m.group(2)
        parts, depth, cur = [], 0, ''
        for ch in body:
            if ch == ',' and depth == 0:
                parts.append(cur); cur = ''; continue
            if ch == '{': depth += 1
            if ch == '}': depth -= 1
            cur += ch
        if cur: parts.append(cur)
        res = []
        for p in parts:
            res += rec(prefix + head, p)
        return res
    return [re.sub(r'::self$', '', p) for p in rec('', tree)]

def inline_super(src):
    """Inside an inline `mod x { .. }`, `super` is the file's own module."""
    out, i = [], 0
    for m in re.finditer(r'\bmod\s+\w+\s*\{', src):
        if m.start() < i: continue
        j, depth = m.end(), 1
        while depth and j < len(src):
            depth += {'{': 1, '}': -1}.get(src[j], 0); j += 1
        out.append(src[i:m.end()]); out.append(src[m.end():j].replace('super::', 'self::')); i = j
    out.append(src[i:])
    return ''.join(out)

own_folders = set()

def analyse(root):
    """Every module of the crate at `root` (by path) and the modules each one imports."""
    files = {}
    own_folders.clear()
    test_only = set()
    for path in pathlib.Path(root).rglob('*.rs'):
        for name in re.findall(r'#\[cfg\(test\)\]\s*mod\s+(\w+)\s*;', path.read_text()):
            folder = path.parent if path.stem in ('mod', 'lib', 'main') else path.with_suffix('')
            test_only.add(folder / (name + '.rs')); test_only.add(folder / name / 'mod.rs')
    for path in pathlib.Path(root).rglob('*.rs'):
        if path in test_only: continue
        rel = path.relative_to(root).with_suffix('')
        parts = list(rel.parts)
        if parts[-1] in ('mod', 'lib', 'main'):
            parts = parts[:-1]
        if parts and parts[-1] == 'main': continue
        files[tuple(parts)] = inline_super(drop_tests(strip(path.read_text())))
        if path.stem in ('mod', 'lib') or len(parts) <= 1:
            own_folders.add(tuple(parts))
    defs, reexports, macros = {}, {}, {}
    for mod, src in files.items():
        for name in re.findall(r'#\[macro_export\]\s*macro_rules!\s*(\w+)', src):
            macros[name] = mod
        defs[mod] = set(re.findall(r'\b(?:struct|enum|fn|trait|type|const|static|union|macro_rules!)\s+(\w+)', src))
        defs[mod] |= set(re.findall(r'\bmod\s+(\w+)', src))
        reexports[mod] = []
        for tree in re.findall(r'pub(?:\([^)]*\))?\s+use\s+([^;]+);', src):
            for p in expand(tree):
                reexports[mod].append(p)
    def absolute(mod, path):
        segs = path.split('::')
        if segs[0] == 'crate': base, segs = [], segs[1:]
        elif segs[0] == 'self': base, segs = list(mod), segs[1:]
        elif segs[0] == 'super':
            base = list(mod)
            while segs and segs[0] == 'super':
                base = base[:-1]; segs = segs[1:]
        elif tuple(list(mod) + [segs[0]]) in files: base = list(mod)
        else: return None
        return base + segs
    def resolve(segs, seen=()):
        if len(segs) >= 1 and segs[-1] in macros and len(segs) == 1:
            return macros[segs[0]]
        # longest module prefix
        for k in range(len(segs), -1, -1):
            if tuple(segs[:k]) in files:
                mod, rest = tuple(segs[:k]), segs[k:]
                break
        else: return None
        if not rest or rest[0] == '*': return mod
        name = rest[0]
        if name in defs[mod] and not any(p.split('::')[-1] == name or re.search(r'\bas' + name + '$', p) for p in reexports[mod]):
            return mod
        for p in reexports[mod]:
            last = p.split('::')[-1]
            alias = re.search(r'as(\w+)$', p)
            if last == name or (alias and alias.group(1) == name) or last == '*':
                target = absolute(mod, re.sub(r'as\w+$', '', p))
                if target is None: continue
                if last == '*': target = target[:-1] + [name]
                else: target = target[:-1] + [target[-1]] + rest[1:]
                key = tuple(target)
                if key in seen: continue
                r = resolve(target, seen + (key,))
                if r is not None: return r
        return mod
    edges = defaultdict(set)
    for mod, src in files.items():
        paths = []
        for tree in re.findall(r'\buse\s+([^;]+);', src):
            paths += expand(tree)
        paths += re.findall(r'\b((?:crate|super|self)(?:::\w+)+)', src)
        for p in paths:
            p = re.sub(r'as\w+$', '', p)
            segs = absolute(mod, p)
            if segs is None: continue
            target = resolve(segs)
            if target is None or target == mod: continue
            # a parent's `mod child;` is not an import; a child naming its ancestor is
            edges[mod].add(target)
    return files, edges

def folders(files, edges):
    """The same graph between folders: a file counts as its folder (mod.rs/lib.rs are their own)."""
    def folder(mod):
        # mod.rs, lib.rs and the crate's top-level files stand for themselves; others for their folder
        return mod if mod in own_folders else mod[:-1]
    out = defaultdict(set)
    for a, targets in edges.items():
        for b in targets:
            fa, fb = folder(a), folder(b)
            if fa != fb:
                out[fa].add(fb)
    return out

def cycles(edges):
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)
    def visit(v):
        index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
        for w in edges.get(v, ()):
            if w not in index: visit(w); low[v] = min(low[v], low[w])
            elif w in on: low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1: out.append(comp)
    for v in list(edges):
        if v not in index: visit(v)
    return out

bad = 0
for root in sys.argv[1:]:
    files, edges = analyse(root)
    for level, graph in (("modules", edges), ("folders", folders(files, edges))):
      for comp in cycles(graph):
        bad += 1
        names = sorted('::'.join(c) or 'crate' for c in comp)
        print(f"{root}: import cycle between {level} " + ', '.join(names))
        for a in comp:
            for b in sorted(graph[a] & set(comp)):
                print(f"    {'::'.join(a) or 'crate'} -> {'::'.join(b) or 'crate'}")
    print(f"{root}: {len(files)} modules, {sum(len(e) for e in edges.values())} imports", file=sys.stderr)
sys.exit(1 if bad else 0)
