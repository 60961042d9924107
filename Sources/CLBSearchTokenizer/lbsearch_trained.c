/* Dictionaries trained from an index's own bodies (schema "v11", lbsearch_text.h): training,
** compressing with one, and reading frames that name one on a connection.
**
** Like lbsearch_text.c, built into the loadable extension too (scripts/build-extension), where
** sqlite3_* calls go through the extension's routines table. */
#ifdef LBSEARCH_EXTENSION
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT3
#else
#include <sqlite3.h>
#endif

#include <stdlib.h>
#include <string.h>
#define ZDICT_STATIC_LINKING_ONLY /* ZDICT_trainFromBuffer_fastCover (exported by libzstd) */
#include <zdict.h>
#include <zstd.h>

#include "lbsearch_text.h"
#include "lbsearch_text_private.h"

unsigned char *lbsearch_train(const void *samples, const size_t *sizes, size_t count, unsigned id,
                              size_t capacity, size_t *out_length) {
    if (count == 0 || count > 0xFFFFFFFF || capacity == 0) return NULL;
    unsigned char *dictionary = malloc(capacity);
    if (!dictionary) return NULL;
    /* Fixed parameters (no search over them, one thread), so the same samples always give the
    ** same dictionary: segments of 200 bytes, 8-byte d-mers, a 2^20 frequency table (6 MB).
    ** splitPoint 1: every sample is used for training. */
    ZDICT_fastCover_params_t parameters;
    memset(&parameters, 0, sizeof parameters);
    parameters.k = 200;
    parameters.d = 8;
    parameters.f = 20;
    parameters.steps = 1;
    parameters.nbThreads = 1;
    parameters.splitPoint = 1.0;
    parameters.accel = 1;
    parameters.zParams.compressionLevel = LBSEARCH_TRAINED_LEVEL;
    parameters.zParams.dictID = id; /* 0: zstd derives it from the content */
    size_t length = ZDICT_trainFromBuffer_fastCover(dictionary, capacity, samples, sizes,
                                                    (unsigned)count, parameters);
    if (ZDICT_isError(length)) {
        free(dictionary);
        return NULL;
    }
    *out_length = length;
    return dictionary;
}

struct lbsearch_codec {
    unsigned id;
    ZSTD_CDict *cdict;
    ZSTD_DDict *ddict;
};

lbsearch_codec *lbsearch_codec_new(const void *dictionary, size_t length) {
    lbsearch_codec *codec = calloc(1, sizeof *codec);
    if (!codec) return NULL;
    codec->id = ZDICT_getDictID(dictionary, length);
    codec->cdict = ZSTD_createCDict(dictionary, length, LBSEARCH_TRAINED_LEVEL);
    codec->ddict = ZSTD_createDDict(dictionary, length);
    /* A dictionary without an id would be taken as raw content, and its frames as the shipped
    ** dictionary's. */
    if (codec->id == 0 || !codec->cdict || !codec->ddict) {
        lbsearch_codec_free(codec);
        return NULL;
    }
    return codec;
}

void lbsearch_codec_free(lbsearch_codec *codec) {
    if (!codec) return;
    ZSTD_freeCDict(codec->cdict);
    ZSTD_freeDDict(codec->ddict);
    free(codec);
}

unsigned lbsearch_codec_id(const lbsearch_codec *codec) { return codec->id; }

unsigned char *lbsearch_codec_compress(const lbsearch_codec *codec, const void *data, size_t length,
                                       size_t *out_length) {
    if (!codec) return lbsearch_compress(data, length, LBSEARCH_ZSTD_LEVEL, out_length);
    return lbsearch_zstd_compress(codec->cdict, data, length, out_length);
}

char *lbsearch_codec_inflate(const lbsearch_codec *codec, const void *data, size_t length, size_t *out_length) {
    unsigned id = lbsearch_frame_dictionary(data, length);
    if (id == 0) return lbsearch_inflate(data, length, out_length);
    *out_length = 0;
    if (!codec || codec->id != id) return NULL;
    return lbsearch_zstd_decompress(codec->ddict, data, length, out_length);
}

/* The cache: a few entries (an index holds one dictionary, or a few), searched in order. */
typedef struct Entry {
    unsigned id;
    ZSTD_DDict *ddict;
} Entry;

struct lbsearch_dictionaries {
    Entry *entries;
    size_t count, capacity;
};

lbsearch_dictionaries *lbsearch_dictionaries_new(void) { return calloc(1, sizeof(lbsearch_dictionaries)); }

void lbsearch_dictionaries_free(void *pointer) {
    lbsearch_dictionaries *dictionaries = pointer;
    if (!dictionaries) return;
    for (size_t index = 0; index < dictionaries->count; index++) ZSTD_freeDDict(dictionaries->entries[index].ddict);
    free(dictionaries->entries);
    free(dictionaries);
}

/* The dictionary of zstd id `id` in the `dictionaries` table of `db`, digested; NULL when the
** table or the row is missing, or its data is not a dictionary of that id. */
static ZSTD_DDict *readDictionary(sqlite3 *db, unsigned id) {
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(db, "SELECT data FROM dictionaries WHERE zstd_id = ?1", -1, &statement, NULL) !=
        SQLITE_OK) {
        sqlite3_finalize(statement);
        return NULL;
    }
    sqlite3_bind_int64(statement, 1, (sqlite3_int64)id);
    ZSTD_DDict *ddict = NULL;
    if (sqlite3_step(statement) == SQLITE_ROW) {
        const void *data = sqlite3_column_blob(statement, 0);
        int length = sqlite3_column_bytes(statement, 0);
        if (data && length > 0 && ZDICT_getDictID(data, (size_t)length) == id)
            ddict = ZSTD_createDDict(data, (size_t)length);
    }
    sqlite3_finalize(statement);
    return ddict;
}

/* The cached dictionary of `id`, read on a miss: a connection opened before the dictionary was
** written finds it when it first meets a frame that names it. A missing one is not remembered,
** since a later transaction may add it. */
static const ZSTD_DDict *lookup(lbsearch_dictionaries *dictionaries, sqlite3 *db, unsigned id) {
    for (size_t index = 0; index < dictionaries->count; index++)
        if (dictionaries->entries[index].id == id) return dictionaries->entries[index].ddict;
    if (dictionaries->count == dictionaries->capacity) {
        size_t capacity = dictionaries->capacity ? dictionaries->capacity * 2 : 4;
        Entry *larger = realloc(dictionaries->entries, capacity * sizeof *larger);
        if (!larger) return NULL;
        dictionaries->entries = larger;
        dictionaries->capacity = capacity;
    }
    ZSTD_DDict *ddict = readDictionary(db, id);
    if (!ddict) return NULL;
    dictionaries->entries[dictionaries->count++] = (Entry){id, ddict};
    return ddict;
}

char *lbsearch_dictionaries_inflate(lbsearch_dictionaries *dictionaries, void *db, const void *data, size_t length,
                                    size_t *out_length) {
    *out_length = 0;
    const ZSTD_DDict *ddict = dictionaries ? lookup(dictionaries, db, lbsearch_frame_dictionary(data, length)) : NULL;
    return ddict ? lbsearch_zstd_decompress(ddict, data, length, out_length) : NULL;
}
