/* The "lbsearch" FTS5 tokenizer (SQLite FTS5 documentation, section 7.1 "Custom Tokenizers").
**
** Text without CJK characters or width forms goes to "porter unicode61 remove_diacritics 2"
** untouched, so English indexes exactly as with that tokenizer. Other text is width-folded
** into a scratch buffer with a map back to the original offsets, then split into runs:
**
** - a CJK run (see lbsearch_is_cjk) of one character is one token; a longer run gives its
**   overlapping bigrams (CJKBigramFilter in Lucene, cjk_bigram in Elasticsearch). At document
**   time its last character is also a token, at the position of the last bigram
**   (FTS5_TOKEN_COLOCATED), so a character that only ends a run can be found on its own;
**   queries leave it out, so a quoted word is exactly the phrase of its bigrams;
** - anything else goes to the porter tokenizer, its offsets mapped back to the original. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "lbsearch_handoff.h"
#include "lbsearch_handoff_private.h"
#include "lbsearch_tokenizer.h"
#include "lbsearch_utf8.h"

typedef int (*TokenCallback)(void *, int, const char *, int, int, int);

/* One tokenizer instance: the porter tokenizer it forwards to. */
typedef struct Tokenizer {
    fts5_tokenizer porter;
    Fts5Tokenizer *porterInstance;
} Tokenizer;

/* The offset in the original text of byte `at` of the folded text (`map` NULL: unchanged). */
static inline int original(const int *map, size_t at) {
    return map ? map[at] : (int)at;
}

/* A porter call over a slice of the folded text, whose offsets are mapped back. */
typedef struct Forward {
    void *context;
    TokenCallback callback;
    const int *map;
    int base;
} Forward;

static int forwardToken(void *pForward, int flags, const char *token, int length, int start, int end) {
    Forward *forward = (Forward *)pForward;
    size_t base = (size_t)forward->base;
    return forward->callback(forward->context, flags, token, length, original(forward->map, base + (size_t)start),
                             original(forward->map, base + (size_t)end));
}

static void destroy(Fts5Tokenizer *pTokenizer) {
    Tokenizer *tokenizer = (Tokenizer *)pTokenizer;
    if (!tokenizer) return;
    if (tokenizer->porterInstance) tokenizer->porter.xDelete(tokenizer->porterInstance);
    free(tokenizer);
}

static int create(void *pApi, const char **arguments, int count, Fts5Tokenizer **out) {
    static const char *porterArguments[] = {"unicode61", "remove_diacritics", "2"};
    fts5_api *api = (fts5_api *)pApi;
    void *porterContext = NULL;
    (void)arguments;
    *out = NULL;
    if (count != 0) return SQLITE_ERROR;
    Tokenizer *tokenizer = calloc(1, sizeof(Tokenizer));
    if (!tokenizer) return SQLITE_NOMEM;
    int rc = api->xFindTokenizer(api, "porter", &porterContext, &tokenizer->porter);
    if (rc == SQLITE_OK) rc = tokenizer->porter.xCreate(porterContext, porterArguments, 3, &tokenizer->porterInstance);
    if (rc != SQLITE_OK) {
        destroy((Fts5Tokenizer *)tokenizer);
        return rc;
    }
    *out = (Fts5Tokenizer *)tokenizer;
    return SQLITE_OK;
}

/* What `text` holds: NEEDS_FOLDING when a form that folding changes, HAS_CJK when a CJK
** character (before folding; half-width katakana count as both). 0: plain porter text. */
enum { HAS_CJK = 1, NEEDS_FOLDING = 2 };
static int analyse(const unsigned char *text, size_t length) {
    size_t at = 0;
    int found = 0;
    while (at < length && found != (HAS_CJK | NEEDS_FOLDING)) {
        if (text[at] < 0xE1) { at++; continue; }
        uint32_t c = lbsearch_utf8_decode(text, length, &at);
        if (c == 0x3000 || (c >= 0xFF01 && c <= 0xFFEE)) found |= NEEDS_FOLDING;
        if (lbsearch_is_cjk(c) || (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0xFFA0 && c <= 0xFFDC)) found |= HAS_CJK;
    }
    return found;
}

