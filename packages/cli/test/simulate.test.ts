import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDesk, memoryStore, type Store } from "@spoc/core";
import { openStore } from "@spoc/store-kysely";
import { main, runDemo } from "../src/index";
import { company } from "../src/demo/scenario";

const system = { kind: "system", name: "test" } as const;

/** The demo's scenario and month, played once into a store (as `spoc demo` does). */
async function demoStore(store: Store): Promise<Store> {
  await runDemo({ store, out: () => undefined });
  return store;
}

describe("spoc simulate", () => {
  it("replays the demo's month with its unchanged rules and reports no change", async () => {
    const desk = createDesk({ store: await demoStore(memoryStore()) });
    const report = await desk.simulate(system, { serviceId: company.support });
    expect(report.tickets).toBeGreaterThan(300);
    expect(report.changed).toEqual({ group: 0, agent: 0, priority: 0, slaOutcome: 0 });
    // The scenario's ticket was played before the month's rules and SLA existed: replayed as recorded, and said so.
    expect(report.details.filter((t) => t.explanation.length > 0).map((t) => [t.number, t.explanation[0]?.slice(0, 13)])).toEqual([["IT-000001", "not compared:"]]);
    expect(report.notes).toEqual(["1 ticket(s) recorded without automation were replayed as recorded and not compared"]);
  }, 300_000);

  it("writes the totals as JSON and every ticket's explanation to --out", async () => {
    const dir = mkdtempSync(join(tmpdir(), "spoc-simulate-"));
    const db = `sqlite:${join(dir, "demo.sqlite")}`;
    const opened = await openStore(db);
    await demoStore(opened.store);
    await opened.close();
    const rules = join(dir, "rules.json");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(rules, JSON.stringify([{ id: "all-urgent", serviceId: company.support, name: "Everything urgent, to level 1's queue", enabled: true,
      triggers: ["ticket-opened"], when: { field: "channel", op: "exists" },
      actions: [{ type: "set-priority", priority: "urgent" }, { type: "assign-strategy", strategy: "queue", groupId: company.l1 }] }]));
    const lines: string[] = [];
    const log = console.log;
    console.log = (l: string) => lines.push(l);
    try {
      expect(await main(["simulate", "--db", db, "--service", "IT", "--rules", rules, "--json", "--out", join(dir, "tickets.json")])).toBe(0);
    } finally {
      console.log = log;
    }
    const summary = JSON.parse(lines.join("\n"));
    expect(Object.keys(summary.changed)).toEqual(["group", "agent", "priority", "slaOutcome"]);
    expect(summary.changed.priority).toBeGreaterThan(0);
    const tickets = JSON.parse(readFileSync(join(dir, "tickets.json"), "utf8")).tickets as Array<{ changed: string[]; explanation: string[] }>;
    // Every ticket is listed; the scenario's ticket, recorded before any rule existed, as not compared.
    expect(tickets.filter((t) => !t.explanation[0]?.startsWith("not compared")).length).toBe(summary.tickets);
    expect(tickets.filter((t) => t.changed.length > 0).every((t) => t.explanation.length > 0)).toBe(true);
  }, 300_000);

  it("explains its options with --help", async () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (l: string) => lines.push(l);
    try {
      expect(await main(["simulate", "--help"])).toBe(0);
    } finally {
      console.log = log;
    }
    expect(lines.join("\n")).toContain("spoc simulate --db URL [--service KEY] [--rules FILE] [--sla FILE] [--from DATE --to DATE]");
  });

  it("refuses --rules without --service, naming the option", async () => {
    const rules = join(mkdtempSync(join(tmpdir(), "spoc-simulate-")), "rules.json");
    (await import("node:fs")).writeFileSync(rules, "[]");
    const errors: string[] = [];
    const err = console.error;
    console.error = (l: string) => errors.push(l);
    try {
      expect(await main(["simulate", "--db", "sqlite::memory:", "--rules", rules])).toBe(2);
    } finally {
      console.error = err;
    }
    expect(errors.join("\n")).toContain("give --service");
  });
});
