import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDesk, defaultServiceSettings } from "@spoc/core";
import { afterEach, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "spoc-default-"));
afterEach(() => {
  delete process.env.SPOC_DB;
});

describe("the embedded default", () => {
  it("createDesk() without a store keeps its tickets in a SQLite file", async () => {
    const file = join(dir, "desk.sqlite");
    process.env.SPOC_DB = `sqlite:${file}`;
    const system = { kind: "system", name: "t" } as const;
    const desk = createDesk();
    await desk.configure.contactList(system, { id: "cl", name: "C" });
    await desk.configure.service(system, { id: "svc", key: "IT", name: "IT", contactListId: "cl", settings: defaultServiceSettings });
    await desk.configure.contact(system, { id: "c", contactListId: "cl", name: "Ann", emails: ["ann@x.example"], phones: [] });
    const t = await desk.openTicket(system, { serviceId: "svc", subject: "hello", channel: "web", requesterId: "c" });
    await desk.store.close();
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}-wal`) || existsSync(file)).toBe(true);
    const again = createDesk();
    expect((await again.getTicket(system, "svc", t.id)).subject).toBe("hello");
    await again.store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
