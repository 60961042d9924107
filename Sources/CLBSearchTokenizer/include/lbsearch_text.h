#ifndef LBSEARCH_TEXT_H
#define LBSEARCH_TEXT_H

#include <stddef.h>

/* How an lbsearch index stores document bodies, in `documents.body_z`: since schema "v10", one
** zstd frame per body (RFC 8878) compressed with a dictionary of common English words
** (lbsearch_dictionary.h) as raw content, the frame naming no dictionary; since "v11", once an
** index has a dictionary trained from its own bodies (table `dictionaries`), a frame compressed
** with it, naming its zstd dictionary id; before, raw deflate (RFC 1951, no zlib or gzip
** header) with the same words as preset dictionary (since "v8"; bodies stored before it read the
** same). An index may hold both: lbsearch_inflate reads either. FTS5 reads them back through the
** view `documents_text`, which calls the SQL function lbsearch_inflate(body_z).
**
** Shared by lbsearch and the loadable extension (extension/lbsearch_extension.c), so that the
** sqlite3 shell can read an index too. */

/* The zstd level of stored bodies with the shipped dictionary (StoredText.level; see there for
** the measurements). */
#define LBSEARCH_ZSTD_LEVEL 5

/* The zstd level of stored bodies with a trained dictionary, and the most bytes such a
** dictionary takes: the smaller capacity for a run of less than LBSEARCH_LARGE_DICTIONARY_TEXT
** bytes of text, the larger from there on (DictionaryTrainer, BodyDictionary; see there for the
** measurements). */
#define LBSEARCH_TRAINED_LEVEL 3
#define LBSEARCH_DICTIONARY_CAPACITY 112640
#define LBSEARCH_LARGE_DICTIONARY_CAPACITY 262144
#define LBSEARCH_LARGE_DICTIONARY_TEXT (64 * LBSEARCH_LARGE_DICTIONARY_CAPACITY)

/* Compresses `length` bytes at `data` as one zstd frame at `level` (1-22), from any thread: every
** call uses one dictionary digested once per level (ZSTD_CDict) and a compression context kept
** per thread. Returns a malloc'ed buffer of `*out_length` bytes that the caller frees, or NULL
** when out of memory or for a level out of range. */
unsigned char *lbsearch_compress(const void *data, size_t length, int level, size_t *out_length);

/* lbsearch_compress with a dictionary and context of its own, made and freed by this call. The
** same bytes; for tests. */
unsigned char *lbsearch_compress_unshared(const void *data, size_t length, int level, size_t *out_length);

/* Compresses `length` bytes at `data` as raw deflate at zlib `level` (0-9), from any thread: every call starts
** from a copy of one stream per level with the dictionary already set. Returns a malloc'ed
** buffer of `*out_length` bytes that the caller frees, or NULL when out of memory or for a level
** out of range. */
unsigned char *lbsearch_deflate(const void *data, size_t length, int level, size_t *out_length);

/* lbsearch_deflate without the shared, prepared stream: sets the dictionary on a stream of its
** own, as lbsearch_deflate did before it kept one per level. The same bytes; for tests. */
unsigned char *lbsearch_deflate_unshared(const void *data, size_t length, int level, size_t *out_length);

/* Decompresses what lbsearch_compress or lbsearch_deflate wrote (a zstd frame starts with its
** magic number, which no raw deflate stream can start with: see lbsearch_text.c). Returns a
** malloc'ed buffer of `*out_length` bytes that the caller frees, or NULL when `data` is neither
** a complete zstd frame nor a complete raw deflate stream (or out of memory). An empty input is
** the empty text. */
char *lbsearch_inflate(const void *data, size_t length, size_t *out_length);

/* The zstd dictionary id a stored body names: 0 for a frame with the shipped dictionary (none
** named) and for raw deflate. */
unsigned lbsearch_frame_dictionary(const void *data, size_t length);

/* A zstd dictionary of at most `capacity` bytes trained from `count` samples,
** concatenated at `samples`, of `sizes[i]` bytes each (fastCover with fixed parameters, one
** thread: the same samples always give the same bytes). Its id is `id`, or with 0 one zstd
** derives from its content (32768 ... 2^31-1). Returns a malloc'ed buffer of `*out_length`
** bytes, or NULL when zstd cannot train one from these samples (too few, too short). */
unsigned char *lbsearch_train(const void *samples, const size_t *sizes, size_t count, unsigned id,
                              size_t capacity, size_t *out_length);

/* A trained dictionary digested once, for compressing at LBSEARCH_TRAINED_LEVEL from any number
** of threads and reading its frames. */
typedef struct lbsearch_codec lbsearch_codec;

/* The codec of a dictionary lbsearch_train made; NULL when it is not one (no id) or out of memory. */
lbsearch_codec *lbsearch_codec_new(const void *dictionary, size_t length);

/* Frees `codec` (NULL is ignored). */
void lbsearch_codec_free(lbsearch_codec *codec);

/* The zstd dictionary id of `codec`, never 0. */
unsigned lbsearch_codec_id(const lbsearch_codec *codec);

/* `length` bytes at `data` as one frame with `codec`'s dictionary, naming its id; with a NULL
** `codec`, as lbsearch_compress at LBSEARCH_ZSTD_LEVEL. Malloc'ed, or NULL when out of memory. */
unsigned char *lbsearch_codec_compress(const lbsearch_codec *codec, const void *data, size_t length,
                                       size_t *out_length);

/* As lbsearch_inflate, and a frame naming `codec`'s dictionary too (NULL for another one). */
char *lbsearch_codec_inflate(const lbsearch_codec *codec, const void *data, size_t length, size_t *out_length);

/* Registers the SQL functions lbsearch_inflate(blob) -> text (a frame naming a trained dictionary
** is read with the one of that id in the connection's `dictionaries` table, cached per
** connection), lbsearch_compress(text) -> blob
** (zstd, as bodies are stored) and lbsearch_deflate(text) -> blob (raw deflate, as the shipped
** migrations wrote) on `db` (a sqlite3 *). Returns an SQLite result code (0 = SQLITE_OK). */
int lbsearch_text_register(void *db);

#endif
