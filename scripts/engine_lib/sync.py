"""Feeding `lbsearch export --format ndjson` to a Typesense collection, and reading it back.

The collection's schema is the export's fields: `title` and `body` searchable text, `date` a
`yyyy-mm-dd` string, `source` and `tags` facets, `url` a stored string, `path` and `hash` strings
(for `filter_by`); `id` is Typesense's own document id.

Japanese: Typesense splits text at spaces and punctuation only, so a run of Japanese is one
token. Its `ja` locale (kakasi) would split it, but in 0.24.1 a batch import into `ja` fields
crashes the server (a segfault in kakasi, 2 of 3 runs here) or hangs it (with one indexing
thread), and highlighting such a field hangs a search. So title and body are indexed for infix
(substring) search instead, and a query with CJK characters asks for `infix=always`.
"""

import json
import re
import urllib.parse

from .typesense import EngineError, document_path

EXPORT_FIELDS = ("id", "title", "body", "date", "source", "url", "tags", "path", "hash")
SCHEMA_FIELDS = [
    {"name": "title", "type": "string", "infix": True},
    {"name": "body", "type": "string", "infix": True},
    {"name": "date", "type": "string", "optional": True, "facet": True},
    {"name": "source", "type": "string", "optional": True, "facet": True},
    {"name": "url", "type": "string", "optional": True, "index": False},
    {"name": "tags", "type": "string[]", "facet": True},
    {"name": "path", "type": "string"},
    {"name": "hash", "type": "string"},
]
BATCH_LINES = 500
CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f]")


def create_collection(server, name):
    """Creates the collection for the export's fields."""
    server.request("POST", "/collections", json.dumps({"name": name, "fields": SCHEMA_FIELDS}))


def read_ndjson(path):
    """The objects of an NDJSON file, in order; a line that is not a JSON object is an error."""
    objects = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.endswith("\n"):
                raise ValueError(f"{path}:{number}: the last line does not end with a newline")
            value = json.loads(line)
            if not isinstance(value, dict):
                raise ValueError(f"{path}:{number}: not a JSON object")
            objects.append(value)
    return objects


def upsert(server, name, documents):
    """Imports documents with `action=upsert` in batches; raises EngineError on any rejection."""
    for start in range(0, len(documents), BATCH_LINES):
        batch = documents[start:start + BATCH_LINES]
        body = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in batch)
        answer = server.request("POST", f"/collections/{name}/documents/import?action=upsert",
                                body, content_type="text/plain", raw=True)
        results = [json.loads(line) for line in answer.splitlines() if line.strip()]
        rejected = [(d.get("id"), r) for d, r in zip(batch, results) if not r.get("success")]
        if len(results) != len(batch) or rejected:
            raise EngineError(f"import rejected {len(rejected)} of {len(batch)} documents: "
                              f"{rejected[:3]}")


def delete(server, name, document_id):
    """Deletes one document; returns False when the engine did not hold it."""
    try:
        server.request("DELETE", document_path(name, document_id))
        return True
    except EngineError as error:
        if "HTTP 404" in str(error):
            return False
        raise


def apply_changes(server, name, changes):
    """Applies a change export in order: runs of documents are upserted, `deleted` lines deleted.

    Returns how many deletes named a document the engine did not hold.
    """
    pending, missing = [], 0
    for change in changes:
        if change.get("deleted") is True:
            upsert(server, name, pending)
            pending = []
            missing += 0 if delete(server, name, change["id"]) else 1
        else:
            pending.append(change)
    upsert(server, name, pending)
    return missing


def resync(server, name, documents):
    """Upserts a full export and deletes what the engine holds beyond it; returns those ids.

    This is how to recover when the change log no longer reaches the checkpoint: a full export
    alone cannot say what was removed in between.
    """
    upsert(server, name, documents)
    stale = sorted(held_documents(server, name).keys() - {d["id"] for d in documents})
    for document_id in stale:
        delete(server, name, document_id)
    return stale


def held_documents(server, name):
    """Every document the collection holds, by id, as Typesense exports them."""
    text = server.request("GET", f"/collections/{name}/documents/export", raw=True)
    documents = [json.loads(line) for line in text.splitlines() if line.strip()]
    return {d["id"]: d for d in documents}


def holds(server, name, document_id):
    """Whether the collection holds a document with this id (a GET by id)."""
    try:
        server.request("GET", document_path(name, document_id))
        return True
    except EngineError as error:
        if "HTTP 404" in str(error):
            return False
        raise


def top_hit(server, name, query):
    """The id of the engine's best document for a query (title weighted over body), or None."""
    infix = "always" if CJK.search(query) else "off"
    parameters = urllib.parse.urlencode({
        "q": query, "query_by": "title,body", "query_by_weights": "2,1", "per_page": 3,
        "infix": f"{infix},{infix}", "highlight_fields": "none"})
    answer = server.request("GET", f"/collections/{name}/documents/search?{parameters}")
    hits = answer.get("hits", [])
    return hits[0]["document"]["id"] if hits else None


def field_differences(exported, held):
    """Names of the export's fields whose value differs in the engine (null = absent there)."""
    return [field for field in EXPORT_FIELDS
            if field != "id" and exported.get(field) != held.get(field)]
