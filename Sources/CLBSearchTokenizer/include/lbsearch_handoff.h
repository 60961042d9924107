#ifndef LBSEARCH_HANDOFF_H
#define LBSEARCH_HANDOFF_H

#include <stddef.h>

#include "lbsearch_text.h"

/* Tokenizing on the threads that prepare documents instead of the one SQLite writer.
**
** A preparing thread turns each new document into an lbsearch_prepared: a copy of its title
** and body, the tokens the lbsearch tokenizer gives both as a document, and the body
** compressed as the index stores it (lbsearch_text.h). The writer arms the hand-off on its own
** thread with the documents of one INSERT, runs it, and disarms it. Meanwhile, in that thread:
**
** - lbsearch_inflate, given the compressed body of the next document expected, returns its
**   text without inflating it;
** - the tokenizer, asked to tokenize a document text that is exactly (length and bytes) the
**   next title or body expected, replays its tokens instead of tokenizing it again.
**
** Anything else (queries, highlight(), 'delete', 'rebuild', other threads, the sqlite3
** extension) is served as without the hand-off, so a mismatch only costs the time saved. */

/* A document prepared for the writer. */
typedef struct lbsearch_prepared lbsearch_prepared;

/* The lbsearch tokenizer on a private in-memory connection, for one thread at a time. */
typedef struct lbsearch_pretokenizer lbsearch_pretokenizer;

/* A new pretokenizer, or NULL when SQLite cannot give one (out of memory, no FTS5). */
lbsearch_pretokenizer *lbsearch_pretokenizer_new(void);

/* Frees `pretokenizer` (NULL is ignored). */
void lbsearch_pretokenizer_free(lbsearch_pretokenizer *pretokenizer);

/* Prepares a document: copies `title` and `body` (UTF-8), tokenizes both, and compresses the
** body as stored (lbsearch_codec_compress with `codec`, NULL for the shipped dictionary). NULL
** when out of memory or the tokenizer fails. */
lbsearch_prepared *lbsearch_prepare(lbsearch_pretokenizer *pretokenizer, const char *title, size_t titleLength,
                                    const char *body, size_t bodyLength, const lbsearch_codec *codec);

/* The compressed body of `prepared` and its length in `*length`. */
const unsigned char *lbsearch_prepared_compressed(const lbsearch_prepared *prepared, size_t *length);

/* Frees the texts and tokens of `prepared` once written (it then never matches again); its
** compressed body stays. */
void lbsearch_prepared_release(lbsearch_prepared *prepared);

/* Frees `prepared` (NULL is ignored). */
void lbsearch_prepared_free(lbsearch_prepared *prepared);

/* Arms the hand-off on the calling thread with `documents`, in the order an INSERT writes them,
** each one's texts in the order FTS5 tokenizes its columns: the body, then the title when
** `bodyFirst` is 1 (`documents_fts(body, title)`, since "v12"), else the title, then the body.
** They must outlive lbsearch_handoff_end. */
void lbsearch_handoff_begin(lbsearch_prepared *const *documents, size_t count, int bodyFirst);

/* Disarms the hand-off on the calling thread; returns how many texts (titles and bodies) it
** replayed since lbsearch_handoff_begin. */
size_t lbsearch_handoff_end(void);

/* 1 when replaying the tokens `pretokenizer` prepares for `text` gives exactly what the
** tokenizer gives it (every token, offset and flag, in order), else 0: a self-check for tests. */
int lbsearch_handoff_check(lbsearch_pretokenizer *pretokenizer, const char *text, size_t length);

/* With glibc, lets malloc use at most `count` arenas (mallopt M_ARENA_MAX): documents are
** prepared on several threads and freed by the writer. Does nothing elsewhere. */
void lbsearch_limit_malloc_arenas(int count);

#endif
