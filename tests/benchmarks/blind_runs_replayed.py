"""Every blind first run of the news reader replayed with the code that made it, claim by claim.

Each held-out part of the real set (``tests/data/news_real``) was scored once, by the commit
titled "Held-out part N scored once", before any rule was written for it. That commit holds the
code that made the part's blind run, so checking it out and reading the part again gives the
same claims: this script does so for every such commit and records, for each claim found and
each claim annotated, whether it was right and, if not, why (no claim annotated there, another
feature, another scope, another kind or value; an annotated claim unread, or read but linked to
no feature). The figures tell where the reader fails on articles it was never tuned to, which
development's figures cannot: every development article has had its errors fixed.

Not part of the test suite (it needs git and takes a few minutes)::

    .venv/bin/python tests/benchmarks/blind_runs_replayed.py --out /tmp/blind-runs

It writes one JSON file per part, checks that each part's totals equal the ones its commit
recorded (the replay is the run), and prints the pooled summary as JSON; the figures are
quoted in ``docs/news-measured.md`` ("Where the blind runs went wrong").

Each commit is checked out in a scratch worktree and imported through a folder that maps
``caspian.geo``, ``caspian.layers`` and ``caspian.maps`` onto it (the packages'
``package-dir``), ahead of the installed package on ``sys.path``; the installed dependencies
are today's.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SCORED = re.compile(r"^([0-9a-f]+) Held-out part (\d+) scored once .*?claims (.*)$")
#: "R of F found, R of A annotated" (or "R of F, R of A") as a scoring commit writes its claims.
TALLY = re.compile(r"(\d+) of (\d+)(?: found)?(?:, \d+ of (\d+))?")

# Run inside the replayed commit's code: one part's claims, found and annotated, each with why.
_ONE_PART = r"""
import json, sys
from pathlib import Path
from caspian.layers.news import scoring
from caspian.layers.news.analysis import analyse
from caspian.layers.news.documents import read_document
from caspian.layers.news.evaluation import documents_of

real = Path(sys.argv[1]) / "tests" / "data" / "news_real"


def why(pairs, alone):
    # why the claims of pairs (a claim and an annotation's fields that overlap) differ
    if any(scoring.same_claim(claim, fields) for claim, fields in pairs):
        return "right"
    if not pairs:
        return alone
    if not any((fields.get("layer"), fields.get("feature")) == (claim.layer, claim.feature)
               for claim, fields in pairs):
        return "another feature"
    if not any(fields.get("scope") == getattr(claim, "scope", None) for claim, fields in pairs):
        return "another scope"
    return "another kind, value or role"


rows = []
for entry in documents_of(real, "heldout"):
    name = entry["id"]
    gold = scoring.load_json(real / "gold" / name.replace(".txt", ".json"))
    analysis = analyse(read_document(real / name))
    body = scoring.locate(analysis.document.text, gold["lead"])[0]
    annotated = scoring.gold_items(analysis.document.text, gold["claims"])
    found = scoring.scored_claims(analysis.claims, body)
    for claim in found:
        near = [g for g in annotated if scoring._overlaps(claim.start, claim.end, g)]
        rows.append({"document": name, "side": "found", "text": claim.text,
                     "why": why([(claim, g.fields) for g in near], "no claim annotated there"),
                     "kind": claim.kind, "link": getattr(claim, "link", None),
                     "scope": getattr(claim, "scope", None),
                     "annotated_scopes": [g.fields.get("scope") for g in near]})
    for item in annotated:
        near = [c for c in found if scoring._overlaps(c.start, c.end, item)]
        read = any(scoring._overlaps(c.start, c.end, item) for c in analysis.claims)
        alone = "read, linked to no feature" if read else "unread"
        rows.append({"document": name, "side": "annotated", "text": item.fields.get("text"),
                     "why": why([(c, item.fields) for c in near], alone),
                     "kind": item.fields.get("kind"), "scope": item.fields.get("scope")})
