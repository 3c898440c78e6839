import * as Result from "effect/Result";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor";
import type { ContactId, ServiceId, TicketId } from "../ids/ids";
import { defaultServiceSettings, type Service } from "../service/schema";
import type { Command } from "./commands";
import { decide, type DecideContext } from "./decide";
import { CommandRejected, IllegalTransition } from "./errors";
import type { TicketEvent } from "./events";
import { evolve, fold } from "./evolve";
import type { Ticket } from "./schema";
import { canTransition } from "./status";

const serviceId = "svc" as ServiceId;
const ticketId = "t-1" as TicketId;
const service: Service = { id: serviceId, key: "IT", name: "IT", contactListId: "cl" as never, settings: defaultServiceSettings };
const actor: Actor = { kind: "agent", id: "ag-1" as never };
let n = 0;
const ctx = (now: number): DecideContext => ({ now, actor, service, newId: () => `id-${n++}`, opening: { ticketId, number: "IT-000001" } });

const run = (commands: ReadonlyArray<Record<string, unknown>>, start = 0) => {
  let history: TicketEvent[] = [];
  let t: Ticket | undefined;
  const errors: unknown[] = [];
  commands.forEach((c, i) => {
    const r = decide({ serviceId, ticketId, ...c } as Command, t, ctx(start + i * 60_000));
    if (Result.isFailure(r)) return errors.push(r.failure);
    history = history.concat(r.success);
    for (const e of r.success) t = evolve(t, e);
  });
  return { history, ticket: t as Ticket, errors };
};
const open = { type: "OpenTicket", subject: "Printer jam", channel: "phone", requesterId: "c-1" as ContactId };

describe("decide", () => {
  it("opens a ticket with the service's default priority, or one from impact × urgency", () => {
    expect(run([open]).ticket.priority).toBe("normal");
    expect(run([{ ...open, impact: "high", urgency: "high" }]).ticket.priority).toBe("urgent");
  });

  it("refuses an illegal status transition with a typed error and records nothing", () => {
    const { errors, history } = run([open, { type: "ChangeStatus", status: "closed" }]);
    expect(errors[0]).toBeInstanceOf(IllegalTransition);
    expect(history.map((e) => e.type)).toEqual(["TicketOpened"]);
  });

  it("moves a new ticket to open when an agent takes it", () => {
    expect(run([open, { type: "Assign", agentId: "ag-1" }]).ticket.status).toBe("open");
  });

  it("a customer answer ends a pending-customer wait", () => {
    const r = run([open, { type: "ChangeStatus", status: "pending-customer" }, { type: "AddMessage", kind: "customer", body: "here" }]);
    expect(r.ticket.status).toBe("open");
  });

  it("reopens a resolved ticket within the window and refuses after it", () => {
    const resolved = [open, { type: "ChangeStatus", status: "resolved" }];
    expect(run([...resolved, { type: "Reopen" }]).ticket.status).toBe("open");
    const late = run(resolved);
    const r = decide({ type: "Reopen", serviceId, ticketId }, late.ticket, ctx(8 * 86_400_000 + 120_000));
    expect(Result.isFailure(r) && r.failure).toBeInstanceOf(CommandRejected);
  });

  it("logs billable time at a rate and rolls it up to cost", () => {
    const r = run([open, { type: "LogTime", minutes: 45, billable: true, rateCentsPerHour: 10_000 }, { type: "LogTime", minutes: 15, billable: false }]);
    expect(r.ticket.timeMinutes).toBe(60);
    expect(r.ticket.billableMinutes).toBe(45);
    expect(r.ticket.costCents).toBe(7_500);
  });

  it("a closed ticket takes no more messages", () => {
    const r = run([open, { type: "ChangeStatus", status: "resolved" }, { type: "ChangeStatus", status: "closed" }, { type: "AddMessage", kind: "reply", body: "x" }]);
    expect((r.errors[0] as CommandRejected).code).toBe("TicketClosed");
  });

  it("counts group reassignments and keeps the first responder", () => {
    const r = run([open, { type: "Assign", groupId: "g1" }, { type: "AddMessage", kind: "reply", body: "hi" },
      { type: "Transfer", toGroupId: "g2", reason: "level 2" }, { type: "Transfer", toGroupId: "g3", reason: "vendor" }]);
    expect(r.ticket.groupReassignments).toBe(2);
    expect(r.ticket.responders).toEqual(["ag-1"]);
    expect(r.ticket.firstResponseAt).not.toBeNull();
  });

  it("does not mutate the ticket it decides on", () => {
    const { ticket } = run([open]);
    const frozen = structuredClone(ticket);
    decide({ type: "ChangeStatus", serviceId, ticketId, status: "open" }, ticket, ctx(1));
    expect(ticket).toEqual(frozen);
  });
});

const arbCommand = fc.oneof(
  fc.record({ type: fc.constant("ChangeStatus"), status: fc.constantFrom("new", "open", "pending-customer", "pending-third-party", "resolved", "closed") }),
  fc.record({ type: fc.constant("AddMessage"), kind: fc.constantFrom("customer", "reply", "note"), body: fc.string() }),
  fc.record({ type: fc.constant("Assign"), groupId: fc.constantFrom("g1", "g2", null), agentId: fc.constantFrom("a1", "a2", null) }),
  fc.record({ type: fc.constant("Transfer"), toGroupId: fc.constantFrom("g1", "g2"), reason: fc.constant("r") }),
  fc.record({ type: fc.constant("ChangePriority"), priority: fc.constantFrom("low", "normal", "high", "urgent") }),
  fc.record({ type: fc.constant("Reopen") }),
  fc.record({ type: fc.constant("LogTime"), minutes: fc.integer({ min: 1, max: 500 }), billable: fc.boolean(), rateCentsPerHour: fc.integer({ min: 0, max: 20_000 }) }),
  fc.record({ type: fc.constant("UpdateFields"), addTags: fc.array(fc.constantFrom("vip", "vpn", " VPN "), { maxLength: 3 }) }),
  fc.record({ type: fc.constant("Rate"), score: fc.integer({ min: 1, max: 5 }) }),
);

describe("decide/evolve properties", () => {
  it("for any command sequence the projection equals the fold of the history, and every status change was legal", () => {
    fc.assert(fc.property(fc.array(arbCommand, { maxLength: 40 }), (cmds) => {
      const { history, ticket } = run([open, ...cmds]);
      expect(fold(history)).toEqual(ticket);
      expect(ticket.version).toBe(history.length);
      for (const e of history) {
        if (e.type === "StatusChanged") expect(canTransition(e.from, e.to)).toBe(true);
      }
      expect(ticket.costCents).toBeGreaterThanOrEqual(0);
      expect(new Set(ticket.tags).size).toBe(ticket.tags.length);
      if (ticket.status === "closed") expect(ticket.closedAt).not.toBeNull();
    }), { numRuns: 300 });
  });
});
