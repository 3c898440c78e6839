import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrateToLatest } from "./migrations/migrate";
import { openStore, parseConnectionUrl } from "./open";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "spoc-open-"));
  dirs.push(d);
  return d;
};
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe("parseConnectionUrl", () => {
  it("a relative sqlite path resolves against the working directory", () => {
    expect(parseConnectionUrl("sqlite:data/desk.db", "/srv/app")).toEqual({ dialect: "sqlite", path: "/srv/app/data/desk.db" });
  });
  it("an absolute sqlite path stays as it is", () => {
    expect(parseConnectionUrl("sqlite:/var/lib/desk.db", "/srv")).toEqual({ dialect: "sqlite", path: "/var/lib/desk.db" });
  });
  it("sqlite::memory: is an in-memory database", () => {
    expect(parseConnectionUrl("sqlite::memory:")).toEqual({ dialect: "sqlite", path: ":memory:" });
  });
  it("postgres:// and postgresql:// are PostgreSQL", () => {
    expect(parseConnectionUrl("postgresql://u@h/db").dialect).toBe("postgres");
    expect(parseConnectionUrl("postgres://u@h/db").dialect).toBe("postgres");
  });
  it("mysql:// and mariadb:// are MySQL", () => {
    expect(parseConnectionUrl("mariadb://u@h/db")).toEqual({ dialect: "mysql", url: "mysql://u@h/db" });
  });
  it("an unknown scheme is rejected without echoing the password", () => {
    expect(() => parseConnectionUrl("oracle://scott:tiger@h/db")).toThrow(/unsupported database URL "oracle:\/\/…@h\/db"/);
  });
});

describe("openStore", () => {
  it("an empty SQLite file is migrated on open and runs in WAL mode", async () => {
    const path = join(tempDir(), "desk.db");
    const opened = await openStore(`sqlite:${path}`);
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(opened.db);
    expect(mode.rows[0]?.journal_mode).toBe("wal");
    expect(await opened.store.allocateTicketNumber("svc" as never)).toBe(1);
    await opened.close();
  });
  it("reopening a migrated file keeps its data", async () => {
    const path = join(tempDir(), "desk.db");
    const first = await openStore(`sqlite:${path}`);
    await first.store.setCursor("svc" as never, "k", "v");
    await first.close();
    const second = await openStore(`sqlite:${path}`);
    expect(await second.store.getCursor("svc" as never, "k")).toBe("v");
    await second.close();
  });
  it("a SQLite connection keeps the driver's 16 MB page cache unless sqliteCacheKib says otherwise", async () => {
    const cacheOf = async (options: { sqliteCacheKib?: number }) => {
      const opened = await openStore(`sqlite:${join(tempDir(), "desk.db")}`, options);
      const size = (await sql<{ cache_size: number }>`pragma cache_size`.execute(opened.db)).rows[0]?.cache_size;
      await opened.close();
      return size;
    };
    expect(await cacheOf({})).toBe(-16000);
    expect(await cacheOf({ sqliteCacheKib: 2000 })).toBe(-2000);
  });
  it("a sqliteCacheKib that is not a positive whole number is refused before anything is opened", async () => {
    const path = join(tempDir(), "never.db");
    for (const bad of [0, -5, 1.5, Number.NaN]) {
      await expect(openStore(`sqlite:${path}`, { sqliteCacheKib: bad })).rejects.toThrow(/sqliteCacheKib must be a positive whole number/);
    }
    expect(existsSync(path)).toBe(false);
  });
  it("migrating twice applies nothing the second time", async () => {
    const opened = await openStore("sqlite::memory:");
    const again = await migrateToLatest(opened.db);
    expect(again.results).toEqual([]);
    await opened.close();
  });
});
