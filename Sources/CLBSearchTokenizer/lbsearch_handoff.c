/* Preparing documents off the writer (lbsearch_handoff.h): tokens encoded as
** lbsearch_handoff_private.h describes, by the lbsearch tokenizer on a private in-memory
** connection. Not part of the loadable extension, which only replays (it never arms a hand-off). */
#include <sqlite3.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include "lbsearch_fts5_api.h"
#include "lbsearch_handoff.h"
#include "lbsearch_handoff_private.h"
#include "lbsearch_text.h"
#include "lbsearch_tokenizer.h"

struct lbsearch_pretokenizer {
    sqlite3 *db;
    fts5_tokenizer methods;
    Fts5Tokenizer *instance;
};

lbsearch_pretokenizer *lbsearch_pretokenizer_new(void) {
    lbsearch_pretokenizer *pretokenizer = calloc(1, sizeof *pretokenizer);
    if (!pretokenizer) return NULL;
    void *context = NULL;
    fts5_api *api = NULL;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(":memory:", &pretokenizer->db, flags, NULL);
    if (rc == SQLITE_OK) api = fts5Api(pretokenizer->db);
    if (!api) rc = SQLITE_ERROR;
    if (rc == SQLITE_OK) rc = lbsearch_tokenizer_register(api);
    if (rc == SQLITE_OK) rc = api->xFindTokenizer(api, LBSEARCH_TOKENIZER_NAME, &context, &pretokenizer->methods);
    if (rc == SQLITE_OK) rc = pretokenizer->methods.xCreate(context, NULL, 0, &pretokenizer->instance);
    if (rc != SQLITE_OK) {
        lbsearch_pretokenizer_free(pretokenizer);
        return NULL;
    }
    return pretokenizer;
}

void lbsearch_pretokenizer_free(lbsearch_pretokenizer *pretokenizer) {
    if (!pretokenizer) return;
    if (pretokenizer->instance) pretokenizer->methods.xDelete(pretokenizer->instance);
    sqlite3_close(pretokenizer->db);
    free(pretokenizer);
}

/* A growing buffer of encoded tokens; `failed` once out of memory. */
typedef struct Encoder {
    unsigned char *bytes;
    size_t length, capacity;
    long lastStart;
    int failed;
    /* The text tokenized, for tokens that are a slice of it (LBSEARCH_TOKEN_SLICE). */
    const char *text;
    size_t textLength;
} Encoder;

static int reserve(Encoder *encoder, size_t more) {
    if (encoder->length + more <= encoder->capacity) return 1;
    size_t capacity = encoder->capacity ? encoder->capacity : 256;
    while (capacity < encoder->length + more) capacity *= 2;
    unsigned char *larger = realloc(encoder->bytes, capacity);
    if (!larger) return 0;
    encoder->bytes = larger;
    encoder->capacity = capacity;
    return 1;
}

static void writeVarint(Encoder *encoder, size_t value) {
    do {
        unsigned char byte = value & 0x7F;
        value >>= 7;
        encoder->bytes[encoder->length++] = byte | (value ? 0x80 : 0);
    } while (value);
}

static size_t zigzag(long value) {
    return value < 0 ? ((size_t)(-(value + 1)) << 1) | 1 : (size_t)value << 1;
}

static int encodeToken(void *pEncoder, int flags, const char *token, int length, int start, int end) {
    Encoder *encoder = pEncoder;
    /* A varint of a size_t takes at most 10 bytes. */
    if (length < 0 || !reserve(encoder, 1 + 30 + (size_t)length)) {
        encoder->failed = 1;
        return SQLITE_NOMEM;
    }
    int slice = encoder->text && start >= 0 && end - start == length && (size_t)end <= encoder->textLength &&
                memcmp(encoder->text + start, token, (size_t)length) == 0;
    encoder->bytes[encoder->length++] = (unsigned char)(flags | (slice ? LBSEARCH_TOKEN_SLICE : 0));
    writeVarint(encoder, (size_t)length);
    if (!slice) {
        memcpy(encoder->bytes + encoder->length, token, (size_t)length);
        encoder->length += (size_t)length;
    }
    writeVarint(encoder, zigzag((long)start - encoder->lastStart));
    if (!slice) writeVarint(encoder, zigzag((long)end - (long)start));
    encoder->lastStart = start;
    return SQLITE_OK;
}

/* Copies `text` into `out` and encodes its tokens; 0 when out of memory or the tokenizer failed. */
static int prepareText(lbsearch_pretokenizer *pretokenizer, const char *text, size_t length, lbsearch_tokens *out) {
    if (length > 0x7FFFFFFF) return 0;
    out->text = malloc(length + 1);
    if (!out->text) return 0;
    memcpy(out->text, text, length);
    out->text[length] = 0;
    out->textLength = length;
    Encoder encoder = {0};
    encoder.text = out->text;
    encoder.textLength = length;
    int rc = lbsearch_tokenize_document(pretokenizer->instance, &encoder, out->text, (int)length, encodeToken);
    /* Held until the writer inserts the document: no room to spare. */
    unsigned char *fitted = encoder.length ? realloc(encoder.bytes, encoder.length) : NULL;
    out->tokens = fitted ? fitted : encoder.bytes;
    out->tokensLength = encoder.length;
    return rc == SQLITE_OK && !encoder.failed;
}