/* Emits the tokens of one CJK run: `starts` holds the byte offset (in `folded`) of each of
** its `count` characters plus the offset just past the run. */
static int emitRun(const char *folded, const int *map, const int *starts, size_t count, int flags,
                   void *context, TokenCallback callback) {
    if (count == 1) {
        return callback(context, 0, folded + starts[0], starts[1] - starts[0], original(map, (size_t)starts[0]),
                        original(map, (size_t)starts[1]));
    }
    for (size_t i = 0; i + 1 < count; i++) {
        int from = starts[i], to = starts[i + 2];
        int rc = callback(context, 0, folded + from, to - from, original(map, (size_t)from), original(map, (size_t)to));
        if (rc != SQLITE_OK) return rc;
    }
    if (flags & FTS5_TOKENIZE_QUERY) return SQLITE_OK;
    int from = starts[count - 1], to = starts[count];
    return callback(context, FTS5_TOKEN_COLOCATED, folded + from, to - from, original(map, (size_t)from),
                    original(map, (size_t)to));
}

/* 0 when `c` can never be part of a porter token: ASCII other than letters and digits, CJK
** symbols and punctuation (U+3000..U+303F), general punctuation, the katakana middle dot. A
** segment of only such characters (。「」、 between CJK runs) is not worth a porter call. */
static int mayBeWord(uint32_t c) {
    if (c < 0x80) return (c | 0x20) - 'a' < 26 || c - '0' < 10;
    return !((c >= 0x3000 && c <= 0x303F) || (c >= 0x2000 && c <= 0x206F) || c == 0x30FB);
}

/* Sends folded[from..<to] through porter, unless it holds nothing porter would keep. */
static int tokenizeOther(Tokenizer *tokenizer, Forward *forward, int flags, const char *folded, size_t from, size_t to,
                         int hasWord) {
    if (to <= from || !hasWord) return SQLITE_OK;
    forward->base = (int)from;
    return tokenizer->porter.xTokenize(tokenizer->porterInstance, forward, flags, folded + from, (int)(to - from),
                                       forwardToken);
}

/* Tokenizes folded text: CJK runs here, the rest through porter. */
static int tokenizeFolded(Tokenizer *tokenizer, void *context, int flags, const char *folded, size_t length,
                          const int *map, TokenCallback callback) {
    /* A CJK character takes at least 3 bytes of UTF-8, so a run has at most length / 3 of them. */
    int *starts = malloc((length / 3 + 2) * sizeof(int));
    if (!starts) return SQLITE_NOMEM;
    Forward forward = {context, callback, map, 0};
    size_t at = 0, other = 0, runLength = 0;
    int rc = SQLITE_OK, hasWord = 0;
    while (rc == SQLITE_OK && at <= length) {
        size_t start = at;
        uint32_t c = at < length ? lbsearch_utf8_decode((const unsigned char *)folded, length, &at) : 0;
        int cjk = at > start && lbsearch_is_cjk(c);
        if (cjk && runLength == 0) rc = tokenizeOther(tokenizer, &forward, flags, folded, other, start, hasWord);
        if (cjk) {
            starts[runLength++] = (int)start;
        } else if (runLength > 0) {
            starts[runLength] = (int)start;
            if (rc == SQLITE_OK) rc = emitRun(folded, map, starts, runLength, flags, context, callback);
            runLength = 0;
            other = start;
            hasWord = 0;
        }
        if (at == start) {
            if (rc == SQLITE_OK) rc = tokenizeOther(tokenizer, &forward, flags, folded, other, start, hasWord);
            break;
        }
        if (!cjk && !hasWord) hasWord = mayBeWord(c);
    }
    free(starts);
    return rc;
}

static int tokenizeText(Tokenizer *tokenizer, void *context, int flags, const char *text, int length,
                        TokenCallback callback) {
    int found = length > 0 ? analyse((const unsigned char *)text, (size_t)length) : 0;
    if (!found) return tokenizer->porter.xTokenize(tokenizer->porterInstance, context, flags, text, length, callback);
    if (!(found & NEEDS_FOLDING)) return tokenizeFolded(tokenizer, context, flags, text, (size_t)length, NULL, callback);
    char *folded = malloc((size_t)length + 1);
    int *map = malloc(((size_t)length + 1) * sizeof(int));
    int rc = SQLITE_NOMEM;
    if (folded && map) {
        size_t foldedLength = lbsearch_fold(text, (size_t)length, folded, map);
        rc = tokenizeFolded(tokenizer, context, flags, folded, foldedLength, map, callback);
    }
    free(folded);
    free(map);
    return rc;
}

/* The xTokenize method: a document text the armed hand-off prepared replays its tokens. */
static int tokenize(Fts5Tokenizer *pTokenizer, void *context, int flags, const char *text, int length,
                    TokenCallback callback) {
    if (flags == FTS5_TOKENIZE_DOCUMENT && length >= 0) {
        const lbsearch_tokens *prepared = lbsearch_handoff_tokens(text, (size_t)length);
        if (prepared) return lbsearch_tokens_replay(prepared, context, callback);
    }
    return tokenizeText((Tokenizer *)pTokenizer, context, flags, text, length, callback);
}

