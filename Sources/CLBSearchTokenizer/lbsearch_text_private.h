/* What lbsearch_text.c and lbsearch_trained.c share: zstd with a prepared dictionary and a
** context kept per thread, and the per-connection cache of trained dictionaries. */
#ifndef LBSEARCH_TEXT_PRIVATE_H
#define LBSEARCH_TEXT_PRIVATE_H

#include <stddef.h>

/* `length` bytes at `data` as one frame with the ZSTD_CDict `cdict` and this thread's
** compression context; malloc'ed, or NULL (out of memory, or `cdict` NULL). */
unsigned char *lbsearch_zstd_compress(const void *cdict, const void *data, size_t length, size_t *out_length);

/* The text of the zstd frame `data` with the ZSTD_DDict `ddict` and this thread's
** decompression context, as lbsearch_inflate; NULL when damaged, for another dictionary, or
** `ddict` NULL. */
char *lbsearch_zstd_decompress(const void *ddict, const void *data, size_t length, size_t *out_length);

/* The trained dictionaries one connection has read from its index's `dictionaries` table,
** by zstd dictionary id. Used by one connection, so by one thread at a time. */
typedef struct lbsearch_dictionaries lbsearch_dictionaries;

/* A new, empty cache; NULL when out of memory. */
lbsearch_dictionaries *lbsearch_dictionaries_new(void);

/* Frees a cache (a `void *` for sqlite3_create_function_v2's destructor). */
void lbsearch_dictionaries_free(void *dictionaries);

/* The text of the zstd frame `data`, which names a trained dictionary: found in `dictionaries`,
** else read from the `dictionaries` table of the connection `db` (a sqlite3 *) and kept. NULL
** when damaged, or when the index holds no dictionary of that id. */
char *lbsearch_dictionaries_inflate(lbsearch_dictionaries *dictionaries, void *db, const void *data, size_t length,
                                    size_t *out_length);

#endif