json.dump(rows, sys.stdout, ensure_ascii=False)
"""


def scored_commits(repo: Path) -> list[tuple[str, int, str]]:
    """``(commit, part, recorded claims figure)`` of every "Held-out part N scored once"."""
    log = subprocess.run(
        ["git", "-C", str(repo), "log", "--format=%h %s"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = [SCORED.match(line) for line in log.splitlines()]
    return sorted(((m[1], int(m[2]), m[3]) for m in found if m), key=lambda item: item[1])


def replay(repo: Path, commit: str, scratch: Path) -> list[dict[str, Any]]:
    """The part held out at ``commit``, read by that commit's code."""
    tree = scratch / "tree"
    if not tree.exists():
        subprocess.run(
            ["git", "-C", str(repo), "worktree", "add", "--detach", str(tree), commit],
            check=True,
            capture_output=True,
        )
    subprocess.run(["git", "-C", str(tree), "checkout", "-q", "--detach", commit], check=True)
    shim = scratch / "shim" / "caspian"
    shim.mkdir(parents=True, exist_ok=True)
    for package in ("geo", "layers", "maps"):
        link = shim / package
        if not link.is_symlink():
            link.symlink_to(tree / package)
    run = subprocess.run(
        [sys.executable, "-c", _ONE_PART, str(tree)],
        check=True,
        capture_output=True,
        text=True,
        cwd=scratch,
        env={
            "PYTHONPATH": str(shim.parent),
            "PATH": "/usr/bin:/bin",
            "CASPIAN_CACHE_DIR": str(scratch / "cache"),
        },
    )
    return json.loads(run.stdout)


def recorded_matches(rows: list[dict[str, Any]], recorded: str) -> bool:
    """Whether the replayed totals are the "R of F found, R of A annotated" the commit wrote."""
    tally = TALLY.search(recorded)
    if tally is None:
        return False
    right = sum(row["side"] == "found" and row["why"] == "right" for row in rows)
    found = sum(row["side"] == "found" for row in rows)
    annotated = sum(row["side"] == "annotated" for row in rows)
    same = (int(tally[1]), int(tally[2])) == (right, found)
    return same and (tally[3] is None or int(tally[3]) == annotated)


def summary(parts: dict[int, list[dict[str, Any]]]) -> dict[str, Any]:
    """Pooled counts: why found and annotated claims were wrong, by link rule and by kind."""
    rows = [row for part in parts.values() for row in part]
    found = [row for row in rows if row["side"] == "found"]
    by_rule: dict[str, Counter[bool]] = defaultdict(Counter)
    by_kind: dict[str, Counter[bool]] = defaultdict(Counter)
    for row in found:
        rule = (row["link"] or "none").split(" (")[0].split(",")[0]
        by_rule[rule][row["why"] == "right"] += 1
        by_kind[row["kind"]][row["why"] == "right"] += 1
    missing_scope = Counter(
        (row["annotated_scopes"] or [""])[0].split(":")[0]
        for row in found
        if row["why"] == "another scope" and row["scope"] is None
    )
    return {
        "parts": sorted(parts),
        "found": Counter(row["why"] for row in found),
        "annotated": Counter(row["why"] for row in rows if row["side"] == "annotated"),
        "by_link_rule": {k: [v[True], sum(v.values())] for k, v in by_rule.items()},
        "by_kind": {k: [v[True], sum(v.values())] for k, v in by_kind.items()},
        "no_scope_where_annotated": missing_scope,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for one JSON per part")
    parser.add_argument("--first-part", type=int, default=12, help="pool parts from this one")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    parts: dict[int, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        try:
            for commit, part, recorded in scored_commits(ROOT):
                if part < args.first_part:
                    continue
                rows = replay(ROOT, commit, scratch)
                if not recorded_matches(rows, recorded):
                    sys.exit(f"part {part} ({commit}): the replay differs from '{recorded}'")
                (args.out / f"part{part}.json").write_text(json.dumps(rows, ensure_ascii=False))
                parts[part] = rows
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(scratch / "tree")],
                capture_output=True,
            )
    print(json.dumps(summary(parts), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
