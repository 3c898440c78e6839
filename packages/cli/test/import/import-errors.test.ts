import { type AppendRequest, type DeskHook, memoryStore, type ServiceId, type Store } from "@spoc/core";
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importLog, type Mapping, runImportCommand } from "../../src/import/index";

// Part 7 of the hardening issue: every problem of the file is a rejected row with its line, and
// nothing of a failed import survives in the ticket counter.

const mini: Mapping = {
  name: "mini",
  service: { id: "svc-mini", key: "MINI", name: "Mini" },
  missing: ["?"],
  key: "id",
  time: { column: "at", format: "YYYY-MM-DD HH:mm" },
  actor: "who",
  state: { columns: ["state"], map: { New: { status: "new" }, Work: { status: "open" }, Done: { status: "resolved" } } },
  subject: "ticket {id}",
  group: "group",
  fields: { note: "note" },
};
const header = "id,state,at,who,group,note";
const svc = mini.service.id as ServiceId;
const row = (id: string, note = "x") => `${id},Work,2020-01-01 10:00,ann,G1,${note}`;

const tempFile = (content: string | Buffer): string => {
  const file = join(mkdtempSync(join(tmpdir(), "spoc-import-errors-")), "log.csv");
  writeFileSync(file, content);
  return file;
};
const csv = (lines: ReadonlyArray<string>) => tempFile(`${[header, ...lines].join("\n")}\n`);
const numbers = async (store: Store) => (await store.listTickets(svc, { limit: 500 })).items.map((t) => t.number).sort();

describe("importLog on a malformed file", () => {
  it("a stray quote costs its own row: the error names its line and the rows after it are imported", async () => {
    const lines = Array.from({ length: 20 }, (_, i) => row(`T${i}`));
    lines[4] = row("T4", '"unbalanced');
    const r = await importLog({ store: memoryStore(), mapping: mini, file: csv(lines) });
    expect(r.rows).toBe(20);
    expect(r.imported).toBe(19);
    expect(r.skipped).toEqual([{ line: 6, reason: "CSV: a quoted field opened at line 6 is never closed" }]);
  });

  it("a stray quote that meets another lines later refuses the first line only, and reads the others again", async () => {
    const lines = Array.from({ length: 10 }, (_, i) => row(`T${i}`));
    lines[2] = row("T2", '"opens');
    lines[6] = row("T6", 'closes" here');
    const r = await importLog({ store: memoryStore(), mapping: mini, file: csv(lines) });
    expect(r.skipped.map((s) => s.line)).toEqual([4]);
    expect(r.skipped[0]?.reason).toContain("opened at line 4 closes at line 8");
    expect(r.imported).toBe(9);
  });

  it("a quoted field that runs past the line limit is an error at its first line", async () => {
    const lines = ['T0,Work,2020-01-01 10:00,ann,G1,"a', "b", "c", "d", 'e"', row("T1")];
    const r = await importLog({ store: memoryStore(), mapping: mini, file: csv(lines), limits: { maxRecordLines: 3 } });
    expect(r.skipped[0]).toEqual({ line: 2, reason: "CSV: a quoted field opened at line 2 runs past 3 lines (--max-record-lines)" });
    // Reading resumed at line 3: the continuation lines are rows of their own (bad ones), T1 is imported.
    expect(r.skipped.map((s) => s.line)).toEqual([2, 3, 4, 5, 6]);
    expect(r.imported).toBe(1);
  });

  it("refuses a line over the byte limit with its number and imports the rest", async () => {
    const r = await importLog({ store: memoryStore(), mapping: mini, file: csv([row("T0"), row("T1", "y".repeat(5000)), row("T2")]), limits: { maxRecordBytes: 1000 } });
    expect(r.skipped).toEqual([{ line: 3, reason: "CSV: line 3 is longer than 1000 bytes (--max-record-bytes)" }]);
    expect(r.imported).toBe(2);
  });

  it("reports invalid UTF-8 with its line and rejects that row", async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${header}\n${row("T0")}\n${row("T1", "caf")}`), Buffer.from([0xe9]), Buffer.from(`\n${row("T2", "café")}\n`),
    ]);
    const r = await importLog({ store: memoryStore(), mapping: mini, file: tempFile(bytes) });
    expect(r.skipped).toEqual([{ line: 3, reason: "CSV: invalid UTF-8 at line 3 (the file must be UTF-8; convert it with iconv)" }]);
    expect(r.imported).toBe(2);
  });

  it("refuses a 200 MB line in bounded memory and goes on with the next line", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "spoc-import-long-"));
    const file = join(dir, "log.csv");
    const fd = openSync(file, "w");
    writeSync(fd, `${header}\n${row("T0")}\nT1,Work,2020-01-01 10:00,ann,G1,`);
    const block = Buffer.alloc(4 * 1024 * 1024, "z");
    for (let i = 0; i < 50; i++) writeSync(fd, block);
    writeSync(fd, `\n${row("T2")}\n`);
    closeSync(fd);
    global.gc?.();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    try {
      const r = await importLog({ store: memoryStore(), mapping: mini, file });
      expect(r.skipped).toEqual([{ line: 3, reason: "CSV: line 3 is longer than 1 MiB (--max-record-bytes)" }]);
      expect(r.imported).toBe(2);
    } finally {
      clearInterval(sampler);
      rmSync(dir, { recursive: true, force: true });
    }
    // Chunks of 256 KB come and go; the line itself is never held (200 MB of it would show).
    expect((peak - base) / 2 ** 20).toBeLessThan(64);
  });

  it("a header it cannot read fails the import with its line", async () => {
    await expect(importLog({ store: memoryStore(), mapping: mini, file: tempFile(`"id,state\n`) })).rejects.toThrow(/header \(line 1\)/);
  });
});

