#!/usr/bin/env python3
"""Scores TREC runs against BEIR qrels with pytrec_eval (trec_eval's own code) and prints
them beside the peer figures of ANCHORS.md.

usage: evaluate.py ANCHORS.md OUT_DIR NAME[,NAME...] [--check] [--floor FLOOR]
       evaluate.py ANCHORS.md OUT_DIR NAME[,NAME...] --loco CHOICES [--metric ndcg|map]
       evaluate.py ANCHORS.md OUT_DIR NAME[,NAME...] --loco-table ROWS

For each collection NAME, OUT_DIR/NAME.qrels.tsv holds the qrels and OUT_DIR/NAME.VARIANT.run the
runs (VARIANT: default, expand). Metrics follow trec_eval: nDCG@10 with graded gains, MAP over
the top 1000, Recall@100, P@10; a qrels score > 0 is relevant; every judged query counts, one
with no results as 0. With --check, exits 1 when a default run's nDCG@10 is below the best
peer (the bold figure of ANCHORS.md). With --floor, exits 1 when a run's nDCG@10 or MAP is
below the figure FLOOR holds for it (lines "collection run nDCG@10 MAP"; # starts a comment):
a regression guard that covers collections where the default is still below the best peer.

With --loco, CHOICES lists choices separated by "--" lines, each a few "LABEL<TAB>KEY" lines
whose runs are OUT_DIR/NAME.KEY.run (the first is the reference, normally the default). For
each held-out collection the setting with the best mean metric over the other collections is
chosen (ties go to the earlier setting) and scored on the held-out one.

With --loco-table, ROWS holds lines "COMPONENT<TAB>ndcg|map<TAB>DEFAULT_KEY<TAB>WITHOUT_KEY": for
each component, the default's figure minus the figure without the component, per collection
(marked * where LOCO, choosing between the two on the other collections, would have dropped the
component for that held-out one), the mean, and LOCO's held-out wins and losses against the
default without the component.
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
    """Per collection: best nDCG@10 (bold), bm25s nDCG/MAP, RM3 nDCG/MAP, from every table of
    ANCHORS.md whose header row starts with "system"."""
    result, names = {}, []
    for row in (l for l in open(anchors_path) if l.startswith("| ")):
        cells = [c.strip() for c in row.split("|")[1:-1]]
        if cells[0] == "system":
            names = [re.match(r"\s*(\w+)", c).group(1) for c in cells[1:]]
            for name in names:
                result.setdefault(name, {})
            continue
        if len(cells) != len(names) + 1 or "/" not in cells[1]:
            continue
        system = cells[0].strip("*")
        for name, cell in zip(names, cells[1:]):
            ndcg, map_ = (float(x.strip(" *")) for x in cell.split("/"))
            result[name].setdefault("systems", {})[system] = (ndcg, map_)
            if "**" in cell.split("/")[0]:
                result[name]["best"] = ndcg
            if system == "bm25s":
                result[name]["bm25s"] = (ndcg, map_)
            if "RM3" in system:
                result[name]["rm3"] = (ndcg, map_)
    return result


def read_floor(path):
    floor = {}
    for line in open(path):
        parts = line.split("#")[0].split()
        if len(parts) == 4:
            floor[(parts[0], parts[1])] = (float(parts[2]), float(parts[3]))
    return floor


def read_choices(path):
    choices, current = [], []
    for line in open(path):
        line = line.rstrip("\n")
        if line == "--":
            if current:
                choices.append(current)
            current = []
        elif line:
            current.append(tuple(line.split("\t")))
    return choices + ([current] if current else [])


def loco(anchors, out, names, choices_path, metric):
    """Leave-one-collection-out tables, one per choice."""
    key = {"ndcg": "ndcg_cut_10", "map": "map_cut_1000"}[metric]
    shown = MEASURES[key]
    peer = peers(anchors)
    qrels = {name: read_qrels(f"{out}/{name}.qrels.tsv") for name in names}
    cache = {}

    def score(name, run_key):
        if (name, run_key) not in cache:
            cache[(name, run_key)] = evaluate(qrels[name], read_run(f"{out}/{name}.{run_key}.run"))[key]
        return cache[(name, run_key)]

    for choice in read_choices(choices_path):
        labels = [label for label, _ in choice]
        width = max(12, *(len(label) for label in labels))
        print(f"LOCO over {len(names)} collections, chosen by mean {shown} on the other {len(names) - 1}: "
              + " | ".join(labels))
        print(f"{'held out':<11} {'chosen':<{width}} {shown:>8} {'ref':>8} {'delta':>7}   best peer")
        chosen_scores, reference_scores = [], []
        for held in names:
            others = [n for n in names if n != held]
            means = [sum(score(n, k) for n in others) / len(others) for _, k in choice]
            best = max(range(len(choice)), key=lambda i: (means[i], -i))
            value, reference = score(held, choice[best][1]), score(held, choice[0][1])
            chosen_scores.append(value)
            reference_scores.append(reference)
            best_peer = peer.get(held, {}).get("best" if metric == "ndcg" else "rm3")
            peer_text = "" if best_peer is None else (
                f"{best_peer:.3f}" if metric == "ndcg" else f"{best_peer[1]:.3f} (RM3 MAP)")
            print(f"{held:<11} {choice[best][0]:<{width}} {value:>8.4f} {reference:>8.4f} {value - reference:>+7.4f}   {peer_text}")
        mean_chosen = sum(chosen_scores) / len(names)
        mean_reference = sum(reference_scores) / len(names)
        wins = sum(c > r + 1e-9 for c, r in zip(chosen_scores, reference_scores))
        losses = sum(c + 1e-9 < r for c, r in zip(chosen_scores, reference_scores))
        print(f"{'mean':<11} {'':<{width}} {mean_chosen:>8.4f} {mean_reference:>8.4f} {mean_chosen - mean_reference:>+7.4f}"
              f"   held-out wins {wins}, losses {losses} (ref = {labels[0]})")
        print(f"{'setting':<{width}} " + " ".join(f"{n[:9]:>9}" for n in names) + f" {'mean':>9}")
        for label, run_key in choice:
            values = [score(n, run_key) for n in names]
            print(f"{label:<{width}} " + " ".join(f"{v:>9.4f}" for v in values) + f" {sum(values) / len(values):>9.4f}")
        print()


def loco_table(out, names, rows_path):
    """One line per component: default minus without it, per collection, and LOCO's verdict."""
    qrels = {name: read_qrels(f"{out}/{name}.qrels.tsv") for name in names}
    cache = {}

    def score(name, run_key, key):
        if (name, run_key) not in cache:
            cache[(name, run_key)] = evaluate(qrels[name], read_run(f"{out}/{name}.{run_key}.run"))
        return cache[(name, run_key)][key]

    width = 36
    print(f"LOCO table over {len(names)} collections: default minus the default without the "
          "component (* where LOCO drops it for that held-out collection)")
    header = f"{'component':<{width}} {'metric':<8}" + "".join(f"{n[:9]:>10}" for n in names)
    print(header + f"{'mean':>9}   held-out W/L  held-out mean")
    for line in open(rows_path):
        label, metric, ref_key, alt_key = line.rstrip("\n").split("\t")[:4]
        key = {"ndcg": "ndcg_cut_10", "map": "map_cut_1000"}[metric]
        ref = [score(n, ref_key, key) for n in names]
        alt = [score(n, alt_key, key) for n in names]
        cells, held = [], []
        for i in range(len(names)):
            others = [j for j in range(len(names)) if j != i]
            keep = sum(ref[j] for j in others) >= sum(alt[j] for j in others)
            held.append((ref[i] if keep else alt[i]) - alt[i])
            cells.append(f"{ref[i] - alt[i]:+.4f}" + (" " if keep else "*"))
        wins = sum(d > 1e-9 for d in held)
        losses = sum(d < -1e-9 for d in held)
        mean = sum(r - a for r, a in zip(ref, alt)) / len(names)
        print(f"{label:<{width}} {MEASURES[key]:<8}" + "".join(f"{c:>10}" for c in cells)
              + f"{mean:>+9.4f}   {wins} W / {losses} L   {sum(held) / len(held):+.4f}")
    for metric, key in (("ndcg", "ndcg_cut_10"), ("map", "map_cut_1000")):
        # The reference runs by key, and whether each is an --expand run (5th field; before it,
        # only MAP rows were).
        refs = {}
        for line in open(rows_path):
            parts = line.rstrip("\n").split("\t")
            if parts[1] == metric:
                refs[parts[2]] = parts[4] == "1" if len(parts) > 4 else metric == "map"
        for ref_key, expanded in sorted(refs.items(), key=lambda item: item[1]):
            values = [score(n, ref_key, key) for n in names]
            print(f"{'default' + (' --expand' if expanded else ''):<{width}} {MEASURES[key]:<8}"
                  + "".join(f"{v:>10.4f}" for v in values) + f"{sum(values) / len(values):>9.4f}")


