"""The corpus copy scripts/engine-test indexes, and the edits it makes to it between two exports.

Besides the bundled corpus/ the copy gets a JSONL file of records (ids that are not paths, one
text with control characters) and a file whose name has a space and a `#`. The edits then cover
every kind of change an index run records: a body changed, a title and body changed, a file
moved into another folder, files deleted (one with `#` in its id), a file added, a file touched
without a change, and in the JSONL file a record changed, one removed and one added (Japanese).
Last, a second JSONL file brings a record whose `_id` an unchanged record of the first already
has: lbsearch then names both `PATH#ID`, so the unchanged record's id changes too.

A second round spans two index runs before its export: the first removes that file again (the
record's id goes back to its `_id`), adds a file and edits a body; the second renames a folder,
deletes the file just added and edits the same body again. A third round deletes a file and
rebuilds the index with `--full`.
"""

import json
import os
import shutil
from pathlib import Path

JSONL = "corpus/wire.jsonl"
SECOND_JSONL = "corpus/wire-2.jsonl"
MAIL = "corpus/letters/reader mail #7.md"
MOVED_FROM = "corpus/24-pixel-art-lighthouse-review.html"
MOVED_TO = "corpus/reviews/keeper-of-the-last-light.html"
FOLDER_MOVED_TO = "corpus/critiques/keeper-of-the-last-light.html"
DELETED_BEFORE_FULL = "corpus/40-vr-headset-review.html"
TRANSIENT = "corpus/transient/passing-note.md"
ADDED = "corpus/added/49-harpsichord-guild.md"
BODY_EDITED = "corpus/01-studio-tests-ai-backgrounds.md"
TITLE_EDITED = "corpus/13-starlit-courier-ai-remaster.md"
DELETED = "corpus/37-speedrun-marathon-record.html"
TOUCHED = "corpus/02-fan-artists-boycott-ai-app.html"

RECORDS = {
    "lute": {"_id": "wire-0001", "title": "Lute Makers Share a Workshop in Cremona",
             "text": "Three lute makers now share one workshop and its tools.",
             "date": "2024-05-02", "source": "Instrument Wire"},
    "zither": {"_id": "wire-0002", "title": "Zither Makers Meet in Vienna",
               "text": "A meeting of zither makers drew forty people.",
               "url": "https://example.com/wire/zither"},
    "bassoon": {"_id": "wire-0003", "title": "Bassoon Reeds in Short Supply",
                "text": "Cane harvests were poor this year.", "source": "Instrument Wire"},
    "ocarina": {"_id": "wire-0004", "title": "Ocarina Notes With Odd Characters",
                "text": "A tab\there, a bell \u0007, an escape \u001b[1m, a NUL \u0000, a quote "
                        "\" and a backslash \\, an emoji \U0001F3B5 and a line\nbreak.",
                "date": "2023-01-15"},
}
EDITED_RECORDS = {
    "dulcimer": {"_id": "wire-0002", "title": "Dulcimer Makers Meet in Vienna",
                 "text": "A meeting of dulcimer makers drew sixty people.",
                 "url": "https://example.com/wire/dulcimer"},
    "shamisen": {"_id": "wire-0005", "title": "津軽三味線の名手が最後の公演",
                 "text": "弘前市で津軽三味線の名手が最後の公演を開いた。会場は満員だった。",
                 "date": "2025-02-11", "source": "東京スクリーン通信"},
    "recorder": {"_id": "wire-0001", "title": "Recorder Consort Tours the Alps",
                 "text": "Five players and forty recorders."},
}