describe("ticket numbers after an import", () => {
  it("a ticket no row opened takes no number: the next ticket gets it", async () => {
    // A host hook refuses T1's opening: its row is rejected, T1 is never written.
    const refuseT1: DeskHook = {
      name: "refuse-T1",
      afterChange: (ctx) => {
        if (ctx.after.customFields.sourceId === "T1") throw new Error("T1 refused");
        return [];
      },
    };
    const store = memoryStore();
    const r = await importLog({ store, mapping: mini, file: csv([row("T0"), row("T1"), row("T2")]), hooks: [refuseT1] });
    expect(r.skipped.map((s) => s.line)).toEqual([3]);
    expect(await numbers(store)).toEqual(["MINI-000001", "MINI-000002"]);
    expect(await store.allocateTicketNumber(svc)).toBe(3);
  });

  it("a failed import leaves the counter at the last ticket written", async () => {
    const inner = memoryStore();
    let appends = 0;
    // The store fails the third batch's write (a lost disk, a dropped connection).
    const failing: Store = {
      ...inner,
      appendMany: async (requests: ReadonlyArray<AppendRequest>) => {
        if (++appends === 3) throw new Error("disk full");
        return inner.appendMany?.(requests);
      },
    };
    const lines = Array.from({ length: 10 }, (_, i) => row(`T${i}`));
    await expect(importLog({ store: failing, mapping: mini, file: csv(lines), batchSize: 2 })).rejects.toThrow("disk full");
    const written = (await inner.listTickets(svc, { limit: 500 })).items.map((t) => Number(t.number.slice(5)));
    expect(written.length).toBeGreaterThanOrEqual(4);
    // The reservation ahead and the failed batch's numbers went back; a batch written while the
    // failed one was in flight keeps its numbers, so the failed one's stay a gap below them.
    expect(await inner.allocateTicketNumber(svc)).toBe(Math.max(...written) + 1);
  });
});

describe("spoc import on a malformed file", () => {
  const io = () => {
    const err: string[] = [];
    return { err, io: { out: () => {}, err: (t: string) => err.push(t), tty: false, now: () => 0 } };
  };
  const db = () => `sqlite:${join(mkdtempSync(join(tmpdir(), "spoc-import-cli-errors-")), "desk.db")}`;
  const mapping = () => {
    const file = join(mkdtempSync(join(tmpdir(), "spoc-import-mapping-")), "mini.json");
    writeFileSync(file, JSON.stringify(mini));
    return file;
  };

  it("exits 1 when the rejected rows pass --max-rejected, naming their lines", async () => {
    const lines = Array.from({ length: 20 }, (_, i) => row(`T${i}`));
    lines[4] = row("T4", '"unbalanced');
    lines[9] = `T9,Work,2020-01-01 10:00,ann,G1,${"y".repeat(300)}`;
    const { err, io: out } = io();
    expect(await runImportCommand([mapping(), csv(lines), "--db", db(), "--max-record-bytes", "200"], out)).toBe(1);
    const text = err.join("");
    expect(text).toContain("18 rows imported, 0 already there, 2 skipped");
    expect(text).toContain("line 6: CSV: a quoted field opened at line 6 runs past 200 bytes (--max-record-bytes)");
    expect(text).toContain("line 11: CSV: line 11 is longer than 200 bytes (--max-record-bytes)");
    expect(text).toContain("2 of 20 rows (10 %) were rejected (lines 6, 11)");
  });

  it("exits 0 when they stay within it", async () => {
    const lines = Array.from({ length: 20 }, (_, i) => row(`T${i}`));
    lines[4] = row("T4", '"unbalanced');
    const { io: out } = io();
    expect(await runImportCommand([mapping(), csv(lines), "--db", db(), "--max-rejected", "5"], out)).toBe(0);
  });

  it("refuses a record limit that is not a whole number", async () => {
    const { err, io: out } = io();
    expect(await runImportCommand([mapping(), csv([row("T0")]), "--max-record-lines", "0"], out)).toBe(2);
    expect(err.join("")).toContain("--max-record-lines");
  });
});
