#!/usr/bin/env python3
"""Chooses EventClusterer's parameters by cross-validation on the labelled week.

    tune.py EVENTS.tsv PAIRS_EVIDENCE.tsv

PAIRS_EVIDENCE.tsv is `stories-probe --pairs FILE` output: the groups of copies and, for every
pair the clusterer compares, the parts of its score. This recomputes the score and the
average-link grouping under each setting of a grid, so no rebuild is needed, and reports for each
setting the B-cubed figures on every fold of the labelled events (events split by a hash of their
label), choosing the setting with the best worst fold: one that helps one fold and hurts another
loses.
"""
import collections
import hashlib
import heapq
import itertools
import math
import sys


def read(events_path, evidence_path):
    gold = {}
    for line in list(open(events_path))[1:]:
        article, event = line.rstrip("\n").split("\t")[:2]
        gold[article] = event
    units, pairs = [], []
    index = {}
    for line in list(open(evidence_path))[1:]:
        fields = line.rstrip("\n").split("\t")
        if fields[0] == "copies":
            index[fields[1]] = len(units)
            units.append(fields[1].split(","))
        else:
            a, b = index[fields[0]], index[fields[1]]
            # The last field says whether one report announces the other's happening: "compared"
            # (a pair compared anyway), "added" (compared only for that), or empty.
            pairs.append((a, b, float(fields[2]), float(fields[3]), float(fields[4]), fields[5], fields[6],
                          float(fields[7]), fields[9] if len(fields) > 9 else ""))
    return gold, units, pairs


def score(pair, p):
    _, _, action, lede, names, k1, k2, hours, announcement = pair
    if announcement == "added" and p["preview"] <= 0:
        return 0.0
    s = p["action"] * action + p["lede"] * lede + p["names"] * names
    if names == 0:
        s *= p["noname"]
    if "roundup" in (k1, k2):
        s *= p["roundup"]
    elif "analysis" in (k1, k2):
        s *= p["analysis"]
    if hours > p["window"]:
        s *= math.exp(-(hours - p["window"]) / p["decay"])
    if announcement and p["preview"] > 0:
        s = max(s, p["preview"] * names * (p["analysis"] if "analysis" in (k1, k2) else 1))
    return s


def average_link(count, scores, threshold, floor):
    members = [[i] for i in range(count)]
    alive = [True] * count
    links = [dict() for _ in range(count)]
    for (a, b), s in scores.items():
        if s >= floor:
            links[a][b] = [s, s, 1]
            links[b][a] = [s, s, 1]
    version = [0] * count
    heap = []

    def mergeable(a, b, link):
        n = len(members[a]) * len(members[b])
        if link[2] != n or link[1] < floor:
            return None
        mean = link[0] / n
        return mean if mean >= threshold else None

    for a in range(count):
        for b, link in links[a].items():
            if a < b:
                m = mergeable(a, b, link)
                if m is not None:
                    heapq.heappush(heap, (-m, a, b, 0, 0))
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if not (alive[a] and alive[b] and version[a] == va and version[b] == vb):
            continue
        members[a] += members[b]
        alive[b] = False
        version[a] += 1
        combined = dict(links[a])
        combined.pop(b, None)
        for other, link in links[b].items():
            if other == a:
                continue
            if other in combined:
                e = combined[other]
                combined[other] = [e[0] + link[0], min(e[1], link[1]), e[2] + link[2]]
            else:
                combined[other] = list(link)
        links[b] = {}
        links[a] = combined
        for other, link in combined.items():
            links[other].pop(b, None)
            links[other][a] = link
            m = mergeable(a, other, link)
            if m is not None:
                x, y = min(a, other), max(a, other)
                heapq.heappush(heap, (-m, x, y, version[x], version[y]))
    return [members[i] for i in range(count) if alive[i]]


def bcubed(gold, cluster, subset):
    """B-cubed averaged over the articles of `subset`, each judged by its whole cluster and event
    (so a wrong merge across folds still costs precision)."""
    by_system, by_gold = collections.defaultdict(set), collections.defaultdict(set)
    for a in gold:
        by_system[cluster[a]].add(a)
        by_gold[gold[a]].add(a)
    p = r = 0.0
    for a in subset:
        both = len(by_system[cluster[a]] & by_gold[gold[a]])
        p += both / len(by_system[cluster[a]])
        r += both / len(by_gold[gold[a]])
    return p / len(subset), r / len(subset)


