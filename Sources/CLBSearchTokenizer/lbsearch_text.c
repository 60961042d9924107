/* Stored bodies: zstd frames (raw deflate before schema "v10"), and the SQL functions that read
** and write them (lbsearch_text.h).
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
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "lbsearch_dictionary.h"
#include "lbsearch_handoff_private.h"
#include "lbsearch_text.h"
#include "lbsearch_text_private.h"

/* zlib's largest window, without a header: negative windowBits means raw deflate (zlib manual,
** deflateInit2). */
#define RAW_DEFLATE_WINDOW (-15)
/* The level the SQL function lbsearch_deflate uses: StoredText's zlib level before "v10", which
** the shipped migrations "v5" and "v8" still write with. */
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

/* The text of the raw deflate stream `data`, as lbsearch_inflate. */
static char *inflateDeflate(const void *data, size_t length, size_t *out_length) {
    z_stream stream = {0};
    size_t capacity = length * 4 + 256;
    char *out = malloc(capacity);
    if (!out) return NULL;
    *out_length = 0;
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

/* zstd: every body is one frame compressed with the same dictionary, lbsearch_dictionary as raw
** content (no dictionary id in the frame, no checksum, the content size in it). Digesting the
** dictionary costs far more than compressing a document of a few kilobytes, so it is done once:
** one ZSTD_CDict per level and one ZSTD_DDict, made on first use and then only read, by any
** number of threads (zstd.h: a CDict "can be shared by multiple threads concurrently, since its
** usage is read-only"). Each thread keeps its own compression and decompression contexts. */
#define ZSTD_LEVELS 23 /* 1 ... 22, ZSTD_maxCLevel() of zstd 1.5 */
static ZSTD_CDict *cdicts[ZSTD_LEVELS];
static int cdictState[ZSTD_LEVELS];
static ZSTD_DDict *ddict;
static int ddictState;
static pthread_mutex_t dictLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_key_t compressorKey, decompressorKey;
static pthread_once_t keysOnce = PTHREAD_ONCE_INIT;

static void freeCompressor(void *context) { ZSTD_freeCCtx(context); }
static void freeDecompressor(void *context) { ZSTD_freeDCtx(context); }

static void makeKeys(void) {
    pthread_key_create(&compressorKey, freeCompressor);
    pthread_key_create(&decompressorKey, freeDecompressor);
}

/* The dictionary digested for `level` (1-22): ZSTD_createCDict takes a dictionary that does not
** start with zstd's dictionary magic number as raw content, and gives it id 0, which no frame
** records. */
static ZSTD_CDict *newCDict(int level) {
    return ZSTD_createCDict(lbsearch_dictionary, DICTIONARY_LENGTH, level);
}

/* The shared CDict of `level`, made on first use; NULL out of range or out of memory. */
static const ZSTD_CDict *sharedCDict(int level) {
    if (level < 1 || level >= ZSTD_LEVELS) return NULL;
    int state = __atomic_load_n(&cdictState[level], __ATOMIC_ACQUIRE);
    if (state == 0) {
        pthread_mutex_lock(&dictLock);
        state = cdictState[level];
        if (state == 0) {
            cdicts[level] = newCDict(level);
            state = cdicts[level] ? 1 : -1;
            __atomic_store_n(&cdictState[level], state, __ATOMIC_RELEASE);
        }
        pthread_mutex_unlock(&dictLock);
    }
    return state == 1 ? cdicts[level] : NULL;
}

/* The shared DDict, made on first use; NULL when out of memory. */
static const ZSTD_DDict *sharedDDict(void) {
    int state = __atomic_load_n(&ddictState, __ATOMIC_ACQUIRE);
    if (state == 0) {
        pthread_mutex_lock(&dictLock);
        state = ddictState;
        if (state == 0) {
            ddict = ZSTD_createDDict(lbsearch_dictionary, DICTIONARY_LENGTH);
            state = ddict ? 1 : -1;
            __atomic_store_n(&ddictState, state, __ATOMIC_RELEASE);
        }
        pthread_mutex_unlock(&dictLock);
    }
    return state == 1 ? ddict : NULL;
}

/* This thread's context stored under `key`, made by `make` on first use and freed by the key's
** destructor when the thread ends; NULL when out of memory. */
static void *threadContext(pthread_key_t *key, void *(*make)(void), void (*release)(void *)) {
    pthread_once(&keysOnce, makeKeys);
    void *context = pthread_getspecific(*key);
    if (context) return context;
    context = make();
    if (context && pthread_setspecific(*key, context) != 0) {
        release(context);
        return NULL;
    }
    return context;
}

static void *makeCompressor(void) { return ZSTD_createCCtx(); }
static void *makeDecompressor(void) { return ZSTD_createDCtx(); }

/* `length` bytes at `data` as one frame with `cdict` and `context`; malloc'ed, or NULL. */
static unsigned char *compressFrame(ZSTD_CCtx *context, const ZSTD_CDict *cdict, const void *data, size_t length,
                                    size_t *out_length) {
    size_t bound = ZSTD_compressBound(length);
    unsigned char *out = malloc(bound ? bound : 1);
    if (!out) return NULL;
    size_t written = ZSTD_compress_usingCDict(context, out, bound, data, length, cdict);
    if (ZSTD_isError(written)) {
        free(out);
        return NULL;
    }
    *out_length = written;
    return out;
}

unsigned char *lbsearch_zstd_compress(const void *cdict, const void *data, size_t length, size_t *out_length) {
    ZSTD_CCtx *context = threadContext(&compressorKey, makeCompressor, freeCompressor);
    if (!cdict || !context) return NULL;
    return compressFrame(context, cdict, data, length, out_length);
}

unsigned char *lbsearch_compress(const void *data, size_t length, int level, size_t *out_length) {
    return lbsearch_zstd_compress(sharedCDict(level), data, length, out_length);
}

unsigned char *lbsearch_compress_unshared(const void *data, size_t length, int level, size_t *out_length) {
    if (level < 1 || level >= ZSTD_LEVELS) return NULL;
    ZSTD_CDict *cdict = newCDict(level);
    ZSTD_CCtx *context = ZSTD_createCCtx();
    unsigned char *out = cdict && context ? compressFrame(context, cdict, data, length, out_length) : NULL;
    ZSTD_freeCCtx(context);
    ZSTD_freeCDict(cdict);
    return out;
}

/* The frame records its content size; one that does not, or claims more than SQLite could hold,
** is taken as damaged. zstd refuses a frame whose dictionary id is not the DDict's. */
char *lbsearch_zstd_decompress(const void *ddict, const void *data, size_t length, size_t *out_length) {
    unsigned long long size = ZSTD_getFrameContentSize(data, length);
    if (size == ZSTD_CONTENTSIZE_UNKNOWN || size == ZSTD_CONTENTSIZE_ERROR || size > 0x7FFFFFFF) return NULL;
    ZSTD_DCtx *context = threadContext(&decompressorKey, makeDecompressor, freeDecompressor);
    char *out = malloc(size ? (size_t)size : 1);
    if (!ddict || !context || !out) {
        free(out);
        return NULL;
    }
    size_t read = ZSTD_decompress_usingDDict(context, out, (size_t)size, data, length, ddict);
    if (ZSTD_isError(read) || read != size) {
        free(out);
        return NULL;
    }
    *out_length = read;
    return out;
}

/* A zstd frame starts with the magic number 0xFD2FB528, little-endian: 28 B5 2F FD. No raw
** deflate stream can start so (RFC 1951, 3.2.3-3.2.4): the three low bits of 0x28 say "not the
** last block" (BFINAL 0) and "stored" (BTYPE 00); a stored block continues at the next byte with
** LEN (B5 2F, 0x2FB5) and NLEN, which must be its one's complement (4A D0), not FD .. . zlib
** refuses such a stream ("invalid stored block lengths"), so the first four bytes tell the two
** formats apart, and an index may hold both: bodies of an older lbsearch stay raw deflate. */
static int isZstdFrame(const void *data, size_t length) {
    static const unsigned char magic[4] = {0x28, 0xB5, 0x2F, 0xFD};
    return length >= 4 && memcmp(data, magic, 4) == 0;
}

unsigned lbsearch_frame_dictionary(const void *data, size_t length) {
    return isZstdFrame(data, length) ? ZSTD_getDictID_fromFrame(data, length) : 0;
}

char *lbsearch_inflate(const void *data, size_t length, size_t *out_length) {
    *out_length = 0;
    if (length == 0) return malloc(1);
    /* A frame with a dictionary id needs that dictionary: zstd refuses it with this one. */
    if (isZstdFrame(data, length)) return lbsearch_zstd_decompress(sharedDDict(), data, length, out_length);
    return inflateDeflate(data, length, out_length);
}

/* lbsearch_inflate(blob): the text; NULL for NULL; an error for damaged data, or for a frame whose
** trained dictionary the connection's index does not hold. The function's user data is the
** connection's cache of trained dictionaries (lbsearch_text_private.h). */
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
    char *text = lbsearch_frame_dictionary(data, length)
                     ? lbsearch_dictionaries_inflate(sqlite3_user_data(context), sqlite3_context_db_handle(context),
                                                     data, length, &textLength)
                     : lbsearch_inflate(data, length, &textLength);
    if (!text) {
        sqlite3_result_error(context, "lbsearch_inflate: damaged stored text", -1);
        return;
    }
    sqlite3_result_text64(context, text, textLength, free, SQLITE_UTF8);
}

