"""The corpus a benchmark runs on: its variants (folders lbsearch indexes) and its text as CSV."""

import csv
import glob
import gzip
import json
import os
import shutil
import subprocess
import sys

UPDATE = "\n\nUpdate: the council said on Monday that this report was revised and corrected."


class Variant:
    """A form of the corpus lbsearch indexes: a name, a root folder, whether bench may edit it."""

    def __init__(self, name, root, writable, kind):
        self.name, self.root, self.writable, self.kind = name, root, writable, kind


class Corpus:
    """Documents in record order (row i of the CSV is document i, rowid i + 1 for sqlite3)."""

    def __init__(self, name, work, variants, jsonl_files, per_folder):
        self.name, self.work, self.variants = name, work, variants
        self.jsonl_files, self.per_folder = jsonl_files, per_folder
        self.csv = os.path.join(work, "text.csv")
        self.documents, self.text_bytes, self.counts = self.make_csv()
        self.select([v.name for v in variants])

    def select(self, names):
        """Keeps the variants named `names` (in their order); rg reads the first writable one."""
        self.variants = [v for v in self.variants if v.name in names]
        writable = [v for v in self.variants if v.writable] or self.variants
        files = [v for v in writable if v.kind == "files"]
        # rg reads what a person would grep: the files, else the (uncompressed) JSONL.
        self.rg_root = (files or writable)[0].root

    @staticmethod
    def prepare(name, repo, work, seed):
        """The corpus `name` (large or synthetic:N), generated or decompressed into `work`."""
        if name == "large":
            return Corpus.large(repo, work)
        return Corpus.synthetic(int(name.split(":", 1)[1]), repo, work, seed)

    @staticmethod
    def large(repo, work):
        source = os.path.normpath(os.path.join(repo, "..", "shared", "data", "large"))
        packed = sorted(glob.glob(os.path.join(source, "*.jsonl.gz")))
        if not packed:
            sys.exit(f"bench: no corpus at {source}")
        folder = os.path.join(work, "jsonl")
        os.makedirs(folder, exist_ok=True)
        for path in packed:
            target = os.path.join(folder, os.path.basename(path)[: -len(".gz")])
            if not os.path.exists(target):
                with gzip.open(path, "rb") as data, open(target + ".part", "wb") as out:
                    shutil.copyfileobj(data, out)
                os.rename(target + ".part", target)
        variants = [Variant("jsonl.gz", source, False, "jsonl"),
                    Variant("jsonl", folder, True, "jsonl")]
        return Corpus("large", work, variants, sorted(glob.glob(folder + "/*.jsonl")), None)

    @staticmethod
    def synthetic(documents, repo, work, seed, per_folder=1000):
        out = os.path.join(work, "corpus")
        stamp = os.path.join(work, "corpus.done")
        wanted = f"{documents} {seed}"
        if not (os.path.exists(stamp) and open(stamp).read() == wanted):
            shutil.rmtree(out, ignore_errors=True)
            subprocess.run([os.path.join(repo, "scripts", "gen-corpus"), "--docs", str(documents),
                            "--seed", str(seed), "--out", out, "--per-folder", str(per_folder)],
                           check=True)
            for stale in glob.glob(os.path.join(work, "text.csv*")):
                os.remove(stale)
            with open(stamp, "w") as file:
                file.write(wanted)
        variants = [Variant("files", os.path.join(out, "files"), True, "files"),
                    Variant("jsonl", os.path.join(out, "jsonl"), True, "jsonl")]
        jsonl = sorted(glob.glob(os.path.join(out, "jsonl", "*.jsonl")))
        return Corpus(f"synthetic:{documents}", work, variants, jsonl, per_folder)

    def make_csv(self):
        """Writes title,body rows (no header) once; returns documents, text bytes, per-file counts."""
        stamp = self.csv + ".json"
        if os.path.exists(stamp):
            with open(stamp) as file:
                saved = json.load(file)
            return saved["documents"], saved["text_bytes"], saved["counts"]
        documents, text_bytes, counts = 0, 0, []
        with open(self.csv, "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            for path in self.jsonl_files:
                counts.append(0)
                for record in self.records_of(path):
                    title, body = record.get("title", ""), record.get("text", "")
                    writer.writerow([title, body])
                    documents += 1
                    counts[-1] += 1
                    text_bytes += len(title.encode()) + len(body.encode())
        with open(stamp, "w") as file:
            json.dump({"documents": documents, "text_bytes": text_bytes, "counts": counts}, file)
        return documents, text_bytes, counts

    @staticmethod
    def records_of(path):
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield json.loads(line)

    def describe(self):
        names = ", ".join(f"{v.name} ({v.root})" for v in self.variants)
        return (f"corpus {self.name}: {self.documents:,} documents, "
                f"{self.text_bytes / 1e6:.1f} MB of title and body text; variants {names}")

    def file_of(self, variant, number):
        """The path of document `number` in the files variant."""
        return os.path.join(variant.root, f"{number // self.per_folder:04d}", f"{number:07d}.md")

    def rewrite(self, variant, numbers, backup):
        """Rewrites documents `numbers` (adds a paragraph), originals copied into `backup`."""
        os.makedirs(backup, exist_ok=True)
        if variant.kind == "files":
            for number in numbers:
                path = self.file_of(variant, number)
                shutil.copy2(path, os.path.join(backup, os.path.basename(path)))
                with open(path, "a", encoding="utf-8") as file:
                    file.write(UPDATE + "\n")
            return
        wanted, first = set(numbers), 0
        for path, count in zip(self.jsonl_files_of(variant), self.counts):
            if any(first <= n < first + count for n in wanted):
                shutil.copy2(path, os.path.join(backup, os.path.basename(path)))
                self.rewrite_jsonl(path, first, wanted)
            first += count

    def jsonl_files_of(self, variant):
        return sorted(glob.glob(os.path.join(variant.root, "*.jsonl")))

    @staticmethod
    def rewrite_jsonl(path, first, wanted):
        with open(path, encoding="utf-8") as file:
            lines = [line for line in file if line.strip()]
        with open(path, "w", encoding="utf-8") as out:
            for offset, line in enumerate(lines):
                if first + offset in wanted:
                    record = json.loads(line)
                    record["text"] += UPDATE
                    line = json.dumps(record, ensure_ascii=False) + "\n"
                out.write(line)

    def restore(self, variant, numbers, backup):
        """Puts back the originals saved by `rewrite`."""
        if variant.kind == "files":
            for number in numbers:
                path = self.file_of(variant, number)
                shutil.copy2(os.path.join(backup, os.path.basename(path)), path)
        else:
            for saved in os.listdir(backup):
                shutil.copy2(os.path.join(backup, saved), os.path.join(variant.root, saved))
        shutil.rmtree(backup)