def main():
    if "--loco-table" in sys.argv:
        loco_table(sys.argv[2], sys.argv[3].split(","), sys.argv[sys.argv.index("--loco-table") + 1])
        return
    if "--loco" in sys.argv:
        args = sys.argv
        metric = args[args.index("--metric") + 1] if "--metric" in args else "ndcg"
        loco(args[1], args[2], args[3].split(","), args[args.index("--loco") + 1], metric)
        return
    anchors, out, names = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
    check = "--check" in sys.argv
    floor = read_floor(sys.argv[sys.argv.index("--floor") + 1]) if "--floor" in sys.argv else {}
    regressed = []
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
            low = floor.get((name, variant))
            # The floor is written to 4 decimals, as printed.
            if low and (m["ndcg_cut_10"] < low[0] - 5e-5 or m["map_cut_1000"] < low[1] - 5e-5):
                note += f"   BELOW FLOOR {low[0]:.4f}/{low[1]:.4f}"
                regressed.append(f"{name} {variant}")
            print(f"{name:<11} {variant:<8} " + " ".join(f"{m[k]:>{len(v) if len(v) > 6 else 7}.4f}" for k, v in MEASURES.items()) + note)
    for variant in ("default", "expand"):
        values = [means[(variant, k)] for k in MEASURES]
        if values[0] and len(values[0]) > 1:
            print(f"{'mean':<11} {variant:<8} " + " ".join(f"{sum(v) / len(v):>{len(n) if len(n) > 6 else 7}.4f}" for v, n in zip(values, MEASURES.values())))
    shown = [n for n in names if peer.get(n, {}).get("systems")]
    if len(shown) > 1:
        systems = set.intersection(*(set(peer[n]["systems"]) for n in shown))
        mean = {s: [sum(peer[n]["systems"][s][i] for n in shown) / len(shown) for i in (0, 1)] for s in systems}
        best = max(sorted(s for s in mean if "RM3" not in s), key=lambda s: mean[s][0])
        rm3 = next((s for s in mean if "RM3" in s), None)
        line = f"peers over {len(shown)}: best single mean nDCG@10 {mean[best][0]:.4f} ({best}; 1.05x = {1.05 * mean[best][0]:.4f})"
        if rm3:
            line += f" · Lucene+RM3 mean MAP {mean[rm3][1]:.4f} (1.05x = {1.05 * mean[rm3][1]:.4f})"
        print(line)
    if regressed:
        print("below the floor on: " + ", ".join(regressed))
    if check and failed:
        print("nDCG@10 below the best peer on: " + ", ".join(failed))
    if (check and failed) or regressed:
        sys.exit(1)


if __name__ == "__main__":
    main()
