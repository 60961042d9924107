#!/usr/bin/env python3
"""Japanese known-item evaluation over ../shared/data/ja (called by scripts/eval).

usage: eval_ja.py CORPUS_DIR LBSEARCH_BIN WORK_DIR [--queries N] [--seed S]

Picks N articles at random (seeded, so the set is the same every run) and, for each, one word
of its title: a maximal run of 2-4 katakana, or of 2-4 kanji, bounded by other characters,
that occurs in at most MAX_DF articles (the rarest such run; articles without one are passed
over). The query is that word; the article must come back in the top 10. Reports success@10
and MRR@10 for lbsearch (`lbsearch batch`) and, on the same queries, for FTS5 tables of the
same text with the `unicode61` and `trigram` tokenizers (ORDER BY bm25(), each word quoted).
"""
import glob
import json
import random
import re
import sqlite3
import subprocess
import sys

MAX_DF = 20
WORD = re.compile(r"[\u30A1-\u30FA\u30FC-\u30FF\u31F0-\u31FF]+|[\u3005\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+")


def read_corpus(folder):
    articles = []
    for path in sorted(glob.glob(folder + "/*.jsonl")):
        for line in open(path, encoding="utf-8"):
            if line.strip():
                record = json.loads(line)
                articles.append((str(record["_id"]), record.get("title", ""), record.get("text", "")))
    return articles


def pick_queries(articles, count, seed):
    texts = [title + "\n" + body for _, title, body in articles]
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    queries = []
    for index in order:
        words = {m.group() for m in WORD.finditer(articles[index][1]) if 2 <= len(m.group()) <= 4}
        scored = sorted((sum(word in text for text in texts), word) for word in words)
        scored = [(df, word) for df, word in scored if df <= MAX_DF]
        if scored:
            queries.append((articles[index][0], scored[0][1]))
        if len(queries) == count:
            break
    return queries


def lbsearch_ranks(binary, work, corpus, queries):
    index = work + "/ja-eval.db"
    subprocess.run([binary, "index", "--quiet", "--index", index, corpus], check=True, stdout=subprocess.DEVNULL)
    with open(work + "/ja-queries.jsonl", "w", encoding="utf-8") as out:
        for number, (_, word) in enumerate(queries):
            out.write(json.dumps({"_id": str(number), "text": word}, ensure_ascii=False) + "\n")
    run = subprocess.run(
        [binary, "batch", "--index", index, "--queries", work + "/ja-queries.jsonl", "--limit", "10", "--format", "trec"],
        check=True, capture_output=True, text=True).stdout
    found = {}
    for line in run.splitlines():
        qid, _, doc, rank, _, _ = line.split()
        if doc == queries[int(qid)][0]:
            found[int(qid)] = int(rank)
    return [found.get(number) for number in range(len(queries))]


def fts5_ranks(articles, tokenizer, queries):
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, body, tokenize = '{tokenizer}')")
    db.executemany("INSERT INTO t VALUES (?, ?, ?)", articles)
    ranks = []
    for target, word in queries:
        rows = db.execute("SELECT id FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 10", ['"' + word + '"']).fetchall()
        ids = [row[0] for row in rows]
        ranks.append(ids.index(target) + 1 if target in ids else None)
    return ranks


def report(name, ranks):
    success = sum(rank is not None for rank in ranks) / len(ranks)
    mrr = sum(1 / rank for rank in ranks if rank) / len(ranks)
    print(f"{name:<18} {success:>10.3f} {mrr:>8.3f}")


def main():
    corpus, binary, work = sys.argv[1:4]
    count = int(sys.argv[sys.argv.index("--queries") + 1]) if "--queries" in sys.argv else 300
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 9
    articles = read_corpus(corpus)
    queries = pick_queries(articles, count, seed)
    print(f"ja known-item: {len(queries)} title words (2-4 katakana or kanji, in <= {MAX_DF} of "
          f"{len(articles)} articles, seed {seed}), e.g. {', '.join(word for _, word in queries[:6])}")
    print(f"{'system':<18} {'success@10':>10} {'MRR@10':>8}")
    report("lbsearch", lbsearch_ranks(binary, work, corpus, queries))
    report("FTS5 unicode61", fts5_ranks(articles, "unicode61", queries))
    report("FTS5 trigram", fts5_ranks(articles, "trigram", queries))


if __name__ == "__main__":
    main()
