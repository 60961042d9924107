"""The named workloads of scripts/bench: each adds rows to the table."""

import csv
import json
import os
import random
import shutil

from corpus import UPDATE
from measure import TIME, best_of, file_mb, median, percentile, run
import queries as query_maker

TABLE_SQL = "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='lbsearch');"
DROP_CACHES = "/proc/sys/vm/drop_caches"


class Context:
    """What every workload needs: paths, the binary, the corpus, the options, the table."""

    def __init__(self, repo, work, binary, extension, corpus, options, table):
        self.repo, self.work, self.binary, self.extension = repo, work, binary, extension
        self.corpus, self.options, self.table = corpus, options, table
        self.baseline_db = os.path.join(work, "sqlite3.db")

    def index_of(self, variant):
        return os.path.join(self.work, f"lbsearch-{variant.name}.db")

    def sqlite(self, db, *commands):
        """The sqlite3 command on `db` with the lbsearch tokenizer loaded."""
        return ["sqlite3", db, "-cmd", f".load {self.extension}", *commands]

    def empty_page_cache(self):
        """With --empty-page-cache: dirty pages written back, then the page cache dropped."""
        if self.options.empty_page_cache:
            os.sync()
            with open(DROP_CACHES, "w") as control:
                control.write("3\n")

    def lbsearch_index(self, variant):
        """A cold `lbsearch index` of `variant` into a new index file."""
        index = self.index_of(variant)
        remove_index(index)
        self.empty_page_cache()
        result = run([self.binary, "index", variant.root, "--index", index, "--json", "--quiet"])
        check(result, f"lbsearch index {variant.root}")
        return result

    def load_baseline(self, db=None):
        """The sqlite3 command loading the CSV text into a new FTS5 table, then 'optimize'."""
        db = db or self.baseline_db
        remove_index(db)
        self.empty_page_cache()
        result = run(self.sqlite(db, "PRAGMA journal_mode=OFF;", TABLE_SQL,
                                 f".import --csv {self.corpus.csv} t",
                                 "INSERT INTO t(t) VALUES('optimize');"))
        check(result, "sqlite3 load")
        return result

    def ensure_indexes(self, variant):
        if not os.path.exists(self.index_of(variant)):
            self.lbsearch_index(variant)
        if not os.path.exists(self.baseline_db):
            self.load_baseline()


def remove_index(path):
    for suffix in ["", "-wal", "-shm", ".lock", "-journal"]:
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def check(result, what):
    if result.status not in (0, 1):
        raise SystemExit(f"bench: {what} failed with exit status {result.status}")


