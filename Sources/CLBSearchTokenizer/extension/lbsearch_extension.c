/* The lbsearch tokenizer and stored-text functions as a loadable SQLite extension, so that the sqlite3 shell (or any
** SQLite program) can query an lbsearch index's documents_fts:
**
**     sqlite3 .lbsearch/index.db
**     sqlite> .load ./lbsearch_tokenizer
**
** Built by scripts/build-extension from this file and the tokenizer's own sources; not part
** of the Swift package (SQLite documentation, "Run-Time Loadable Extensions"). */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include "lbsearch_fts5_api.h"
#include "lbsearch_text.h"
#include "lbsearch_tokenizer.h"

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_lbsearch_init(sqlite3 *db, char **error, const sqlite3_api_routines *routines) {
    SQLITE_EXTENSION_INIT2(routines);
    fts5_api *api = fts5Api(db);
    if (!api) {
        *error = sqlite3_mprintf("lbsearch: this SQLite has no FTS5");
        return SQLITE_ERROR;
    }
    int result = lbsearch_tokenizer_register(api);
    /* documents_fts reads its bodies through lbsearch_inflate (lbsearch_text.h). */
    return result == SQLITE_OK ? lbsearch_text_register(db) : result;
}

/* The entry point SQLite derives from the file name lbsearch_tokenizer.so. */
int sqlite3_lbsearchtokenizer_init(sqlite3 *db, char **error, const sqlite3_api_routines *routines) {
    return sqlite3_lbsearch_init(db, error, routines);
}
