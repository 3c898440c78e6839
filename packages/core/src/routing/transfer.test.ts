import { describe, expect, it } from "vitest";
import type { RuleId, ServiceId } from "../ids/ids";
import type { TicketEvent } from "../ticket/events";
import { compileRules } from "./compile-rules";
import type { RoutedAction } from "./facts";
import { explain, routeTicket } from "./route-ticket";
import { factsFixture, ruleFixture, ticketFixture } from "./ticket-fixture";
import { pendingTransfer, type TransferCheck, transferOf, transferRefusal } from "./transfer";

const svc = (s: string) => s as ServiceId;
const by = { kind: "system", name: "routing" } as const;
const requested = (to: string, at = 1): TicketEvent => ({ type: "TransferRequested", at, by, toServiceId: svc(to), ruleId: "r", reason: null });
const check = (over: Partial<TransferCheck> = {}): TransferCheck =>
  ({ ticket: ticketFixture(), toServiceId: svc("svc-billing"), targetExists: true, chain: [], pending: null, ...over });

describe("transferOf", () => {
  it("takes the first transfer of the run, with its rule and reason", () => {
    const actions: ReadonlyArray<RoutedAction> = [
      { ruleId: "tag" as RuleId, action: { type: "add-tags", tags: ["x"] } },
      { ruleId: "bill" as RuleId, action: { type: "transfer-to-service", serviceId: svc("svc-billing"), reason: "money" } },
      { ruleId: "hr" as RuleId, action: { type: "transfer-to-service", serviceId: svc("svc-hr") } },
    ];
    expect(transferOf(actions)).toEqual({ ruleId: "bill", serviceId: "svc-billing", reason: "money" });
    expect(transferOf(actions.slice(0, 1))).toBeNull();
  });

  it("is reported by explain and routeTicket", () => {
    const compiled = compileRules([ruleFixture({ id: "bill", actions: [{ type: "transfer-to-service", serviceId: svc("svc-billing") }] })]);
    expect(explain(compiled, factsFixture()).transfer).toEqual({ ruleId: "bill", serviceId: "svc-billing", reason: null });
    expect(routeTicket(compiled, factsFixture()).transfer?.serviceId).toBe("svc-billing");
    expect(explain(compileRules([ruleFixture({ id: "none" })]), factsFixture()).transfer).toBeNull();
  });
});

describe("pendingTransfer", () => {
  it("is the last request with no HandedOff after it", () => {
    const handed: TicketEvent = { type: "HandedOff", at: 2, by, to: { serviceId: svc("svc-billing"), ticketId: "t-2" as never, number: "B-1" }, reason: null };
    expect(pendingTransfer([requested("svc-billing")])?.toServiceId).toBe("svc-billing");
    expect(pendingTransfer([requested("svc-billing"), handed])).toBeNull();
    expect(pendingTransfer([])).toBeNull();
  });
});

describe("transferRefusal", () => {
  it("lets a live ticket go to another existing service", () => {
    expect(transferRefusal(check())).toBeNull();
  });
  it("refuses the same service, an unknown one, a closed or merged ticket, and a second transfer", () => {
    expect(transferRefusal(check({ toServiceId: svc("svc-support") }))).toBe("the ticket is already in service svc-support");
    expect(transferRefusal(check({ targetExists: false }))).toBe("service svc-billing does not exist");
    expect(transferRefusal(check({ ticket: ticketFixture({ status: "closed" }) }))).toContain("is closed");
    expect(transferRefusal(check({ ticket: ticketFixture({ mergedInto: { serviceId: svc("svc-support"), ticketId: "t-9" as never, number: "IT-9" } }) }))).toContain("merged into IT-9");
    expect(transferRefusal(check({ pending: svc("svc-hr") }))).toBe("a transfer to svc-hr is already under way");
  });
  it("refuses a transfer back to a service the ticket came through", () => {
    const ticket = ticketFixture({ serviceId: svc("svc-billing") });
    expect(transferRefusal(check({ ticket, toServiceId: svc("svc-support"), chain: [svc("svc-support")] })))
      .toBe("transfer back to svc-support would loop (svc-support → svc-billing → svc-support)");
  });
  it("refuses more hops than the limit", () => {
    const ticket = ticketFixture({ serviceId: svc("svc-c") });
    expect(transferRefusal(check({ ticket, toServiceId: svc("svc-d"), chain: [svc("svc-a"), svc("svc-b")], maxHops: 2 })))
      .toBe("the request was already transferred 2 times (limit 2)");
    expect(transferRefusal(check({ ticket, toServiceId: svc("svc-d"), chain: [svc("svc-a"), svc("svc-b")], maxHops: 3 }))).toBeNull();
  });
});
