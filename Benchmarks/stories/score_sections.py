#!/usr/bin/env python3
"""Scores where a program placed a week's articles against the sections read by hand.

    score_sections.py [--present-only] SECTIONS.tsv PLACEMENTS.jsonl [PLACEMENTS.jsonl ...]

SECTIONS.tsv maps each labelled article id to its section and case (see LABELLING.md). Each
PLACEMENTS.jsonl holds one {"id": ..., "section": "china" | ... | null} object a line; null (or an
article the file lacks) means the program placed it nowhere, which counts as `not-asia`. Prints,
per file, section accuracy, Asia precision and recall (any Asian section against not-asia), the
accuracy per case and up to 15 errors as `id label predicted`. With --present-only, only the
labelled articles a file has are scored: the articles a theme reads (its skipped topics left out).
"""
import collections
import json
import sys

NOWHERE = "not-asia"


def read_labels(path):
    gold = {}
    with open(path) as handle:
        next(handle)
        for line in handle:
            if line.strip():
                article, section, case = line.rstrip("\n").split("\t")[:3]
                gold[article] = (section, case)
    return gold


def read_placements(path):
    placed = {}
    with open(path) as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                placed[row["id"]] = row.get("section") or NOWHERE
    return placed


def score(gold, placed):
    right = 0
    asia_placed = asia_placed_right = asia_gold = asia_gold_found = 0
    by_case = collections.defaultdict(collections.Counter)
    errors = []
    for article, (label, case) in gold.items():
        guess = placed.get(article, NOWHERE)
        ok = guess == label
        right += ok
        by_case[case]["n"] += 1
        by_case[case]["ok"] += ok
        if guess != NOWHERE:
            asia_placed += 1
            asia_placed_right += label != NOWHERE
        if label != NOWHERE:
            asia_gold += 1
            asia_gold_found += guess != NOWHERE
        if not ok:
            errors.append((article, label, guess))
    accuracy = right / len(gold)
    precision = asia_placed_right / asia_placed if asia_placed else 1.0
    recall = asia_gold_found / asia_gold if asia_gold else 1.0
    return accuracy, precision, recall, by_case, errors


def main():
    arguments = sys.argv[1:]
    present_only = arguments[:1] == ["--present-only"]
    if present_only:
        arguments = arguments[1:]
    if len(arguments) < 2:
        sys.exit(__doc__)
    all_labels = read_labels(arguments[0])
    gold = all_labels
    counts = collections.Counter(section for section, _ in gold.values())
    print(f"labels: {len(gold)} articles; " + ", ".join(f"{s} {n}" for s, n in sorted(counts.items())))
    for path in arguments[1:]:
        placed = read_placements(path)
        if present_only:
            gold = {article: label for article, label in all_labels.items() if article in placed}
        missing = sum(1 for article in gold if article not in placed)
        accuracy, precision, recall, by_case, errors = score(gold, placed)
        name = path.rsplit("/", 1)[-1].removesuffix(".jsonl")
        scope = f" ({len(gold)} labelled articles the theme reads)" if present_only else ""
        print(f"\n{name}{scope}: section accuracy {accuracy:.3f}, Asia precision {precision:.3f}, "
              f"Asia recall {recall:.3f}" + (f" ({missing} labelled articles absent, read as not-asia)"
                                              if missing else ""))
        print("  by case: " + ", ".join(f"{case} {c['ok']}/{c['n']} ({c['ok'] / c['n']:.2f})"
                                         for case, c in sorted(by_case.items())))
        if errors:
            print(f"  errors ({len(errors)}, first 15; id label predicted):")
            for article, label, guess in errors[:15]:
                print(f"    {article} {label} {guess}")


if __name__ == "__main__":
    main()
