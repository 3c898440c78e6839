import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDesk, defaultServiceSettings } from "@spoc/core";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../src/index";

const dir = mkdtempSync(join(tmpdir(), "spoc-default-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the embedded default, wired by the host", () => {
  it("a desk over openStore(sqlite:…) keeps its tickets in the SQLite file across openings", async () => {
    const url = `sqlite:${join(dir, "desk.sqlite")}`;
    const system = { kind: "system", name: "t" } as const;
    const first = await openStore(url);
    const desk = createDesk({ store: first.store });
    await desk.configure.contactList(system, { id: "cl", name: "C" });
    await desk.configure.service(system, { id: "svc", key: "IT", name: "IT", contactListId: "cl", settings: defaultServiceSettings });
    await desk.configure.contact(system, { id: "c", contactListId: "cl", name: "Ann", emails: ["ann@x.example"], phones: [] });
    const t = await desk.openTicket(system, { serviceId: "svc", subject: "hello", channel: "web", requesterId: "c" });
    await first.close();
    expect(existsSync(join(dir, "desk.sqlite"))).toBe(true);
    const second = await openStore(url);
    const again = createDesk({ store: second.store });
    expect((await again.getTicket(system, "svc", t.id)).subject).toBe("hello");
    await second.close();
  });

  it("@spoc/core does not load a store adapter of its own (no import of @spoc/store-kysely in its build)", () => {
    const core = readFileSync(new URL("../../core/dist/index.js", import.meta.url), "utf8");
    expect(core).not.toContain("@spoc/store-kysely");
  });
});
