import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/index";

// The shared corpus sits beside the repository (or where SPOC_SHARED_DIR says); it is never copied in.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const casesDir = join(process.env.SPOC_SHARED_DIR ?? join(repoRoot, "..", "shared"), "email", "cases");
const missing = existsSync(casesDir) ? null : `email corpus not found at ${casesDir} (set SPOC_SHARED_DIR)`;
if (missing) console.warn(`skipping spoc email ingest over the corpus: ${missing}`);

interface Label { kind: string; messages: Array<{ file: string; subject: string | null }>; threadGroup: string[] | null }
/** The thread case with the longest thread group. */
const longestThread = () => {
  const cases = readdirSync(casesDir)
    .filter((id) => existsSync(join(casesDir, id, "label.json")))
    .map((id) => ({ id, label: JSON.parse(readFileSync(join(casesDir, id, "label.json"), "utf8")) as Label }))
    .filter((c) => c.label.kind === "thread" && c.label.threadGroup !== null)
    .sort((a, b) => b.label.threadGroup!.length - a.label.threadGroup!.length || a.id.localeCompare(b.id));
  return cases[0]!;
};

let dir: string;
let out: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "spoc-cli-email-"));
  out = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe("spoc email ingest", () => {
  it("needs a service key and files", async () => {
    expect(await main(["email", "ingest", "--db", `sqlite:${dir}/x.sqlite`])).toBe(2);
    expect(await main(["email", "ingest", "a.eml", "--db", `sqlite:${dir}/x.sqlite`, "--service", "it"])).toBe(2);
  });

  describe.skipIf(missing !== null)("over a conversation of the shared corpus", () => {
    it("files the whole thread on one ticket that ticket show prints with decoded messages", async () => {
      const { id, label } = longestThread();
      const files = label.messages.map((m) => join(casesDir, id, m.file));
      const db = `sqlite:${dir}/mail.sqlite`;
      expect(await main(["email", "ingest", ...files, "--db", db, "--service", "IT"])).toBe(0);
      const lines = out.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(files.length);
      expect(Object.keys(lines[0]!)).toEqual(["file", "action", "ticket", "reason", "messageId", "subject", "automatic"]);
      const group = new Set(label.threadGroup);
      // A list member who is not a participant of the ticket they answer gets a new ticket linked to it (participants-only threading).
      const linked = (l: Record<string, unknown>) => /^new ticket .*linked to IT-/.test(String(l.reason));
      const inGroup = lines.filter((l) => group.has(String(l.file).split("/").at(-1)!) && !linked(l));
      expect(new Set(inGroup.map((l) => l.ticket))).toEqual(new Set(["IT-000001"]));
      expect(inGroup.filter((l) => l.action === "created")).toHaveLength(1);

      out = [];
      expect(await main(["ticket", "show", "IT-000001", "--db", db, "--json"])).toBe(0);
      const shown = JSON.parse(out.join("\n")) as { history: Array<{ type: string; subject: string | null; body: string }> };
      const messages = shown.history.filter((e) => e.type === "MessageAdded");
      expect(messages).toHaveLength(inGroup.length);
      const onTicket = new Set(inGroup.map((l) => String(l.file).split("/").at(-1)));
      const subjects = label.messages.filter((m) => onTicket.has(m.file)).map((m) => m.subject);
      expect(messages.map((m) => m.subject)).toEqual(subjects);
      expect(messages.every((m) => m.body.length > 0)).toBe(true);
    });

    it("prints every message as ignored when the files are ingested again", async () => {
      const { id, label } = longestThread();
      const files = label.messages.map((m) => join(casesDir, id, m.file));
      const db = `sqlite:${dir}/again.sqlite`;
      await main(["email", "ingest", ...files, "--db", db, "--service", "IT"]);
      out = [];
      expect(await main(["email", "ingest", ...files, "--db", db, "--service", "IT"])).toBe(0);
      expect(out.map((l) => (JSON.parse(l) as { action: string }).action)).toEqual(files.map(() => "ignored"));
    });
  });
});
