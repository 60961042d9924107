#!/usr/bin/env python3
"""Scores TREC runs against BEIR qrels with pytrec_eval (trec_eval's own code) and prints
them beside the peer figures of ANCHORS.md.

usage: evaluate.py ANCHORS.md OUT_DIR NAME[,NAME...] [--check]

For each collection NAME, OUT_DIR/NAME.qrels.tsv holds the qrels and OUT_DIR/NAME.VARIANT.run the
runs (VARIANT: default, expand). Metrics follow trec_eval: nDCG@10 with graded gains, MAP over
the top 1000, Recall@100, P@10; a qrels score > 0 is relevant; every judged query counts, one
with no results as 0. With --check, exits 1 when a default run's nDCG@10 is below the best
peer (the bold figure of ANCHORS.md).
"""
import collections
import re
import sys

import pytrec_eval

MEASURES = {"ndcg_cut_10": "nDCG@10", "map_cut_1000": "MAP", "recall_100": "R@100", "P_10": "P@10"}


def read_qrels(path):
    qrels = collections.defaultdict(dict)
    with open(path) as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3:
                qrels[parts[0]][parts[1]] = int(parts[2])
    return {q: d for q, d in qrels.items() if any(v > 0 for v in d.values())}


def read_run(path):
    run = collections.defaultdict(dict)
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 6:
                run[parts[0]][parts[2]] = float(parts[4])
    return run


def evaluate(qrels, run):
    scores = pytrec_eval.RelevanceEvaluator(qrels, set(MEASURES)).evaluate(run)
    return {m: sum(scores.get(q, {}).get(m, 0.0) for q in qrels) / len(qrels) for m in MEASURES}


def peers(anchors_path):
    """Per collection: best nDCG@10 (bold), bm25s nDCG/MAP, RM3 nDCG/MAP."""
    table = [l for l in open(anchors_path) if l.startswith("| ")]
    names = [re.match(r"\s*(\w+)", c).group(1) for c in table[0].split("|")[2:-1]]
    result = {n: {} for n in names}
    for row in table[2:]:
        cells = [c.strip() for c in row.split("|")[1:-1]]
        if len(cells) != len(names) + 1 or "/" not in cells[1]:
            continue
        system = cells[0].strip("*")
        for name, cell in zip(names, cells[1:]):
            ndcg, map_ = (float(x.strip(" *")) for x in cell.split("/"))
            if "**" in cell.split("/")[0]:
                result[name]["best"] = ndcg
            if system == "bm25s":
                result[name]["bm25s"] = (ndcg, map_)
            if "RM3" in system:
                result[name]["rm3"] = (ndcg, map_)
    return result


def main():
    anchors, out, names = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    check = "--check" in sys.argv
    peer = peers(anchors)
    means = collections.defaultdict(list)
    failed = []
    print(f"{'collection':<11} {'run':<8} {'nDCG@10':>8} {'MAP':>7} {'R@100':>7} {'P@10':>7}   best peer nDCG@10 · bm25s · Lucene+RM3 (nDCG/MAP)")
    for name in names:
        qrels = read_qrels(f"{out}/{name}.qrels.tsv")
        p = peer.get(name, {})
        for variant in ("default", "expand"):
            try:
                run = read_run(f"{out}/{name}.{variant}.run")
            except FileNotFoundError:
                continue
            m = evaluate(qrels, run)
            for key, value in m.items():
                means[(variant, key)].append(value)
            note = ""
            if p:
                bm, rm = p.get("bm25s", (0, 0)), p.get("rm3", (0, 0))
                note = f"   {p.get('best', 0):.3f} · {bm[0]:.3f}/{bm[1]:.3f} · {rm[0]:.3f}/{rm[1]:.3f}"
                if variant == "default" and m["ndcg_cut_10"] + 1e-9 < p.get("best", 0):
                    note += "   BELOW BEST PEER"
                    failed.append(name)
            print(f"{name:<11} {variant:<8} " + " ".join(f"{m[k]:>{len(v) if len(v) > 6 else 7}.4f}" for k, v in MEASURES.items()) + note)
    for variant in ("default", "expand"):
        values = [means[(variant, k)] for k in MEASURES]
        if values[0] and len(values[0]) > 1:
            print(f"{'mean':<11} {variant:<8} " + " ".join(f"{sum(v) / len(v):>{len(n) if len(n) > 6 else 7}.4f}" for v, n in zip(values, MEASURES.values())))
    if check and failed:
        print("nDCG@10 below the best peer on: " + ", ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