lbsearch_prepared *lbsearch_prepare(lbsearch_pretokenizer *pretokenizer, const char *title, size_t titleLength,
                                    const char *body, size_t bodyLength, const lbsearch_codec *codec) {
    lbsearch_prepared *prepared = calloc(1, sizeof *prepared);
    if (!prepared) return NULL;
    int ok = prepareText(pretokenizer, title, titleLength, &prepared->title) &&
             prepareText(pretokenizer, body, bodyLength, &prepared->body);
    if (ok) prepared->compressed = lbsearch_codec_compress(codec, body, bodyLength, &prepared->compressedLength);
    if (!ok || !prepared->compressed) {
        lbsearch_prepared_free(prepared);
        return NULL;
    }
    return prepared;
}

const unsigned char *lbsearch_prepared_compressed(const lbsearch_prepared *prepared, size_t *length) {
    *length = prepared->compressedLength;
    return prepared->compressed;
}

static void freeTokens(lbsearch_tokens *tokens) {
    free(tokens->text);
    free(tokens->tokens);
}

void lbsearch_prepared_release(lbsearch_prepared *prepared) {
    freeTokens(&prepared->title);
    freeTokens(&prepared->body);
    memset(&prepared->title, 0, sizeof prepared->title);
    memset(&prepared->body, 0, sizeof prepared->body);
    prepared->released = 1;
}

void lbsearch_prepared_free(lbsearch_prepared *prepared) {
    if (!prepared) return;
    freeTokens(&prepared->title);
    freeTokens(&prepared->body);
    free(prepared->compressed);
    free(prepared);
}

/* lbsearch_handoff_check: the tokens the tokenizer gave, compared one by one with a replay. */
typedef struct Expected {
    Encoder direct;
    size_t at, count, matched;
    int differs;
} Expected;

static int countToken(void *pExpected, int flags, const char *token, int length, int start, int end) {
    Expected *expected = pExpected;
    expected->count++;
    return encodeToken(&expected->direct, flags, token, length, start, end);
}

static int compareToken(void *pExpected, int flags, const char *token, int length, int start, int end) {
    Expected *expected = pExpected;
    Encoder replayed = {0};
    replayed.lastStart = expected->direct.lastStart;
    replayed.text = expected->direct.text;
    replayed.textLength = expected->direct.textLength;
    if (encodeToken(&replayed, flags, token, length, start, end) != SQLITE_OK) return SQLITE_NOMEM;
    const unsigned char *direct = expected->direct.bytes + expected->at;
    int same = expected->at + replayed.length <= expected->direct.length &&
               memcmp(direct, replayed.bytes, replayed.length) == 0;
    free(replayed.bytes);
    if (!same) {
        expected->differs = 1;
        return SQLITE_ERROR;
    }
    expected->at += replayed.length;
    expected->direct.lastStart = start;
    expected->matched++;
    return SQLITE_OK;
}

int lbsearch_handoff_check(lbsearch_pretokenizer *pretokenizer, const char *text, size_t length) {
    Expected expected = {0};
    expected.direct.text = text;
    expected.direct.textLength = length;
    int rc = pretokenizer->methods.xTokenize(pretokenizer->instance, &expected, FTS5_TOKENIZE_DOCUMENT, text,
                                             (int)length, countToken);
    lbsearch_prepared *prepared = lbsearch_prepare(pretokenizer, "", 0, text, length, NULL);
    int same = rc == SQLITE_OK && prepared != NULL;
    if (same) {
        /* Replayed through the tokenizer's own xTokenize, as FTS5 calls it while the writer's
        ** hand-off is armed on documents_fts(body, title): the text (the body) first, then the
        ** title (empty, no token to compare). */
        expected.direct.lastStart = 0;
        lbsearch_handoff_begin(&prepared, 1, 1);
        rc = pretokenizer->methods.xTokenize(pretokenizer->instance, &expected, FTS5_TOKENIZE_DOCUMENT, text,
                                             (int)length, compareToken);
        if (rc == SQLITE_OK)
            rc = pretokenizer->methods.xTokenize(pretokenizer->instance, &expected, FTS5_TOKENIZE_DOCUMENT, "", 0,
                                                 compareToken);
        size_t replayed = lbsearch_handoff_end();
        same = rc == SQLITE_OK && replayed == 2 && !expected.differs && expected.matched == expected.count &&
               expected.at == expected.direct.length;
    }
    lbsearch_prepared_free(prepared);
    free(expected.direct.bytes);
    return same;
}

void lbsearch_limit_malloc_arenas(int count) {
#ifdef __GLIBC__
    mallopt(M_ARENA_MAX, count);
#else
    (void)count;
#endif
}
