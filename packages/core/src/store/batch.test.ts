import { describe, expect, it } from "vitest";
import type { AgentId, ContactId, ContactListId, GroupId, ServiceId } from "../ids/ids";
import { allocateTicketNumbers, putDirectory } from "./batch";
import { memoryStore } from "./memory-store";
import type { DirectoryEntries } from "./port";

const svc = "svc-1" as ServiceId;

describe("allocateTicketNumbers", () => {
  it("takes one consecutive block where the store allocates blocks", async () => {
    const store = memoryStore();
    await store.allocateTicketNumber(svc);
    expect(await allocateTicketNumbers(store, svc, 3)).toEqual([2, 3, 4]);
    expect(await store.allocateTicketNumber(svc)).toBe(5);
  });

  it("falls back to one number at a time for a store without blocks", async () => {
    const base = memoryStore();
    const { allocateTicketNumberBlock: _none, ...store } = base;
    expect(await allocateTicketNumbers(store, svc, 2)).toEqual([1, 2]);
  });

  it("refuses a negative or fractional count and allocates nothing for zero", async () => {
    const store = memoryStore();
    await expect(allocateTicketNumbers(store, svc, -1)).rejects.toThrow(RangeError);
    await expect(allocateTicketNumbers(store, svc, 1.5)).rejects.toThrow(RangeError);
    expect(await allocateTicketNumbers(store, svc, 0)).toEqual([]);
    expect(await store.allocateTicketNumber(svc)).toBe(1);
  });
});

describe("putDirectory", () => {
  const list = "list-1" as ContactListId;
  const entries: DirectoryEntries = {
    contacts: [{ id: "c-1" as ContactId, contactListId: list, name: "Ann", emails: ["ann@example.com"], phones: [] }],
    groups: [{ id: "g-1" as GroupId, serviceId: svc, name: "L1", level: "1", members: [] }],
    agents: [{ id: "a-1" as AgentId, name: "Bo", email: "", memberships: [{ serviceId: svc, role: "agent" }], skills: [], absences: [] }],
  };

  it("writes every entry one put at a time for a store without putDirectory", async () => {
    const store = memoryStore();
    await putDirectory(store, entries);
    expect((await store.getContact(list, "c-1" as ContactId))?.name).toBe("Ann");
    expect((await store.findContactByEmail(list, "ANN@example.com"))?.id).toBe("c-1");
    expect((await store.listGroups(svc)).map((g) => g.id)).toEqual(["g-1"]);
    expect((await store.listAgents(svc)).map((a) => a.id)).toEqual(["a-1"]);
  });

  it("hands the entries to the store's putDirectory where it has one, and does nothing for none", async () => {
    const seen: unknown[] = [];
    const store = { ...memoryStore(), putDirectory: async (e: unknown) => { seen.push(e); } };
    await putDirectory(store, entries);
    await putDirectory(store, { contacts: [], agents: [] });
    expect(seen).toEqual([entries]);
    expect(await store.listAgents(svc)).toEqual([]);
  });
});
