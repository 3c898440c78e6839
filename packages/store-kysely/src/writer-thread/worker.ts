// The SQLite writer thread: a connection of its own to the store's file that runs the calls of
// `protocol.ts` one at a time, in the order they arrive. Started by `startWriterThread`.
import { Kysely, SqliteDialect } from "kysely";
import { parentPort, workerData } from "node:worker_threads";
import { openSqliteConnection } from "../dialect/sqlite-connection";
import { sqliteDialect } from "../dialect/sqlite";
import { cachedStatements } from "../dialect/sqlite-statement-cache";
import { kyselyStore } from "../kysely-store";
import type { SpocDatabase } from "../schema/tables";
import { writeAppendRowsOnce } from "../store/append";
import { toWire, type WriterCall, type WriterOps, type WriterReply } from "./protocol";

const port = parentPort;
if (port === null) throw new Error("the spoc SQLite writer runs as a worker thread (startWriterThread)");
const { path, cacheKib } = workerData as { path: string; cacheKib?: number };

try {
  const db = new Kysely<SpocDatabase>({ dialect: new SqliteDialect({ database: cachedStatements(await openSqliteConnection(path, cacheKib)) }) });
  const store = kyselyStore(db, { dialect: sqliteDialect });
  const ops: WriterOps = {
    appendRows: (rows) => writeAppendRowsOnce(db, sqliteDialect, rows),
    putDirectory: (entries) => (store.putDirectory as NonNullable<typeof store.putDirectory>)(entries),
    allocateTicketNumberBlock: (serviceId, count) => (store.allocateTicketNumberBlock as NonNullable<typeof store.allocateTicketNumberBlock>)(serviceId as never, count),
    releaseTicketNumberBlock: (serviceId, first, count) =>
      (store.releaseTicketNumberBlock as NonNullable<typeof store.releaseTicketNumberBlock>)(serviceId as never, first, count),
    close: () => db.destroy(),
  };
  // Calls run strictly one after another: a write never starts before the one sent before it has committed.
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (call: WriterCall) => {
    queue = queue.then(async () => {
      let reply: WriterReply;
      try {
        const value = await (ops[call.op] as (...a: unknown[]) => Promise<unknown>)(...call.args);
        reply = { id: call.id, ok: true, value };
      } catch (e) {
        reply = { id: call.id, ok: false, error: toWire(e) };
      }
      port.postMessage(reply);
    });
  });
  port.postMessage({ id: 0, ok: true, value: null } satisfies WriterReply);
} catch (e) {
  port.postMessage({ id: 0, ok: false, error: toWire(e) } satisfies WriterReply);
}
