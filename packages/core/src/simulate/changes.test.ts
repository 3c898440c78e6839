import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor";
import type { TicketEvent } from "../ticket/events";
import { opened } from "../sla/test-history";
import { changesOf } from "./changes";

const T = Date.UTC(2026, 10, 2, 9);
const sys = (name: string): Actor => ({ kind: "system", name });
const ana: Actor = { kind: "agent", id: "ag-ana" } as Actor;
const note = (at: number, by: Actor): TicketEvent => ({ type: "MessageAdded", at, by, messageId: `m-${at}` as never, kind: "note", channel: "email", subject: null, body: "x", externalId: null, automatic: false });
const applied = (at: number): TicketEvent => ({ type: "SlaApplied", at, by: sys("sla"), policyId: "p", summary: [], nextDeadline: null } as unknown as TicketEvent);
const deadline = (at: number, by: string): TicketEvent => ({ type: "DeadlineSet", at, by: sys(by), nextDeadline: null, reason: "r" });
const escalated = (at: number): TicketEvent => ({ type: "Escalated", at, by: sys("escalation"), ruleId: "late", level: 1, reason: "r", actions: [] });

describe("changesOf", () => {
  it("groups a command's events with the automation that followed them", () => {
    const changes = changesOf([opened(T), applied(T), note(T + 1, ana), applied(T + 1), deadline(T + 1, "deadline")]);
    expect(changes.map((c) => [c.kind, c.decided.length, c.automation.length])).toEqual([["command", 1, 1], ["command", 1, 2]]);
  });

  it("starts a sweep's change at escalation events written at the instant of a command", () => {
    const changes = changesOf([opened(T), applied(T), deadline(T, "deadline"), escalated(T), deadline(T, "escalation")]);
    expect(changes.map((c) => [c.kind, c.automation.length])).toEqual([["command", 2], ["time", 2]]);
  });

  it("tells apart two commands of one actor at one instant with no automation between them", () => {
    const changes = changesOf([opened(T), note(T + 1, ana), note(T + 1, ana)]);
    expect(changes.map((c) => c.decided.length)).toEqual([1, 1, 1]);
  });

  it("keeps a host hook's events in the change whose automation they followed", () => {
    const changes = changesOf([opened(T), applied(T), note(T, sys("email"))]);
    expect(changes.map((c) => [c.kind, c.host.length])).toEqual([["command", 1]]);
  });

  it("treats a transfer's closing write as a change of its own", () => {
    const changes = changesOf([opened(T), applied(T), note(T, sys("transfer"))]);
    expect(changes.map((c) => c.kind)).toEqual(["command", "command"]);
  });
});
