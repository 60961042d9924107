/* Stored bodies: raw deflate, and the SQL functions that read and write it (lbsearch_text.h).
**
** This file, unlike the tokenizer, calls sqlite3_* functions: built with LBSEARCH_EXTENSION
** defined (scripts/build-extension) it calls them through the extension's routines table
** (SQLite documentation, "Run-Time Loadable Extensions", section 5), else directly. */
#ifdef LBSEARCH_EXTENSION
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#else
#include <sqlite3.h>
#endif

#include <pthread.h>
#include <stdlib.h>
#include <zlib.h>

#include "lbsearch_dictionary.h"
#include "lbsearch_handoff_private.h"
#include "lbsearch_text.h"

/* zlib's largest window, without a header: negative windowBits means raw deflate (zlib manual,
** deflateInit2). */
#define RAW_DEFLATE_WINDOW (-15)
/* The level the SQL function lbsearch_deflate uses, as StoredText.level (see there). */
#define SQL_DEFLATE_LEVEL 5
/* The preset dictionary, without its final NUL (lbsearch_dictionary.h). */
#define DICTIONARY_LENGTH (sizeof lbsearch_dictionary - 1)

/* A stream at `level` with the dictionary set, ready for its first input; Z_OK or zlib's error. */
static int startDeflate(z_stream *stream, int level) {
    int result = deflateInit2(stream, level, Z_DEFLATED, RAW_DEFLATE_WINDOW, 8, Z_DEFAULT_STRATEGY);
    if (result != Z_OK) return result;
    result = deflateSetDictionary(stream, (const Bytef *)lbsearch_dictionary, DICTIONARY_LENGTH);
    if (result != Z_OK) deflateEnd(stream);
    return result;
}

/* Setting the 32 KB dictionary hashes all of it, several times the work of compressing a
** document of a few kilobytes. Each level's stream is set up once, when first used, and every
** body starts from a copy of it (deflateCopy): the same state, so the same bytes, at a fraction
** of the cost. A template is only read once made (state 1; -1 when it could not be), by any
** number of threads. */
#define LEVELS 10
static z_stream templates[LEVELS];
static int templateState[LEVELS];
static pthread_mutex_t templateLock = PTHREAD_MUTEX_INITIALIZER;

/* The template of `level`, made on first use; NULL when zlib could not make it. */
static z_stream *sharedTemplate(int level) {
    int state = __atomic_load_n(&templateState[level], __ATOMIC_ACQUIRE);
    if (state == 0) {
        pthread_mutex_lock(&templateLock);
        state = templateState[level];
        if (state == 0) {
            state = startDeflate(&templates[level], level) == Z_OK ? 1 : -1;
            __atomic_store_n(&templateState[level], state, __ATOMIC_RELEASE);
        }
        pthread_mutex_unlock(&templateLock);
    }
    return state == 1 ? &templates[level] : NULL;
}

/* `stream` as a copy of the template of `level` (0-9, or Z_DEFAULT_COMPRESSION); Z_OK, or an
** error for a level out of range. */
static int copyTemplate(z_stream *stream, int level) {
    if (level == Z_DEFAULT_COMPRESSION) level = 6; /* zlib's default (zlib manual, deflateInit) */
    if (level < 0 || level >= LEVELS) return Z_STREAM_ERROR;
    z_stream *template = sharedTemplate(level);
    return template ? deflateCopy(stream, template) : Z_MEM_ERROR;
}

/* Compresses all of `data` with `stream` (started, dictionary set) and ends it. */
static unsigned char *deflateAll(z_stream *stream, const void *data, size_t length, size_t *out_length) {
    uLong bound = deflateBound(stream, (uLong)length);
    unsigned char *out = malloc(bound);
    if (!out) {
        deflateEnd(stream);
        return NULL;
    }
    stream->next_in = (Bytef *)data;
    stream->avail_in = (uInt)length;
    stream->next_out = out;
    stream->avail_out = (uInt)bound;
    int result = deflate(stream, Z_FINISH);
    *out_length = stream->total_out;
    deflateEnd(stream);
    if (result != Z_STREAM_END) {
        free(out);
        return NULL;
    }
    return out;
}

