#!/usr/bin/env python3
"""Scores a grouping of a week's articles into events against the labels read by hand.

    score.py EVENTS.tsv PAIRS.tsv GROUPING.jsonl [GROUPING.jsonl ...]

EVENTS.tsv maps each labelled article id to its event; PAIRS.tsv lists article pairs marked
same/different. Each GROUPING.jsonl is `stories-probe` output, as `digest events --json --all` prints
it (one {"articles": [...]} object a line). Prints, per grouping, B-cubed precision/recall/F1 over the labelled articles and
pairwise precision/recall over the labelled pairs (and per case).
"""
import collections
import json
import sys


def read_labels(events_path, pairs_path):
    gold = {}
    with open(events_path) as handle:
        next(handle)
        for line in handle:
            article, event = line.rstrip("\n").split("\t")[:2]
            gold[article] = event
    pairs = []
    with open(pairs_path) as handle:
        next(handle)
        for line in handle:
            a, b, label, case = line.rstrip("\n").split("\t")[:4]
            pairs.append((a, b, label == "same", case))
    return gold, pairs


def read_grouping(path):
    cluster = {}
    with open(path) as handle:
        for number, line in enumerate(handle):
            if line.strip():
                for article in json.loads(line)["articles"]:
                    cluster[article] = number
    return cluster


def bcubed(gold, cluster):
    """B-cubed over the labelled articles; an article the grouping lacks stands alone."""
    labelled = list(gold)
    system = {a: cluster.get(a, ("alone", a)) for a in labelled}
    by_system = collections.defaultdict(set)
    by_gold = collections.defaultdict(set)
    for a in labelled:
        by_system[system[a]].add(a)
        by_gold[gold[a]].add(a)
    precision = recall = 0.0
    for a in labelled:
        mine, truth = by_system[system[a]], by_gold[gold[a]]
        both = len(mine & truth)
        precision += both / len(mine)
        recall += both / len(truth)
    precision /= len(labelled)
    recall /= len(labelled)
    return precision, recall, 2 * precision * recall / (precision + recall)


def pairwise(pairs, cluster):
    counts = collections.Counter()
    by_case = collections.defaultdict(collections.Counter)
    for a, b, same, case in pairs:
        together = a in cluster and b in cluster and cluster[a] == cluster[b]
        key = ("t" if same else "f") + ("p" if together else "n")
        counts[key] += 1
        by_case[case][key] += 1
    # Keys: t/f = labelled same/different, p/n = grouped together/apart ("tn": same but apart).
    tp, fp = counts["tp"], counts["fp"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + counts["tn"]) if tp + counts["tn"] else 1.0
    return precision, recall, by_case


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    gold, pairs = read_labels(sys.argv[1], sys.argv[2])
    print(f"labels: {len(gold)} articles in {len(set(gold.values()))} events; {len(pairs)} pairs "
          f"({sum(1 for p in pairs if p[2])} same, {sum(1 for p in pairs if not p[2])} different)")
    print(f"{'grouping':<28} {'B3 prec':>8} {'B3 rec':>8} {'B3 F1':>8} {'pair prec':>10} {'pair rec':>9}  errors by case")
    for path in sys.argv[3:]:
        cluster = read_grouping(path)
        p, r, f = bcubed(gold, cluster)
        pp, pr, by_case = pairwise(pairs, cluster)
        errors = ", ".join(
            f"{case}: " + " and ".join(
                part for part in (f"{c['fp']} wrongly merged" if c["fp"] else "",
                                  f"{c['tn']} missed" if c["tn"] else "") if part)
            for case, c in sorted(by_case.items()) if c["fp"] or c["tn"])
        name = path.rsplit("/", 1)[-1].removesuffix(".jsonl")
        print(f"{name:<28} {p:8.3f} {r:8.3f} {f:8.3f} {pp:10.3f} {pr:9.3f}  {errors or 'none'}")


if __name__ == "__main__":
    main()
