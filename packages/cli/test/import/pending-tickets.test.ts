import { type AgentId, memoryStore, type ServiceId, type Ticket } from "@spoc/core";
import { describe, expect, it } from "vitest";
import { pendingAwareStore } from "../../src/import/index";

const svc = "svc-p" as ServiceId;
const ticket = (id: string, assigneeId: string | null, status: Ticket["status"]) => ({ id, serviceId: svc, assigneeId, status }) as unknown as Ticket;

describe("pendingAwareStore", () => {
  it("counts tickets replayed but not yet written in the open-ticket counts assignment reads", async () => {
    const unwritten = [
      { stored: undefined, now: ticket("t1", "a1", "open") }, // new, open for a1
      { stored: ticket("t2", "a1", "open"), now: ticket("t2", "a2", "pending-customer") }, // moved from a1 to a2
      { stored: undefined, now: ticket("t3", "a2", "resolved") }, // resolved: not open
    ];
    const view = pendingAwareStore(memoryStore(), () => unwritten);
    const counts = await view.openTicketCounts(svc, ["a1", "a2", "a3"] as AgentId[]);
    // The stored t2 is not in this (empty) store, so a1 ends at 1 + 0 − 1 = 0 by the overlay's arithmetic.
    expect(Object.fromEntries(counts)).toEqual({ a1: 0, a2: 1, a3: 0 });
  });

  it("passes every other method through to the store", async () => {
    const store = memoryStore();
    const view = pendingAwareStore(store, () => []);
    expect(await view.allocateTicketNumber(svc)).toBe(1);
    expect(await store.allocateTicketNumber(svc)).toBe(2);
  });
});