def evaluate(gold, units, pairs, p, folds):
    scores = {(a, b): score(pair, p) for pair in pairs for a, b in [pair[:2]]}
    groups = average_link(len(units), scores, p["threshold"], p["floor"])
    cluster = {}
    for number, group in enumerate(groups):
        for unit in group:
            for article in units[unit]:
                cluster[article] = number
    cluster = {a: cluster.get(a, ("alone", a)) for a in gold}
    results = [bcubed(gold, cluster, [a for a, e in gold.items() if fold_of(e, folds) == fold])
               for fold in range(folds)]
    return results, bcubed(gold, cluster, list(gold))


def fold_of(event, folds):
    return int(hashlib.sha256(event.encode()).hexdigest(), 16) % folds


DEFAULTS = dict(action=0.4, lede=0.15, names=0.15, threshold=0.34, floor=0.18, noname=0.5, analysis=0.75,
                roundup=0.5, window=48, decay=72, preview=0.5)
GRID = dict(action=[0.4, 0.5, 0.6], lede=[0.15, 0.25, 0.35], names=[0.15, 0.25, 0.35],
            threshold=[0.22, 0.26, 0.3, 0.34, 0.38], floor=[0.12, 0.16, 0.2, 0.24], noname=[0.3, 0.5],
            analysis=[0.6, 0.75, 0.9], window=[24, 48], decay=[24, 72], preview=[0.0, 0.3, 0.4, 0.5, 0.6, 0.7])


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0


def objective(results):
    """The worst fold's F1, as long as every fold keeps B-cubed precision at 0.97 or more."""
    worst_p = min(p for p, _ in results)
    return min(f1(p, r) for p, r in results) if worst_p >= 0.97 else worst_p - 1


def ascend(gold, units, pairs, folds, training):
    """Coordinate ascent from the defaults, one parameter at a time, on the training folds."""
    current = dict(DEFAULTS)
    best = objective([evaluate(gold, units, pairs, current, folds)[0][f] for f in training])
    for _ in range(3):
        improved = False
        for name, values in GRID.items():
            for value in values:
                trial = dict(current, **{name: value})
                results = evaluate(gold, units, pairs, trial, folds)[0]
                value_score = objective([results[f] for f in training])
                if value_score > best + 1e-9:
                    best, current, improved = value_score, trial, True
        if not improved:
            break
    return current


def main():
    gold, units, pairs = read(sys.argv[1], sys.argv[2])
    folds = 4
    base, overall = evaluate(gold, units, pairs, DEFAULTS, folds)
    print("current defaults, B3 precision/recall by fold:", " ".join(f"{p:.3f}/{r:.3f}" for p, r in base),
          f"| all {overall[0]:.3f}/{overall[1]:.3f}")
    # Each fold held out in turn: parameters tuned on the other three, judged on it.
    held_out = []
    for fold in range(folds):
        chosen = ascend(gold, units, pairs, folds, [f for f in range(folds) if f != fold])
        result = evaluate(gold, units, pairs, chosen, folds)[0][fold]
        held_out.append(result)
        changed = {k: v for k, v in chosen.items() if v != DEFAULTS[k]}
        print(f"fold {fold} held out: {result[0]:.3f}/{result[1]:.3f} with {changed or 'the defaults'}")
    spread_p = [p for p, _ in held_out]
    spread_r = [r for _, r in held_out]
    print(f"held-out precision {min(spread_p):.3f}..{max(spread_p):.3f}, recall {min(spread_r):.3f}..{max(spread_r):.3f}")
    chosen = ascend(gold, units, pairs, folds, list(range(folds)))
    results, overall = evaluate(gold, units, pairs, chosen, folds)
    print("tuned on all folds:", {k: v for k, v in chosen.items() if v != DEFAULTS[k]} or "the defaults",
          f"| all {overall[0]:.3f}/{overall[1]:.3f}")


if __name__ == "__main__":
    main()
