#!/usr/bin/env python3
"""Per-fold extraction scores: k folds of the pages by a hash of each page id.

  cv.py GROUND_TRUTH SYS.jsonl [SYS2.jsonl ...] [--folds 5] [--score PATH] [--gate]

Each page goes to fold int(sha1(id)[:8], 16) % k, so a page keeps its fold whatever else is in the
set and whoever runs it. Every fold is scored with score_extraction.py's own metric (imported from
the file given by --score; default: ../shared/bench/score_extraction.py beside the repository):
macro precision and recall over the fold's pages, F1 their harmonic mean, and the pages with no
text. The table shows each system's F1 per fold, then the mean, the spread (sd, min, max) and the
pages left empty.

With --gate and two or more systems, the first is the baseline and each other one is a proposed
change: it passes only if its F1 is not lower on ANY fold and it leaves no more pages empty (a
rule that helps one fold and hurts another is rejected). The exit status is 1 when a change
fails, so the gate can be scripted.

Standard library only.
"""
import argparse
import hashlib
import importlib.util
import statistics
import sys
from pathlib import Path


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location('score_extraction', path)
    if spec is None or spec.loader is None:
        sys.exit(f'cv.py: cannot load the scorer at {path}')
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fold_of(page_id: str, k: int) -> int:
    return int(hashlib.sha1(page_id.encode('utf8')).hexdigest()[:8], 16) % k


def score_pages(scorer, gt, pred, ids):
    rows, acc = [], []
    empty = 0
    for i in ids:
        truth, text = gt[i], pred.get(i, '') or ''
        rows.append(scorer.shingle_match(truth, text, 4))
        acc.append(float(scorer.tokenize(truth) == scorer.tokenize(text)))
        if not scorer.tokenize(text):
            empty += 1
    result = scorer.aggregate(rows, acc)
    result['empty'] = empty
    return result


def main(argv=None):
    here = Path(__file__).resolve().parent
    default_score = here.parent.parent.parent / 'shared' / 'bench' / 'score_extraction.py'
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0], epilog=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('ground_truth', type=Path, help='folder of <id>.txt or the benchmark ground-truth.json')
    ap.add_argument('systems', type=Path, nargs='+', help='system outputs (JSONL {"id","text"} or as the scorer reads)')
    ap.add_argument('--folds', type=int, default=5, help='number of folds (default 5)')
    ap.add_argument('--score', type=Path, default=default_score, help='path of score_extraction.py')
    ap.add_argument('--names', help='comma-separated display names for the systems')
    ap.add_argument('--gate', action='store_true',
                    help='first system = baseline; fail (exit 1) if another lowers F1 on any fold or adds empties')
    args = ap.parse_args(argv)

    scorer = load_scorer(args.score)
    gt = scorer.load_texts(args.ground_truth, 'ground truth')
    k = args.folds
    folds = [sorted(i for i in gt if fold_of(i, k) == f) for f in range(k)]
    names = args.names.split(',') if args.names else [scorer.system_name(p) for p in args.systems]
    if len(names) != len(args.systems):
        sys.exit('cv.py: --names must name every system')
    preds = [scorer.load_texts(p, 'system output') for p in args.systems]

    table = []  # per system: list of fold results, then the whole set
    for pred in preds:
        table.append([score_pages(scorer, gt, pred, ids) for ids in folds] + [score_pages(scorer, gt, pred, sorted(gt))])

    width = max(12, *(len(n) for n in names))
    print(f'{k}-fold extraction scores (fold = sha1(page id) mod {k}); F1 per fold, macro P/R within the fold')
    head = f'{"fold":<6}{"pages":>6}  ' + '  '.join(f'{n:>{width}}' for n in names)
    print(head)
    print('-' * len(head))
    for f in range(k):
        cells = []
        for s in range(len(preds)):
            r = table[s][f]
            mark = f' ({r["empty"]} empty)' if r['empty'] else ''
            cells.append(f'{r["f1"]:.3f}{mark}'.rjust(width))
        print(f'{f:<6}{len(folds[f]):>6}  ' + '  '.join(cells))
    print('-' * len(head))
    for label, fn in (('mean', statistics.mean), ('sd', statistics.pstdev), ('min', min), ('max', max)):
        cells = [f'{fn([table[s][f]["f1"] for f in range(k)]):.3f}'.rjust(width) for s in range(len(preds))]
        print(f'{label:<12}  ' + '  '.join(cells))
    cells = [f'{table[s][k]["f1"]:.3f}'.rjust(width) for s in range(len(preds))]
    print(f'{"all pages":<12}  ' + '  '.join(cells))
    cells = [str(table[s][k]['empty']).rjust(width) for s in range(len(preds))]
    print(f'{"empty pages":<12}  ' + '  '.join(cells))

    if args.gate and len(preds) > 1:
        failed = False
        for s in range(1, len(preds)):
            deltas = [table[s][f]['f1'] - table[0][f]['f1'] for f in range(k)]
            worse = [f for f, d in enumerate(deltas) if d < -1e-9]
            more_empty = table[s][k]['empty'] > table[0][k]['empty']
            verdict = 'ACCEPT' if not worse and not more_empty else 'REJECT'
            failed |= verdict == 'REJECT'
            detail = ' '.join(f'{d:+.4f}' for d in deltas)
            why = ''
            if worse:
                why += f'; lower on fold(s) {", ".join(map(str, worse))}'
            if more_empty:
                why += '; more empty pages'
            print(f'gate {names[s]} vs {names[0]}: {verdict} (per-fold F1 change {detail}{why})')
        return 1 if failed else 0
    return 0


if __name__ == '__main__':
    sys.exit(main())
