import { memoryStore, type Store } from "@spoc/core";
import { describe, expect, it } from "vitest";
import { applyConfig } from "../../src/desk-config/index";
import { exampleDir } from "./demo-config";

// The store port has no transaction across configure calls: when the database itself fails
// half-way, apply says how far it got, and applying again finishes without writing twice.
describe("a store that fails half-way through apply", () => {
  it("reports how many changes were written, and the next apply writes only the rest", async () => {
    const inner = memoryStore();
    let groupsWritten = 0;
    let failing = true;
    const store: Store = {
      ...inner,
      async putGroup(group) {
        if (failing && ++groupsWritten > 3) throw new Error("connection lost");
        return inner.putGroup(group);
      },
    };
    const error = await applyConfig({ store }, exampleDir).then(() => undefined, (e: Error) => e);
    expect(error?.message).toMatch(/service\.svc-\w+\.yaml:\d+: groups\.\d+: service svc-\w+ › groups › [\w-]+: .*connection lost.* — \d+ of 32 changes were written before it; run spoc apply again to finish$/);
    const done = Number(/— (\d+) of 32/.exec(error?.message ?? "")?.[1]);
    expect(done).toBeGreaterThan(0);
    failing = false;
    const second = await applyConfig({ store }, exampleDir);
    expect(second.written).toBe(32 - done);
    expect((await applyConfig({ store }, exampleDir)).written).toBe(0);
  });
});