/* A compressor of lbsearch_text.h and the level an SQL function calls it at. */
typedef struct {
    unsigned char *(*compress)(const void *data, size_t length, int level, size_t *out_length);
    int level;
} SQLCompressor;

/* lbsearch_compress(text): zstd, as bodies are stored; lbsearch_deflate(text): raw deflate, as
** the shipped migrations "v5" and "v8" wrote. */
static const SQLCompressor zstdCompressor = {lbsearch_compress, LBSEARCH_ZSTD_LEVEL};
static const SQLCompressor deflateCompressor = {lbsearch_deflate, SQL_DEFLATE_LEVEL};

/* The SQL functions lbsearch_compress(text) and lbsearch_deflate(text): the blob, NULL for
** NULL; the compressor is the function's user data. */
static void compressFunction(sqlite3_context *context, int count, sqlite3_value **values) {
    (void)count;
    if (sqlite3_value_type(values[0]) == SQLITE_NULL) return;
    const SQLCompressor *compressor = sqlite3_user_data(context);
    const void *text = sqlite3_value_text(values[0]);
    size_t length = (size_t)sqlite3_value_bytes(values[0]);
    size_t dataLength = 0;
    unsigned char *data = compressor->compress(text, length, compressor->level, &dataLength);
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
    lbsearch_dictionaries *dictionaries = lbsearch_dictionaries_new();
    if (!dictionaries) return SQLITE_NOMEM;
    /* SQLite frees the cache with the function: when the connection closes, or on failure. */
    int result = sqlite3_create_function_v2(db, "lbsearch_inflate", 1, flags, dictionaries, inflateFunction, NULL,
                                            NULL, lbsearch_dictionaries_free);
    if (result == SQLITE_OK)
        result = sqlite3_create_function_v2(db, "lbsearch_compress", 1, flags, (void *)&zstdCompressor,
                                            compressFunction, NULL, NULL, NULL);
    if (result != SQLITE_OK) return result;
    return sqlite3_create_function_v2(db, "lbsearch_deflate", 1, flags, (void *)&deflateCompressor,
                                      compressFunction, NULL, NULL, NULL);
}
