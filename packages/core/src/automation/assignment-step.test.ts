import { describe, expect, it } from "vitest";
import { ids, itSupport, system } from "../../test/it-support";
import { createDesk } from "../desk/promise";
import { memoryStore } from "../store/memory-store";
import type { StrategyName } from "../assignment/strategy";
import type { Store } from "../store/port";

const DAY = 86_400_000;
const monday9 = Date.UTC(2026, 10, 2, 8, 0); // 09:00 in Madrid
const weekdays = Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "18:00"]]]));
const open = { serviceId: ids.support, subject: "Portal down", channel: "email", requesterId: ids.carla } as const;

/** Level 2 with two members (ag-lee, ag-sam) and one rule assigning every new ticket there by `strategy`. */
async function level2(options: { strategy?: typeof StrategyName.Encoded; skills?: ReadonlyArray<string>; store?: Store; now?: number; sam?: object; lee?: object } = {}) {
  let now = options.now ?? monday9;
  const store = options.store ?? memoryStore();
  const desk = await itSupport({ store, clock: () => now });
  const c = desk.configure;
  const person = (id: string, extra: object = {}) =>
    c.agent(system, { id, name: id, email: `${id}@it.example`, memberships: [{ serviceId: ids.support, role: "agent" }], skills: [], absences: [], ...extra });
  await person(ids.lee, options.lee);
  await person("ag-sam", options.sam);
  await c.group(system, { id: ids.l2, serviceId: ids.support, name: "Level 2", level: "2", members: [ids.lee, "ag-sam"] });
  await c.sla(system, ids.support, { calendars: { madrid: { timeZone: "Europe/Madrid", hours: weekdays } }, policies: [] });
  await c.routingRules(system, ids.support, [
    { id: "to-l2", serviceId: ids.support, name: "Everything to level 2", enabled: true, triggers: ["ticket-opened"], when: { field: "channel", op: "exists" },
      actions: [{ type: "assign-strategy", strategy: options.strategy ?? "round-robin", groupId: ids.l2, ...(options.skills ? { skills: options.skills } : {}) }] },
  ]);
  return { desk, store, at: (t: number) => { now = t; } };
}

describe("assignment in the Desk", () => {
  it("skips an agent whose calendar is closed at the instant of assignment", async () => {
    // Saturday noon: Lee works weekdays (madrid), Sam has no calendar (always on shift).
    const { desk } = await level2({ now: monday9 + 5 * DAY + 3 * 3_600_000, lee: { calendarId: "madrid" } });
    const tickets = [await desk.openTicket(system, open), await desk.openTicket(system, open)];
    expect(tickets.map((t) => t.assigneeId)).toEqual(["ag-sam", "ag-sam"]);
  });

  it("gives an absent member's turn to their substitute", async () => {
    const away = { absences: [{ from: monday9 - DAY, to: monday9 + DAY, reason: "vacation", substituteId: ids.tom }] };
    const { desk } = await level2({ lee: away });
    const t = await desk.openTicket(system, open);
    expect(t.assigneeId).toBe(ids.tom);
  });

  it("breaks a load tie in favour of the least recently assigned, as persisted by another Desk on the same store", async () => {
    const first = await level2({ strategy: "fewest-open" });
    const t = await first.desk.openTicket(system, open);
    expect(t.assigneeId).toBe(ids.lee);
    await first.desk.changeStatus({ kind: "agent", id: ids.lee } as never, { serviceId: ids.support, ticketId: t.id, status: "resolved" });
    // A second process: its own Desk and automation cache, the same store; both agents hold 0 open tickets.
    const second = createDesk({ store: first.store, clock: () => monday9 + 60_000 });
    const u = await second.openTicket(system, open);
    expect(u.assigneeId).toBe("ag-sam");
  });

  it("assigns by least-recent when a rule names it", async () => {
    const { desk, at } = await level2({ strategy: "least-recent" });
    const names: Array<string | null> = [];
    for (let i = 0; i < 3; i++) {
      at(monday9 + i * 60_000);
      names.push((await desk.openTicket(system, open)).assigneeId);
    }
    expect(names).toEqual([ids.lee, "ag-sam", ids.lee]);
  });

  it("leaves the ticket in the group queue when a rule names the queue strategy", async () => {
    const { desk } = await level2({ strategy: "queue" });
    const t = await desk.openTicket(system, open);
    expect([t.groupId, t.assigneeId]).toEqual([ids.l2, null]);
  });

  it("the skills strategy takes turns among the members who have every skill the rule names", async () => {
    const { desk } = await level2({ strategy: "skills", skills: ["network"], sam: { skills: ["network"] } });
    const t = [await desk.openTicket(system, open), await desk.openTicket(system, open)];
    expect(t.map((x) => x.assigneeId)).toEqual(["ag-sam", "ag-sam"]);
  });

  it("a rule naming an agent of another service records a note and assigns nobody", async () => {
    const { desk } = await level2();
    await desk.configure.routingRules(system, ids.support, [
      { id: "to-bea", serviceId: ids.support, name: "To Bea", enabled: true, triggers: ["ticket-opened"], when: { field: "channel", op: "exists" },
        actions: [{ type: "assign-agent", agentId: ids.bea }] },
    ]);
    const t = await desk.openTicket(system, open);
    const history = await desk.history(system, ids.support, t.id);
    expect(t.assigneeId).toBeNull();
    expect(history.some((e) => e.event.type === "MessageAdded" && e.event.body.includes(`not assigned to agent ${ids.bea}`))).toBe(true);
  });

  it("a rule naming a group of another service records a note and leaves the group unchanged", async () => {
    const { desk } = await level2({ strategy: "round-robin" });
    await desk.configure.routingRules(system, ids.support, [
      { id: "to-billing", serviceId: ids.support, name: "To billing's desk", enabled: true, triggers: ["ticket-opened"], when: { field: "channel", op: "exists" },
        actions: [{ type: "assign-group", groupId: ids.billingDesk }, { type: "assign-strategy", strategy: "round-robin", groupId: ids.billingDesk }] },
    ]);
    const t = await desk.openTicket(system, open);
    const notes = (await desk.history(system, ids.support, t.id)).flatMap((e) => (e.event.type === "MessageAdded" && e.event.kind === "note" ? [e.event.body] : []));
    expect([t.groupId, t.assigneeId]).toEqual([null, null]);
    expect(notes).toHaveLength(2);
  });
});
