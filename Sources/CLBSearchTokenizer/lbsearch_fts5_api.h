/* The fts5_api of a connection, for the code that registers with FTS5 from C: the hand-off's
** private connection (lbsearch_handoff.c) and the loadable extension
** (extension/lbsearch_extension.c). Include <sqlite3.h>, or <sqlite3ext.h> with
** SQLITE_EXTENSION_INIT1, first: the same lines then call SQLite directly or through the
** extension's routine table. */
#ifndef LBSEARCH_FTS5_API_H
#define LBSEARCH_FTS5_API_H

#include <stddef.h>

/* The fts5_api of `db` (FTS5 documentation, section 7 "Extending FTS5"), or NULL. */
static inline fts5_api *fts5Api(sqlite3 *db) {
    fts5_api *api = NULL;
    sqlite3_stmt *statement = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL) != SQLITE_OK) return NULL;
    sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(statement);
    sqlite3_finalize(statement);
    return api;
}

#endif
