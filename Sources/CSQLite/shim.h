#include <sqlite3.h>

/// sqlite3_db_config is variadic, which Swift cannot call: turn on SQLITE_DBCONFIG_DEFENSIVE
/// (no writes that could corrupt the database, no schema tricks) for an untrusted file.
static inline int csqlite_enable_defensive(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
}