int lbsearch_tokenize_document(void *tokenizer, void *context, const char *text, int length,
                               lbsearch_token_callback callback) {
    return tokenizeText((Tokenizer *)tokenizer, context, FTS5_TOKENIZE_DOCUMENT, text, length, callback);
}

/* The hand-off armed on this thread (lbsearch_handoff.h): the documents of one INSERT, the next
** text expected (2 × document, + 1 for its second column), the next body lbsearch_inflate
** expects, and whether a document's body comes before its title (its column order). */
static _Thread_local struct {
    lbsearch_prepared *const *documents;
    size_t count;
    size_t nextText;
    size_t nextBody;
    size_t replayed;
    int bodyFirst;
} handoff;

void lbsearch_handoff_begin(lbsearch_prepared *const *documents, size_t count, int bodyFirst) {
    handoff.documents = documents;
    handoff.count = documents ? count : 0;
    handoff.nextText = 0;
    handoff.nextBody = 0;
    handoff.replayed = 0;
    handoff.bodyFirst = bodyFirst ? 1 : 0;
}

size_t lbsearch_handoff_end(void) {
    size_t replayed = handoff.replayed;
    lbsearch_handoff_begin(NULL, 0, 0);
    return replayed;
}

static int sameText(const lbsearch_tokens *tokens, const char *text, size_t length) {
    return tokens->textLength == length && (length == 0 || memcmp(tokens->text, text, length) == 0);
}

const lbsearch_tokens *lbsearch_handoff_tokens(const char *text, size_t length) {
    /* The text expected, or one of the two after it (when FTS5 skipped one, the cursor catches up). */
    for (size_t slot = handoff.nextText; slot < handoff.nextText + 3 && slot < 2 * handoff.count; slot++) {
        const lbsearch_prepared *document = handoff.documents[slot / 2];
        if (document->released) continue;
        /* Slot 2d is document d's first column, 2d + 1 its second. */
        const lbsearch_tokens *tokens = (slot % 2) ^ (size_t)handoff.bodyFirst ? &document->body : &document->title;
        if (sameText(tokens, text, length)) {
            /* A document's second text met before its first: an UPDATE's trigger tokenizes the
            ** old texts and then the new ones, and a second column left unchanged (the title,
            ** body first) matches among the old ones. The cursor stays on the first text, which
            ** may still come; the second matches again after it. */
            handoff.nextText = slot % 2 && slot == handoff.nextText + 1 ? slot - 1 : slot + 1;
            handoff.replayed++;
            return tokens;
        }
    }
    return NULL;
}

const lbsearch_tokens *lbsearch_handoff_body(const void *data, size_t length) {
    for (size_t at = handoff.nextBody; at < handoff.nextBody + 2 && at < handoff.count; at++) {
        const lbsearch_prepared *document = handoff.documents[at];
        if (!document->released && document->compressedLength == length &&
            (length == 0 || memcmp(document->compressed, data, length) == 0)) {
            handoff.nextBody = at + 1;
            return &document->body;
        }
    }
    return NULL;
}

static size_t readVarint(const unsigned char *bytes, size_t *at) {
    size_t value = 0;
    for (int shift = 0;; shift += 7) {
        unsigned char byte = bytes[(*at)++];
        value |= (size_t)(byte & 0x7F) << shift;
        if (!(byte & 0x80)) return value;
    }
}

static long unzigzag(size_t value) {
    return (long)(value >> 1) ^ -(long)(value & 1);
}

int lbsearch_tokens_replay(const lbsearch_tokens *tokens, void *context, lbsearch_token_callback callback) {
    const unsigned char *bytes = tokens->tokens;
    size_t at = 0;
    long start = 0;
    while (at < tokens->tokensLength) {
        int flags = bytes[at++];
        int slice = flags & LBSEARCH_TOKEN_SLICE;
        size_t length = readVarint(bytes, &at);
        const char *token = (const char *)bytes + at;
        if (!slice) at += length;
        start += unzigzag(readVarint(bytes, &at));
        long end = slice ? start + (long)length : start + unzigzag(readVarint(bytes, &at));
        if (slice) token = tokens->text + start;
        int rc = callback(context, flags & ~LBSEARCH_TOKEN_SLICE, token, (int)length, (int)start, (int)end);
        if (rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
}

int lbsearch_tokenizer_register(void *fts5api) {
    fts5_api *api = (fts5_api *)fts5api;
    if (!api || api->iVersion < 2) return SQLITE_ERROR;
    fts5_tokenizer methods = {create, destroy, tokenize};
    return api->xCreateTokenizer(api, LBSEARCH_TOKENIZER_NAME, api, &methods, NULL);
}
