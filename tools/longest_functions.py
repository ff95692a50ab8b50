"""Print the longest functions under ``src/`` (default ten), longest first.

    python tools/longest_functions.py [--top N] [--max LINES] [PATH ...]

Lengths count every line from ``def`` to the function's last line (decorators apart),
docstring and comments included. With ``--max`` the script exits 1 when a function is
longer, so ``make lint`` can hold the line.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path


def functions(root: Path) -> list[tuple[int, str]]:
    """(length in lines, "path:line name") of every function and method under ``root``."""
    out: list[tuple[int, str]] = []
    files = [root] if root.is_file() else sorted(root.rglob("*.py"))
    for path in files:
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                out.append((length, f"{path}:{node.lineno} {node.name}"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["src"])
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--max", type=int, default=None, help="fail above this many lines")
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="PATH:NAME",
        help="a function excused from --max (e.g. src/newsprism/extract/quantities.py:_numbers)",
    )
    args = parser.parse_args(argv)
    found = sorted((f for p in args.paths for f in functions(Path(p))), key=lambda f: (-f[0], f[1]))
    for length, where in found[: args.top]:
        print(f"{length:5d}  {where}")
    if args.max is not None:
        allowed = set(args.allow)
        over = [
            (n, where)
            for n, where in found
            if n > args.max and f"{where.split(':')[0]}:{where.split()[-1]}" not in allowed
        ]
        for n, where in over:
            print(f"over {args.max} lines: {where} ({n})", file=sys.stderr)
        if over:
            print(f"{len(over)} function(s) over {args.max} lines", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
