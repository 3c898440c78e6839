import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InvalidInput } from "../validation/invalid-input";
import { compileRules } from "./compile-rules";
import { decodeRules } from "./decode-rules";
import { routeTicket } from "./route-ticket";
import { factsFixture } from "./ticket-fixture";

/** The example rule set in docs/routing.md, so the documentation cannot drift from the language. */
const docRules = () => {
  const doc = readFileSync(new URL("../../../../docs/routing.md", import.meta.url), "utf8");
  const section = doc.slice(doc.indexOf("### Example"));
  const json = /```json\n([\s\S]*?)```/.exec(section)?.[1] ?? "[]";
  const rules = decodeRules(JSON.parse(json));
  if (rules instanceof InvalidInput) throw rules;
  return compileRules(rules);
};
const ctx = { isOpen: () => false };

describe("the level-1 desk example in docs/routing.md", () => {
  it("decodes", () => {
    expect(docRules().rules.map((r) => r.id)).toEqual(["outage-to-noc", "vip", "network-to-l2", "printers-to-vendor", "after-hours-vip", "stale-l2"]);
  });

  it("sends an outage to the NOC and stops", () => {
    const r = routeTicket(docRules(), factsFixture({ subject: "Email is DOWN for everyone" }), ctx);
    expect([r.fired, r.stoppedBy]).toEqual([["outage-to-noc"], "outage-to-noc"]);
  });

  it("routes a gold customer's printer to the vendor and pages on-call out of hours", () => {
    const r = routeTicket(docRules(), factsFixture(), ctx);
    expect(r.fired).toEqual(["vip", "printers-to-vendor", "after-hours-vip"]);
  });

  it("raises an idle level-2 ticket on the time-based sweep", () => {
    const facts = factsFixture({ groupId: "l2-network" as never }, { trigger: "time-based", now: 300 * 60_000 });
    expect(routeTicket(docRules(), facts, ctx).fired).toEqual(["stale-l2"]);
  });
});
