import type { SqliteDatabase } from "kysely";

/**
 * Wraps a better-sqlite3 database so Kysely reuses prepared statements: Kysely prepares every
 * query anew, and on SQLite preparing costs about as much as running a small insert. Statements
 * are kept per SQL text (least recently used out first). Safe because Kysely's SQLite driver
 * runs one query at a time on its connection.
 * @example new Kysely({ dialect: new SqliteDialect({ database: cachedStatements(new Database("desk.db")) }) })
 */
export function cachedStatements(database: SqliteDatabase, size = 256): SqliteDatabase {
  const cache = new Map<string, ReturnType<SqliteDatabase["prepare"]>>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql) {
      const hit = cache.get(sql);
      if (hit !== undefined) {
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}
