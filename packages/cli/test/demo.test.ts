import { describe, expect, it } from "vitest";
import { memoryStore } from "@spoc/core";
import { main, runDemo } from "../src/index";

describe("spoc demo", () => {
  it("prints the timeline of the scenario, from phone call to hand-off", async () => {
    const lines: string[] = [];
    await runDemo({ store: memoryStore(), out: (l) => lines.push(l) });
    const text = lines.join("\n");
    expect(text).toContain("IT-000001");
    expect(text).toContain("transferred from Technical lead's team to Level 2");
    expect(text).toContain("handed off to BILL-000001");
    expect(text).toContain("cost 120.00");
    expect(text).toContain("BILL-000001 received from IT-000001 (Customer Support): 5 messages (1 internal), 90 min logged (90 billable), cost 120.00 EUR.");
  });

  it("answers an unknown command with one line and a non-zero exit", async () => {
    expect(await main(["frobnicate"])).toBe(2);
  });
});
