import { describe, expect, it } from "vitest";
import type { ServiceId } from "../ids/ids";
import { allocateTicketNumbers } from "./batch";
import { memoryStore } from "./memory-store";

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
