#ifndef LBSEARCH_TEXT_H
#define LBSEARCH_TEXT_H

#include <stddef.h>

/* How an lbsearch index stores document bodies: raw deflate (RFC 1951, no zlib or gzip
** header) with a preset dictionary of common English words (lbsearch_dictionary.h, since schema
** "v8"; bodies stored before it read the same), in `documents.body_z`. FTS5 reads them back through the view `documents_text`,
** which calls the SQL function lbsearch_inflate(body_z).
**
** Shared by lbsearch and the loadable extension (extension/lbsearch_extension.c), so that the
** sqlite3 shell can read an index too. */

/* Compresses `length` bytes at `data` at zlib `level` (0-9), from any thread: every call starts
** from a copy of one stream per level with the dictionary already set. Returns a malloc'ed
** buffer of `*out_length` bytes that the caller frees, or NULL when out of memory or for a level
** out of range. */
unsigned char *lbsearch_deflate(const void *data, size_t length, int level, size_t *out_length);

/* lbsearch_deflate without the shared, prepared stream: sets the dictionary on a stream of its
** own, as lbsearch_deflate did before it kept one per level. The same bytes; for tests. */
unsigned char *lbsearch_deflate_unshared(const void *data, size_t length, int level, size_t *out_length);

/* Decompresses what lbsearch_deflate wrote. Returns a malloc'ed buffer of `*out_length` bytes
** that the caller frees, or NULL when `data` is not a complete raw deflate stream (or out of
** memory). An empty input is the empty text. */
char *lbsearch_inflate(const void *data, size_t length, size_t *out_length);

/* Registers the SQL functions lbsearch_inflate(blob) -> text and lbsearch_deflate(text) -> blob
** on `db` (a sqlite3 *). Returns an SQLite result code (0 = SQLITE_OK). */
int lbsearch_text_register(void *db);

#endif
