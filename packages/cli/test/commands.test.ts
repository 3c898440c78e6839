import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/index";

let dir: string;
let out: string[];
let err: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "spoc-cli-"));
  out = [];
  err = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

describe("the spoc command", () => {
  // The demo takes ~6 s of CPU; on a loaded 2-core machine its wall time passed 30 s.
  it("demo writes the scenario to a SQLite file that ticket show reads back", { timeout: 120_000 }, async () => {
    expect(await main(["demo", "--out", dir])).toBe(0);
    expect(out.join("\n")).toContain("handed off to BILL-000001");
    for (const ext of ["html", "xlsx", "pdf"]) expect(existsSync(join(dir, `helpdesk-performance.${ext}`))).toBe(true);
    out = [];
    expect(await main(["ticket", "show", "IT-000001", "--db", `sqlite:${dir}/spoc-demo.sqlite`, "--json"])).toBe(0);
    const shown = JSON.parse(out.join("\n"));
    expect(shown.ticket.number).toBe("IT-000001");
    expect(shown.history.filter((e: { type: string }) => e.type === "MessageAdded")).toHaveLength(5);
  });

  it("migrate prepares an empty database and sweep runs on it", async () => {
    const db = `sqlite:${dir}/fresh.sqlite`;
    expect(await main(["migrate", "--db", db])).toBe(0);
    expect(await main(["sweep", "--db", db, "--json"])).toBe(0);
    expect(JSON.parse(out.at(-1) ?? "{}")).toMatchObject({ claimed: 0, breaches: 0 });
  });

  it("errors are one line and a non-zero exit", async () => {
    expect(await main(["ticket", "show", "ZZ-1", "--db", `sqlite:${dir}/x.sqlite`])).toBe(1);
    expect(await main(["migrate", "--db", "oracle://x"])).toBe(1);
    expect(await main(["demo", "--bogus"])).toBe(2);
    expect(err).toHaveLength(3);
    expect(err.every((l) => l.startsWith("spoc: ") && !l.includes("\n"))).toBe(true);
  });

  it("every command has --help", async () => {
    for (const name of ["demo", "migrate", "sweep", "ticket"]) expect(await main([name, "--help"])).toBe(0);
    expect(out.filter((l) => l.startsWith("Usage: spoc"))).toHaveLength(4);
  });
});