def summary(result):
    """The JSON summary line `lbsearch index --json` printed."""
    try:
        return json.loads(result.output.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {}


def index_mb(ctx, index, what):
    """Size on disk of the index at `index` as it stays: its main file alone.

    Every lbsearch run ends by copying its write-ahead log into the main file and truncating
    the log to 0 bytes (PRAGMA wal_checkpoint(TRUNCATE); the -wal file is kept, empty), so
    counting the -wal file as well added nothing but, were the log left full, pages that the
    main file already holds or is about to. A log not empty after the run is noted, since the
    run then failed to checkpoint (another process reading, most likely)."""
    log_mb = file_mb(index + "-wal")
    if log_mb > 0:
        ctx.table.note(f"{what}: {os.path.basename(index)}-wal still holds {log_mb:.2f} MB after "
                       "the run (not checkpointed); the size is the main file's alone")
    return file_mb(index)


def cold_index(ctx):
    table, text_mb = ctx.table, ctx.corpus.text_bytes / 1e6
    base = ctx.load_baseline()
    base_mb = file_mb(ctx.baseline_db)
    for variant in ctx.corpus.variants:
        result = ctx.lbsearch_index(variant)
        index = ctx.index_of(variant)
        size = index_mb(ctx, index, f"cold-index {variant.name}")
        added = summary(result).get("added")
        table.add("cold-index", variant.name, "time s", result.seconds,
                  "sqlite3 FTS5 load+optimize", base.seconds, result.rss_mb, base.rss_mb)
        table.add("cold-index", variant.name, "CPU s", result.cpu, "sqlite3 (CPU s)", base.cpu)
        table.add("cold-index", variant.name, "size MB", size, "sqlite3 FTS5 table", base_mb)
        table.add("cold-index", variant.name, "size/text", size / text_mb, "sqlite3 size/text",
                  base_mb / text_mb)
        if added != ctx.corpus.documents:
            table.note(f"cold-index {variant.name}: lbsearch added {added} documents, the CSV "
                       f"holds {ctx.corpus.documents} records (other files in the folder, such "
                       "as a SOURCE.md, count too)")
    if ctx.options.empty_page_cache:
        table.note("cold-index: the page cache was emptied before each side's run")
    table.note("cold-index: the sqlite3 side reads a CSV of title and body made beforehand (not "
               "timed); lbsearch reads the corpus itself (files or JSONL: walking, decoding, "
               "extracting, hashing included)")


def query(ctx):
    variant, table = ctx.corpus.variants[0], ctx.table
    ctx.ensure_indexes(variant)
    index = ctx.index_of(variant)
    made = query_maker.make_queries(ctx.corpus.csv, ctx.corpus.documents, ctx.options.queries,
                                    ctx.options.seed)
    query_maker.save(made, os.path.join(ctx.work, "queries.tsv"))
    rg_sample = rg_queries(ctx, made)
    commands = {
        "lbsearch": lambda q: [ctx.binary, q.typed, "--index", index],
        "sqlite3": lambda q: ctx.sqlite(ctx.baseline_db, sqlite_query(q.match)),
        "rg": lambda q: ["rg", "-i", "-c", "-F", *[a for p in q.patterns for a in ("-e", p)],
                         ctx.corpus.rg_root]}
    times = {name: [] for name in commands}
    cpu = {name: [] for name in commands}
    rss = {name: 0.0 for name in commands}
    for name, command in commands.items():
        if name != "rg" or rg_sample:
            run(command(made[0]))  # warm-up
    rg_numbers = set(rg_sample)
    for number, made_query in enumerate(made):
        for name, command in commands.items():
            if name == "rg" and number not in rg_numbers:
                continue
            result = run(command(made_query))
            check(result, f"{name} {made_query.typed}")
            times[name].append(result.seconds * 1000)
            cpu[name].append(result.cpu * 1000)
            rss[name] = max(rss[name], result.rss_mb)
    save_times(ctx, made, times, rg_sample)
    add_query_rows(ctx, variant, times, rss, rg_sample, len(made))
    add_cpu_rows(ctx, variant, cpu, "sqlite3 MATCH+snippet")


def rg_queries(ctx, made):
    """Numbers of the queries rg runs: all, or a sample spread over the kinds (--rg-queries)."""
    if not shutil.which("rg"):
        ctx.table.note("query: rg is not installed (apt-get install ripgrep): its column skipped")
        return []
    count = ctx.options.rg_queries
    if count is None:
        count = len(made) if ctx.corpus.text_bytes < 500e6 else 20
    return query_maker.spread_sample(made, count, ctx.options.seed)


def sqlite_query(match):
    return ("SELECT rowid, title, snippet(t, 1, '[', ']', '…', 24) FROM t "
            f"WHERE t MATCH '{match}' ORDER BY bm25(t, 2.0, 1.0) LIMIT 10;")


def save_times(ctx, made, times, rg_sample):
    rg_times = dict(zip(rg_sample, times["rg"]))
    with open(os.path.join(ctx.work, "query-times.tsv"), "w", encoding="utf-8") as out:
        out.write("kind\tquery\tlbsearch_ms\tsqlite3_ms\trg_ms\n")
        for number, made_query in enumerate(made):
            rg = rg_times.get(number)
            cells = [f"{times['lbsearch'][number]:.1f}", f"{times['sqlite3'][number]:.1f}",
                     "" if rg is None else f"{rg:.1f}"]
            out.write(f"{made_query.kind}\t{made_query.typed}\t" + "\t".join(cells) + "\n")


def add_query_rows(ctx, variant, times, rss, rg_sample, count):
    table, lbs = ctx.table, times["lbsearch"]
    for label, share in [("p50 ms", 0.5), ("p95 ms", 0.95)]:
        table.add("query", variant.name, label, percentile(lbs, share), "sqlite3 MATCH+snippet",
                  percentile(times["sqlite3"], share), rss["lbsearch"], rss["sqlite3"])
    if rg_sample:
        same = [lbs[number] for number in rg_sample]
        for label, share in [("p50 ms", 0.5), ("p95 ms", 0.95)]:
            table.add("query", variant.name, label, percentile(same, share),
                      f"rg -i -c ({len(rg_sample)} queries)", percentile(times["rg"], share),
                      rss["lbsearch"], rss["rg"])
    kinds = {}
    with open(os.path.join(ctx.work, "query-times.tsv"), encoding="utf-8") as file:
        for row in list(csv.reader(file, delimiter="\t"))[1:]:
            kinds.setdefault(row[0], []).append((float(row[2]), float(row[3])))
    parts = [f"{kind} {median([a for a, _ in v]):.0f}/{median([b for _, b in v]):.0f}"
             for kind, v in kinds.items()]
    table.note(f"query: {count} queries (work folder queries.tsv, times in query-times.tsv); "
               f"p50 ms lbsearch/sqlite3 by kind: {', '.join(parts)}")


def add_cpu_rows(ctx, variant, cpu, baseline, workload="query"):
    """p50 and p95 of user + system CPU per command: steadier than wall time under load."""
    if not TIME or not cpu["lbsearch"]:
        return
    other = next(name for name in cpu if name != "lbsearch")
    for label, share in [("p50 CPU ms", 0.5), ("p95 CPU ms", 0.95)]:
        ctx.table.add(workload, variant if isinstance(variant, str) else variant.name, label,
                      percentile(cpu["lbsearch"], share), f"{baseline} (CPU)",
                      percentile(cpu[other], share))


def noop_reindex(ctx):
    for variant in [v for v in ctx.corpus.variants if v.writable]:
        ctx.ensure_indexes(variant)
        index = ctx.index_of(variant)
        command = [ctx.binary, "index", "--index", index, "--json", "--quiet"]
        run(command)  # brings the index up to date if an earlier run left it behind
        result = best_of(3, command)
        base = best_of(3, ["find", variant.root, "-type", "f", "-printf", "%s %T@\\n"])
        ctx.table.add("noop-reindex", variant.name, "time s", result.seconds,
                      "find -printf size,mtime", base.seconds, result.rss_mb, base.rss_mb)
        if TIME:  # user + system CPU of the same runs: steadier than wall time under load
            ctx.table.add("noop-reindex", variant.name, "CPU s", result.cpu, "find (CPU s)",
                          base.cpu)
        tokenized = summary(result).get("tokenized")
        ctx.table.note(f"noop-reindex {variant.name}: tokenized {tokenized} (best of 3 each)")


def reindex_1pct(ctx):
    corpus = ctx.corpus
    numbers = sorted(random.Random(ctx.options.seed).sample(
        range(corpus.documents), max(1, corpus.documents // 100)))
    changes = write_changes(ctx, numbers)
    for variant in [v for v in corpus.variants if v.writable]:
        ctx.ensure_indexes(variant)
        index = ctx.index_of(variant)
        command = [ctx.binary, "index", "--index", index, "--json", "--quiet"]
        run(command)
        copy = os.path.join(ctx.work, "sqlite3-1pct.db")
        remove_index(copy)
        shutil.copyfile(ctx.baseline_db, copy)
        backup = os.path.join(ctx.work, "backup")
        corpus.rewrite(variant, numbers, backup)
        try:
            result = run(command)
            check(result, "lbsearch index (1 % changed)")
            base = run(ctx.sqlite(copy, "BEGIN;", f".import --csv {changes} changes",
                                  "DELETE FROM t WHERE rowid IN (SELECT id FROM changes);",
                                  "INSERT INTO t(rowid, title, body) "
                                  "SELECT id, title, body FROM changes;", "COMMIT;"))
            check(base, "sqlite3 update")
        finally:
            corpus.restore(variant, numbers, backup)
        add_reindex_rows(ctx, variant, result, base, copy, len(numbers))
        run(command)  # back in step with the restored corpus (not timed)
        remove_index(copy)


def write_changes(ctx, numbers):
    """CSV (id, title, body) of the rewritten documents for the sqlite3 side.

    Reads only the chosen documents' Markdown files when the corpus has them (a synthetic one),
    else the JSONL files, parsing only the chosen lines (document i is the i-th non-blank line,
    as in the CSV): the CSV of all the text is never read again. Kept for the next run with the
    same corpus and numbers (changes.csv.stamp)."""
    path = os.path.join(ctx.work, "changes.csv")
    stamp = f"{ctx.corpus.name} {len(numbers)} {hash_numbers(numbers)}"
    if os.path.exists(path) and read_text(path + ".stamp") == stamp:
        return path
    files = [v for v in ctx.corpus.variants if v.kind == "files"]
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "title", "body"])
        if files and ctx.corpus.per_folder:
            for number in numbers:  # the chosen Markdown files alone (2.5 KB each)
                title, body = markdown_text(ctx.corpus.file_of(files[0], number))
                writer.writerow([number + 1, title, body + UPDATE])
        else:
            write_jsonl_changes(ctx, set(numbers), writer)
    with open(path + ".stamp", "w", encoding="utf-8") as file:
        file.write(stamp)
    return path


def markdown_text(path):
    """Title and body of a scripts/gen-corpus Markdown file: its front matter's title (a JSON
    string) and the text after it, as in the JSONL record."""
    with open(path, encoding="utf-8", newline="") as file:
        text = file.read()
    head, body = text[len("---\n"):].split("\n---\n\n", 1)
    title = next(line for line in head.split("\n") if line.startswith("title: "))
    return json.loads(title[len("title: "):]), body[:-1] if body.endswith("\n") else body


def write_jsonl_changes(ctx, wanted, writer):
    """Rows for the documents `wanted`, from the JSONL files, parsing only their lines."""
    number = 0
    for source, count in zip(ctx.corpus.jsonl_files, ctx.corpus.counts):
        if not any(number <= n < number + count for n in wanted):
            number += count
            continue
        with open(source, "rb") as lines:
            for line in lines:
                if not line.strip():
                    continue
                if number in wanted:
                    record = json.loads(line)
                    writer.writerow([number + 1, record.get("title", ""),
                                     record.get("text", "") + UPDATE])
                number += 1


def hash_numbers(numbers):
    return sum((n + 1) * 2654435761 % 4294967296 for n in numbers) % 4294967296


def read_text(path):
    try:
        with open(path, encoding="utf-8") as file:
            return file.read()
    except OSError:
        return None


def add_reindex_rows(ctx, variant, result, base, copy, changed):
    index = ctx.index_of(variant)
    ctx.table.add("reindex-1pct", variant.name, "time s", result.seconds,
                  "sqlite3 delete+insert", base.seconds, result.rss_mb, base.rss_mb)
    # Both main files alone, as in cold-index: the sqlite3 copy is in rollback-journal mode,
    # and its journal is gone once the update commits.
    ctx.table.add("reindex-1pct", variant.name, "size MB",
                  index_mb(ctx, index, f"reindex-1pct {variant.name}"), "sqlite3 FTS5 table",
                  file_mb(copy))
    fields = summary(result)
    ctx.table.note(f"reindex-1pct {variant.name}: {changed} documents rewritten; lbsearch "
                   f"updated {fields.get('updated')}, tokenized {fields.get('tokenized')}")


def sample_query(ctx):
    index = os.path.join(ctx.work, "sample.db")
    if not os.path.exists(index):
        check(run([ctx.binary, "index", os.path.join(ctx.repo, "corpus"), "--index", index,
                   "--quiet"]), "lbsearch index corpus")
    # documents_fts is (body, title) since "v12": column 0 is the body.
    sql = ("SELECT d.title, snippet(documents_fts, 0, '[', ']', '…', 24) FROM documents_fts "
           "JOIN documents d ON d.id = documents_fts.rowid WHERE documents_fts MATCH "
           "'\"ai\" \"art\"' ORDER BY bm25(documents_fts, 1.0, 2.0) LIMIT 10;")
    commands = {"lbsearch": [ctx.binary, "AI art", "--index", index],
                "sqlite3": ctx.sqlite(index, sql)}
    times, rss = {"lbsearch": [], "sqlite3": []}, {"lbsearch": 0.0, "sqlite3": 0.0}
    cpu = {"lbsearch": [], "sqlite3": []}
    for round_number in range(21):
        for name, command in commands.items():
            result = run(command)
            check(result, name)
            if round_number:
                times[name].append(result.seconds * 1000)
                cpu[name].append(result.cpu * 1000)
                rss[name] = max(rss[name], result.rss_mb)
    for label, share in [("p50 ms", 0.5), ("p95 ms", 0.95)]:
        ctx.table.add("sample-query", "corpus/", label, percentile(times["lbsearch"], share),
                      "sqlite3 MATCH+snippet", percentile(times["sqlite3"], share),
                      rss["lbsearch"], rss["sqlite3"])
    add_cpu_rows(ctx, "corpus/", cpu, "sqlite3 MATCH+snippet", workload="sample-query")
    verdict = "met" if percentile(times["lbsearch"], 0.5) < 30 else "NOT met"
    ctx.table.note(f"sample-query: lbsearch \"AI art\" on the bundled corpus, 20 runs after a "
                   f"warm-up; target p50 < 30 ms {verdict}")
