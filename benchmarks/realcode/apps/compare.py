#!/usr/bin/env python3
"""Compares a scan's findings with the hand judgements in judged.tsv.
   python3 compare.py [TAG]   (reads $BASE/<app>/findings[-TAG].json; BASE defaults to
   target/realcode-apps at the repository root)"""
import csv, json, sys, os, collections
HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.environ.get('BASE') or os.path.join(HERE, '..', '..', '..', 'target', 'realcode-apps')
tag = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else ''
J = collections.defaultdict(dict)
for r in csv.DictReader(open(f'{HERE}/judged.tsv'), delimiter='\t'):
    J[r['app']][(r['file'], r['line'], r['check'])] = r
print(f"{'app':28} {'findings':>8} {'TP':>4} {'FP':>4} {'uns':>4} {'new':>4} {'TPgone':>6} {'FPgone':>6}  precision(judged)")
for app in sorted(J):
    p = f'{WORK}/{app}/findings{"-"+tag if tag else ""}.json'
    if not os.path.exists(p):
        print(f'{app:28} (no {os.path.basename(p)})'); continue
    fs = json.load(open(p))['findings']
    keys = {(f['file'].replace('src/', '', 1), str(f['line']), f['check']) for f in fs}
    c = collections.Counter(J[app][k]['verdict'] for k in keys if k in J[app])
    new = [k for k in keys if k not in J[app]]
    gone = collections.Counter(v['verdict'] for k, v in J[app].items() if k not in keys)
    prec = c['TP'] / (c['TP'] + c['FP']) if c['TP'] + c['FP'] else float('nan')
    print(f"{app:28} {len(fs):8} {c['TP']:4} {c['FP']:4} {c['unsure']:4} {len(new):4} {gone['TP']:6} {gone['FP']:6}  {prec:.2f}")
    for k in sorted(new):
        print(f"    NEW (unjudged): {k[0]}:{k[1]} {k[2]}")
    for k, v in sorted(J[app].items()):
        if k not in keys:
            print(f"    GONE {v['verdict']}: {k[0]}:{k[1]} ({v['class'] or v['reason'][:60]})")
