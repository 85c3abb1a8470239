#pragma once
// The store's SQL is written once, in SQLite's spelling; these turn it into
// PostgreSQL's (not public API). Queries go through toPostgres; the schema's
// DDL through ddlToPostgres first.

#include <string>
#include <string_view>

namespace canting::records::detail {

// ?N -> $N; IFNULL -> COALESCE; the column `user` (a reserved word there)
// quoted; INSERT OR IGNORE -> ON CONFLICT DO NOTHING; INSERT OR REPLACE ->
// ON CONFLICT (first column) DO UPDATE the others; DROP TRIGGER t gets the
// ON table the schema's trigger names imply (a tamperer's move the tests make). String literals and quoted
// names are left alone; several statements may follow each other.
std::string toPostgres(std::string_view sql);

// Column types (INTEGER PRIMARY KEY -> an identity, INTEGER -> BIGINT, REAL
// -> DOUBLE PRECISION), WITHOUT ROWID dropped, and each refusing trigger
// (BEFORE UPDATE/DELETE ... RAISE(ABORT, 'why')) as a PL/pgSQL trigger.
std::string ddlToPostgres(std::string_view ddl);

}  // namespace canting::records::detail
