"""Print newsprism's import graph and check it: no cycles, no private names across modules.

    python tools/import_graph.py            # the graph: each module and what it imports
    python tools/import_graph.py --check    # exit 1 on a cycle or a private-name import

Every ``import`` counts, those inside functions too (a lazy import is still a dependency);
imports under ``if TYPE_CHECKING:`` are left out (they never run). A private name is one
starting with an underscore (``_layout``), imported from another module of the package,
or a private module (``_nlp``) imported from outside its package. ``--allow PROBLEM``
excuses one problem as printed (the Makefile lists those waiting on other branches).
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "newsprism"


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of ``tree`` except those under ``if TYPE_CHECKING:``."""
    out: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        out.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> list[tuple[str, str | None]]:
    """``(module, imported name or None)`` for each package import of module ``name``."""
    is_package = path.name == "__init__.py"
    found: list[tuple[str, str | None]] = []
    for node in _runtime_nodes(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(a.name, None) for a in node.names if a.name.split(".")[0] == PACKAGE]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != PACKAGE:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.append((sub, None) if sub in known else (target, alias.name))
    return found


def graph(known: dict[str, Path]) -> dict[str, dict[str, set[str | None]]]:
    """module -> {imported module -> names imported from it (None: the module itself)}."""
    out: dict[str, dict[str, set[str | None]]] = {}
    for name, path in known.items():
        edges: dict[str, set[str | None]] = {}
        for target, what in imports(name, path, known):
            if target != name:
                edges.setdefault(target, set()).add(what)
        out[name] = edges
    return out


def cycles(g: dict[str, dict[str, set[str | None]]]) -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in g.get(v, {}):
            if w not in g:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def private_imports(g: dict[str, dict[str, set[str | None]]]) -> list[tuple[str, str]]:
    """``(importer, "module:name")`` for each private name imported across modules."""
    out = []
    for importer, edges in sorted(g.items()):
        for target, names in sorted(edges.items()):
            last = target.rsplit(".", 1)[-1]
            if last.startswith("_") and not last.startswith("__"):
                parent = target.rsplit(".", 1)[0]
                if not _inside(importer, parent):
                    out.append((importer, target))
            for n in sorted(x for x in names if x):
                if n.startswith("_") and not n.startswith("__"):
                    out.append((importer, f"{target}:{n}"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 on a problem")
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="PROBLEM",
        help='one problem to excuse, as printed: "a.b imports c.d:_name" or "a.b -> c.d"',
    )
    parser.add_argument(
        "--allow-file",
        type=Path,
        help="a file of problems to excuse, one a line as printed (# starts a comment)",
    )
    args = parser.parse_args(argv)
    known = modules()
    g = graph(known)
    if not args.check:
        for name in sorted(g):
            deps = sorted(t.removeprefix(PACKAGE + ".") for t in g[name])
            print(f"{name.removeprefix(PACKAGE + '.') or PACKAGE}: {', '.join(deps) or '-'}")
        print()
    allowed = set(args.allow)
    if args.allow_file is not None:
        for line in args.allow_file.read_text().splitlines():
            if line.split("#", 1)[0].strip():
                allowed.add(line.split("#", 1)[0].strip())
    problems = [("cycle", " -> ".join(group)) for group in cycles(g)]
    problems += [("private import", f"{i} imports {t}") for i, t in private_imports(g)]
    shown = [(kind, what) for kind, what in problems if what not in allowed]
    for kind, what in shown:
        print(f"{kind}: {what}")
    n_cycles = sum(1 for kind, _ in shown if kind == "cycle")
    excused = len(problems) - len(shown)
    print(
        f"{len(g)} modules, {n_cycles} cycles, {len(shown) - n_cycles} private imports"
        + (f" ({excused} more allowed by --allow)" if excused else "")
    )
    return 1 if args.check and shown else 0


if __name__ == "__main__":
    sys.exit(main())