def _write_jsonl(root, records, name=JSONL):
    with (root / name).open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def prepare(source, work):
    """Copies `source` (the bundled corpus) to WORK/corpus and adds the extra documents."""
    shutil.copytree(source, work / "corpus")
    _write_jsonl(work, RECORDS.values())
    (work / MAIL).parent.mkdir()
    (work / MAIL).write_text("# Reader Mail #7: Tuba Valves and Other Questions\n\n"
                             "Readers asked about sticky tuba valves this month.\n")


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise RuntimeError(f"{path}: the text to edit is not there: {old!r}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit(work):
    """Makes the edits listed in the module's description."""
    with (work / BODY_EDITED).open("a", encoding="utf-8") as out:
        out.write("\nUpdate: the studio says the plates will be repainted by hand.\n")
    _replace(work / TITLE_EDITED, "title: \"AI Upscaling", "title: \"Marmalade Skies: AI Upscaling")
    with (work / TITLE_EDITED).open("a", encoding="utf-8") as out:
        out.write("\nThe remaster ships in a marmalade-coloured box.\n")
    (work / MOVED_TO).parent.mkdir()
    os.rename(work / MOVED_FROM, work / MOVED_TO)
    (work / DELETED).unlink()
    (work / MAIL).unlink()
    (work / ADDED).parent.mkdir()
    (work / ADDED).write_text("---\ntitle: \"Harpsichord Guild Restores a Forgotten Instrument\"\n"
                              "date: 2025-06-30\nsource: Instrument Wire\ntags: [music, repair]\n"
                              "---\n\nThe guild spent two years on a 1760 instrument.\n",
                              encoding="utf-8")
    stat = (work / TOUCHED).stat()
    os.utime(work / TOUCHED, (stat.st_atime, stat.st_mtime + 60))
    records = [RECORDS["lute"], EDITED_RECORDS["dulcimer"], RECORDS["ocarina"],
               EDITED_RECORDS["shamisen"]]
    _write_jsonl(work, records)
    _write_jsonl(work, [EDITED_RECORDS["recorder"]], SECOND_JSONL)


def _append(path, text):
    with path.open("a", encoding="utf-8") as out:
        out.write(text)


def edit_again_first(work):
    """The second round's first run: the second JSONL file removed, a file added, a body edited."""
    (work / SECOND_JSONL).unlink()
    (work / TRANSIENT).parent.mkdir()
    (work / TRANSIENT).write_text("# A Passing Note\n\nThis file lives for one run.\n")
    _append(work / BODY_EDITED, "\nSecond update: two plates are done.\n")


def edit_again_second(work):
    """The second round's second run: a folder renamed, the added file deleted, the body again."""
    os.rename((work / MOVED_TO).parent, (work / FOLDER_MOVED_TO).parent)
    (work / TRANSIENT).unlink()
    _append(work / BODY_EDITED, "\nThird update: all plates are done.\n")


def edit_before_full(work):
    """The third round, before an `index --full`: one file deleted."""
    (work / DELETED_BEFORE_FULL).unlink()


def locate(documents, path, title_word=None):
    """The id of the one exported document at `path` (whose title has `title_word`, if given)."""
    found = [d["id"] for d in documents
             if d.get("path") == path and (title_word is None or title_word in d.get("title", ""))]
    if len(found) != 1:
        raise LookupError(f"{len(found)} exported documents at {path} {title_word or ''}")
    return found[0]


def expected_changes(before, after):
    """(ids that must be upserted, ids that must be deleted) by the edits, from two full exports."""
    upserts = {locate(after, BODY_EDITED), locate(after, TITLE_EDITED), locate(after, MOVED_TO),
               locate(after, ADDED), locate(after, JSONL, "Dulcimer"),
               locate(after, JSONL, "三味線"), locate(after, SECOND_JSONL)}
    deletes = {locate(before, MOVED_FROM), locate(before, DELETED), locate(before, MAIL),
               locate(before, JSONL, "Bassoon")}
    lute_before, lute_after = locate(before, JSONL, "Lute"), locate(after, JSONL, "Lute")
    if lute_before != lute_after:
        upserts.add(lute_after)
        deletes.add(lute_before)
    return upserts, deletes


def expected_again(before, after):
    """(ids that must be upserted, ids that must be deleted) by the second round of edits."""
    upserts = {locate(after, FOLDER_MOVED_TO), locate(after, BODY_EDITED)}
    deletes = {locate(before, MOVED_TO), locate(before, SECOND_JSONL)}
    lute_before, lute_after = locate(before, JSONL, "Lute"), locate(after, JSONL, "Lute")
    if lute_before != lute_after:
        upserts.add(lute_after)
        deletes.add(lute_before)
    return upserts, deletes


def queries_again(after):
    """(query, expected best id) pairs after the second round: the record and the moved file."""
    return [("cremona", locate(after, JSONL, "Lute")),
            ("keeper", locate(after, FOLDER_MOVED_TO))]


def queries(after):
    """(query, expected best id) pairs: words found in one title, edited and added ones first."""
    return [("marmalade", locate(after, TITLE_EDITED)),
            ("harpsichord", locate(after, ADDED)),
            ("dulcimer", locate(after, JSONL, "Dulcimer")),
            ("keeper", locate(after, MOVED_TO)),
            ("consort", locate(after, SECOND_JSONL)),
            ("三味線", locate(after, JSONL, "三味線")),
            ("原画展", locate(after, "corpus/32-genga-exhibition-tokyo.html"))]