unsigned char *lbsearch_deflate(const void *data, size_t length, int level, size_t *out_length) {
    z_stream stream = {0};
    if (copyTemplate(&stream, level) != Z_OK) return NULL;
    return deflateAll(&stream, data, length, out_length);
}

unsigned char *lbsearch_deflate_unshared(const void *data, size_t length, int level, size_t *out_length) {
    z_stream stream = {0};
    if (startDeflate(&stream, level) != Z_OK) return NULL;
    return deflateAll(&stream, data, length, out_length);
}

char *lbsearch_inflate(const void *data, size_t length, size_t *out_length) {
    z_stream stream = {0};
    size_t capacity = length * 4 + 256;
    char *out = malloc(capacity);
    if (!out) return NULL;
    *out_length = 0;
    if (length == 0) return out;
    /* Bodies stored before the dictionary ("v5") never refer to it: it reads them unchanged. */
    if (inflateInit2(&stream, RAW_DEFLATE_WINDOW) != Z_OK) {
        free(out);
        return NULL;
    }
    if (inflateSetDictionary(&stream, (const Bytef *)lbsearch_dictionary, DICTIONARY_LENGTH) != Z_OK) {
        inflateEnd(&stream);
        free(out);
        return NULL;
    }
    stream.next_in = (Bytef *)data;
    stream.avail_in = (uInt)length;
    for (;;) {
        stream.next_out = (Bytef *)out + stream.total_out;
        stream.avail_out = (uInt)(capacity - stream.total_out);
        int result = inflate(&stream, Z_NO_FLUSH);
        if (result == Z_STREAM_END) break;
        char *larger = NULL;
        if ((result == Z_OK || result == Z_BUF_ERROR) && stream.avail_out == 0)
            larger = realloc(out, capacity * 2);
        if (!larger) {
            /* Damaged or truncated data (no progress with room left), or out of memory. */
            inflateEnd(&stream);
            free(out);
            return NULL;
        }
        out = larger;
        capacity *= 2;
    }
    *out_length = stream.total_out;
    inflateEnd(&stream);
    return out;
}

/* lbsearch_inflate(blob): the text; NULL for NULL; an error for damaged data. */
static void inflateFunction(sqlite3_context *context, int count, sqlite3_value **values) {
    (void)count;
    if (sqlite3_value_type(values[0]) == SQLITE_NULL) return;
    const void *data = sqlite3_value_blob(values[0]);
    size_t length = (size_t)sqlite3_value_bytes(values[0]);
    /* A body the writer prepared (lbsearch_handoff.h): its text is in hand. */
    const lbsearch_tokens *prepared = lbsearch_handoff_body(data, length);
    if (prepared) {
        sqlite3_result_text64(context, prepared->text, prepared->textLength, SQLITE_TRANSIENT, SQLITE_UTF8);
        return;
    }
    size_t textLength = 0;
    char *text = lbsearch_inflate(data, length, &textLength);
    if (!text) {
        sqlite3_result_error(context, "lbsearch_inflate: damaged stored text", -1);
        return;
    }
    sqlite3_result_text64(context, text, textLength, free, SQLITE_UTF8);
}

/* lbsearch_deflate(text): the compressed blob; NULL for NULL. */
static void deflateFunction(sqlite3_context *context, int count, sqlite3_value **values) {
    (void)count;
    if (sqlite3_value_type(values[0]) == SQLITE_NULL) return;
    const void *text = sqlite3_value_text(values[0]);
    size_t length = (size_t)sqlite3_value_bytes(values[0]);
    size_t dataLength = 0;
    unsigned char *data = lbsearch_deflate(text, length, SQL_DEFLATE_LEVEL, &dataLength);
    if (!data) {
        sqlite3_result_error_nomem(context);
        return;
    }
    sqlite3_result_blob64(context, data, dataLength, free);
}

int lbsearch_text_register(void *handle) {
    sqlite3 *db = handle;
    /* Deterministic and innocuous: usable in the view and triggers of the schema even with
    ** trusted_schema off (SQLite documentation, "Function Flags"). */
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    int result =
        sqlite3_create_function_v2(db, "lbsearch_inflate", 1, flags, NULL, inflateFunction, NULL, NULL, NULL);
    if (result != SQLITE_OK) return result;
    return sqlite3_create_function_v2(db, "lbsearch_deflate", 1, flags, NULL, deflateFunction, NULL, NULL, NULL);
}
