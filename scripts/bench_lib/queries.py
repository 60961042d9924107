"""The query workload's queries, made from the corpus text with a seed."""

import collections
import csv
import random
import re
import sys

# Wikipedia articles pass the csv module's default field limit of 128 KiB.
csv.field_size_limit(sys.maxsize)

WORD = re.compile(r"[a-z0-9]+")
# Shares of the workload (they add up to 1): very common words, 1-4 words of one document,
# 2-3 word phrases, prefixes (alone or with a word).
SHARES = [("common", 0.10), ("words", 0.45), ("phrase", 0.25), ("prefix", 0.20)]


class Query:
    """One query: its kind, as a user types it, as an FTS5 MATCH, and the strings rg looks for."""

    def __init__(self, kind, typed, match, patterns):
        self.kind, self.typed, self.match, self.patterns = kind, typed, match, patterns


def sample_documents(csv_path, documents, seed, size=2000):
    """Token lists of `size` documents chosen with `seed` (English words only)."""
    rng = random.Random(seed)
    chosen = set(rng.sample(range(documents), min(size, documents)))
    sample = []
    with open(csv_path, newline="", encoding="utf-8") as file:
        for number, (title, body) in enumerate(csv.reader(file)):
            if number in chosen:
                tokens = WORD.findall(f"{title} {body}".lower())
                if len(tokens) >= 20:
                    sample.append(tokens)
    return sample


def make_queries(csv_path, documents, count, seed):
    """`count` queries of every kind in SHARES, deterministic for a corpus and seed."""
    sample = sample_documents(csv_path, documents, seed)
    frequency = collections.Counter(token for tokens in sample for token in set(tokens))
    # Ties by word: the commonest words are in every sampled document, and most_common() would
    # keep the order a set of strings gave them, which Python's string hashing changes from run
    # to run (the pairs of very common words differed between runs of one seed).
    ranked = sorted(frequency, key=lambda word: (-frequency[word], word))
    common, stop = ranked[:10], set(ranked[:50])
    rng = random.Random(seed)
    sizes = {kind: round(count * share) for kind, share in SHARES}
    sizes["words"] += count - sum(sizes.values())  # rounding's remainder
    queries = []
    for kind, _ in SHARES:
        for _ in range(max(0, sizes[kind])):
            tokens = rng.choice(sample)
            queries.append(MAKERS[kind](rng, tokens, common, stop))
    return queries[:count]


def spread_sample(queries, count, seed):
    """Indices of `count` of `queries`, sorted: each kind's share as in the workload (largest
    remainders first, at least one of each kind when `count` allows), chosen within a kind with
    `seed`. rg reads every byte for each query, so on a large corpus it runs on such a sample."""
    by_kind = {}
    for number, query in enumerate(queries):
        by_kind.setdefault(query.kind, []).append(number)
    count = max(0, min(count, len(queries)))
    if count == len(queries):
        return list(range(count))
    exact = {kind: count * len(numbers) / len(queries) for kind, numbers in by_kind.items()}
    sizes = {kind: int(share) for kind, share in exact.items()}
    if count >= len(by_kind):
        sizes = {kind: max(1, size) for kind, size in sizes.items()}
    by_remainder = sorted(by_kind, key=lambda kind: (sizes[kind] - exact[kind], kind))
    for kind in by_remainder:
        if sum(sizes.values()) >= count:
            break
        sizes[kind] += 1
    for kind in sorted(by_kind, key=lambda kind: (-sizes[kind], kind)):
        if sum(sizes.values()) <= count:
            break
        sizes[kind] -= 1
    rng = random.Random(seed)
    chosen = [n for kind in by_kind for n in rng.sample(by_kind[kind], sizes[kind])]
    return sorted(chosen)


def content_words(tokens, stop):
    return [t for t in tokens if t not in stop and len(t) >= 3 and not t.isdigit()]


def make_common(rng, tokens, common, stop):
    words = rng.sample(common, rng.randint(1, 2))
    return Query("common", " ".join(words), " ".join(f'"{w}"' for w in words), words)


def make_words(rng, tokens, common, stop):
    candidates = content_words(tokens, stop) or tokens
    words = list(dict.fromkeys(rng.choice(candidates) for _ in range(rng.randint(1, 4))))
    return Query("words", " ".join(words), " ".join(f'"{w}"' for w in words), words)


def make_phrase(rng, tokens, common, stop):
    size = rng.randint(2, 3)
    for _ in range(50):
        start = rng.randrange(len(tokens) - size)
        words = tokens[start:start + size]
        if any(w not in stop for w in words):
            break
    phrase = " ".join(words)
    return Query("phrase", f'"{phrase}"', f'"{phrase}"', [phrase])


def make_prefix(rng, tokens, common, stop):
    long_words = [t for t in content_words(tokens, stop) if len(t) >= 6] or ["report"]
    stem = rng.choice(long_words)[: rng.randint(4, 5)]
    words = [f"{stem}*"]
    match, patterns = [f'"{stem}"*'], [stem]
    if rng.random() < 0.5:
        other = rng.choice(content_words(tokens, stop) or tokens)
        words.append(other)
        match.append(f'"{other}"')
        patterns.append(other)
    return Query("prefix", " ".join(words), " ".join(match), patterns)


MAKERS = {"common": make_common, "words": make_words, "phrase": make_phrase,
          "prefix": make_prefix}


def save(queries, path):
    """Writes the queries as TSV: kind, typed, FTS5 MATCH."""
    with open(path, "w", encoding="utf-8") as out:
        out.write("kind\tquery\tfts5_match\n")
        for query in queries:
            out.write(f"{query.kind}\t{query.typed}\t{query.match}\n")
