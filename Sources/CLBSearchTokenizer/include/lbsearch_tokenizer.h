#ifndef LBSEARCH_TOKENIZER_H
#define LBSEARCH_TOKENIZER_H

#include <stddef.h>
#include <stdint.h>

/* The stored-text functions. Included here so that a build planned when this was the only
** header (SwiftPM then makes it the module's umbrella header) still sees them. */
#include "lbsearch_text.h"

/* lbsearch's FTS5 tokenizer, "lbsearch": CJK runs (Han, Hiragana, Katakana, Hangul) become
** overlapping character bigrams, everything else goes to FTS5's built-in
** "porter unicode61 remove_diacritics 2"; full-width and half-width forms are folded first.
** Token offsets always point into the original text.
**
** The code uses no sqlite3_* function, only the fts5_api it is given, so the same source
** builds into lbsearch and into a loadable SQLite extension (extension/lbsearch_extension.c). */

/* The tokenizer's name, as written in `tokenize = 'lbsearch'`. */
#define LBSEARCH_TOKENIZER_NAME "lbsearch"

/* Registers the tokenizer with `fts5api` (an fts5_api pointer, from `SELECT fts5(?1)`).
** Returns an SQLite result code (0 = SQLITE_OK). */
int lbsearch_tokenizer_register(void *fts5api);

/* 1 when `c` belongs to a CJK run (indexed as bigrams), else 0. `c` is already folded. */
int lbsearch_is_cjk(uint32_t c);

/* Folds full-width and half-width forms of `text` (`length` bytes of UTF-8) into `out`,
** which has room for `length` bytes (folding never lengthens text). When `map` is not NULL
** it receives, for each byte of the result plus one past its end, the offset in `text` of the
** character that produced it. Returns the length of the result. */
size_t lbsearch_fold(const char *text, size_t length, char *out, int *map);

#endif
