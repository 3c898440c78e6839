import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzBudgetMs, fuzzParameters, fuzzTimeout, hostileValue, nearValid, recordingStore, timed } from "../../test/fuzz";
import { agent, contact, ids, itSupport, system } from "../../test/it-support";
import type { Actor } from "../auth/actor";
import { memoryStore } from "../store/memory-store";
import { isDeskError } from "./errors";


// Fuzz suite (issue 20, part 10): every command the Desk decodes, and every directory and
// configuration document, from hostile actors and inputs. Only the Desk's typed errors, no input
// past the time budget, and a rejected input writes nothing at all (no event, no directory entry,
// no configuration, not even a ticket number).

/** A desk of the IT Support scenario on a store that records its writes, with two tickets. */
async function world() {
  const recorded = recordingStore(memoryStore());
  const desk = await itSupport({ store: recorded.store });
  const open = { serviceId: ids.support, subject: "Printer on fire", channel: "email", requesterId: ids.carla } as const;
  const t1 = await desk.openTicket(system, open);
  const t2 = await desk.openTicket(system, { ...open, subject: "VPN", organizationId: "org-acme", tags: ["vpn"] });
  const closed = await desk.openTicket(system, { ...open, subject: "Old" });
  await desk.execute(system, { type: "ChangeStatus", serviceId: ids.support, ticketId: closed.id, status: "resolved" });
  await desk.execute(system, { type: "ChangeStatus", serviceId: ids.support, ticketId: closed.id, status: "closed" });
  return { desk, writes: recorded.writes, tickets: [t1.id, t2.id, closed.id] };
}

const actors = (extra: ReadonlyArray<unknown> = []): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom<Actor>(system, agent(ids.ana), agent(ids.boss), agent(ids.bea), agent(ids.vic), contact(ids.carla), contact(ids.dan), agent("ag-nobody")) },
    { weight: 1, arbitrary: nearValid([system, agent(ids.ana), contact(ids.carla), ...extra]) },
  );

/** Valid commands of every type on the world's tickets: the seeds the mutations start from. */
const commandExamples = (tickets: ReadonlyArray<string>) => {
  const [t1, t2] = tickets as unknown as [string, string];
  const on = { serviceId: ids.support, ticketId: t1 };
  return [
    { type: "OpenTicket", serviceId: ids.support, subject: "Help", channel: "web", requesterId: ids.carla, description: "d", tags: ["a"], customFields: { n: 1 }, externalId: "ext-1", priority: "high" },
    { type: "AddMessage", ...on, kind: "customer", body: "hi", channel: "email", externalId: "<m@x>" },
    { type: "AddMessage", ...on, kind: "internal-note", body: "note" },
    { type: "Assign", ...on, groupId: ids.l1, agentId: ids.ana, reason: "r" },
    { type: "Transfer", ...on, toGroupId: ids.l2, reason: "needs L2" },
    { type: "ChangePriority", ...on, impact: "high", urgency: "low" },
    { type: "UpdateFields", ...on, subject: "s", category: null, addTags: ["x"], removeTags: ["a"], customFields: { k: "v" } },
    { type: "ChangeStatus", ...on, status: "pending-customer", reason: "waiting", publicReason: true },
    { type: "Reopen", ...on, reason: "again" },
    { type: "Link", ...on, kind: "related", other: { serviceId: ids.support, ticketId: t2 } },
    { type: "Merge", ...on, into: t2 },
    { type: "LogTime", ...on, minutes: 30, billable: true, rateCentsPerHour: 5000, note: "n" },
    { type: "Rate", ...on, score: 4, comment: "ok" },
    { type: "HandOff", ...on, toServiceId: ids.billing, reason: "money", toGroupId: ids.billingDesk },
  ];
};

/** Calls `f` with the input; fails the property on anything but success or a typed Desk error, slowness, or a write by a rejection. */
const checked = async (writes: string[], f: () => Promise<unknown>) => {
  writes.length = 0;
  const { value: outcome, ms } = await timed(() => f().then(() => ({ ok: true as const }), (e: unknown) => ({ ok: false as const, e })));
  expect(ms, "time budget").toBeLessThan(fuzzBudgetMs);
  if (outcome.ok) return;
  if (!isDeskError(outcome.e)) throw new Error(`untyped failure: ${String(outcome.e)}`, { cause: outcome.e });
  expect(writes, `writes of a rejected input (${(outcome.e as Error).message})`).toEqual([]);
};

describe("fuzz: the Desk's commands", () => {
  it("decodes any command from any actor into a result or a typed error, writing nothing when it refuses", { timeout: fuzzTimeout }, async () => {
    const { desk, writes, tickets } = await world();
    await fc.assert(
      fc.asyncProperty(actors(), nearValid(commandExamples(tickets)), async (actor, command) => {
        await checked(writes, () => desk.execute(actor as Actor, command as never));
      }),
      fuzzParameters(),
    );
  });

  it("a hand-off of a merged ticket is refused before the receiving service gets a ticket (found by this suite)", { timeout: fuzzTimeout }, async () => {
    const { desk, writes, tickets } = await world();
    const [t1, t2] = tickets as unknown as [string, string];
    await desk.execute(system, { type: "Merge", serviceId: ids.support, ticketId: t1, into: t2 });
    await checked(writes, () => desk.execute(system, { type: "HandOff", serviceId: ids.support, ticketId: t1, toServiceId: ids.billing }));
    expect((await desk.listTickets(system, ids.billing)).items).toEqual([]);
  });

  it("reads (getTicket, listTickets, history) take hostile ids and queries", { timeout: fuzzTimeout }, async () => {
    const { desk, writes, tickets } = await world();
    const ticketId = fc.oneof(fc.constantFrom(...tickets), hostileValue);
    const serviceId = fc.oneof(fc.constantFrom(ids.support, ids.billing), hostileValue);
    await fc.assert(
      fc.asyncProperty(actors(), serviceId, ticketId, nearValid([{ limit: 5 }, { status: "open", tag: "vpn" }, { after: "abc" }]), async (actor, s, t, query) => {
        const a = actor as Actor;
        await checked(writes, () => desk.getTicket(a, s as never, t as never));
        await checked(writes, () => desk.history(a, s as never, t as never));
        await checked(writes, () => desk.listTickets(a, s as never, query as never));
      }),
      fuzzParameters(),
    );
  });
});

describe("fuzz: configure", () => {
  const directory = {
    service: { id: "svc-new", key: "NEW", name: "New", contactListId: ids.list, settings: { reopenWindowDays: 7, numberWidth: 6 } },
    contactList: { id: "cl-new", name: "New list" },
    contact: { id: "c-new", contactListId: ids.list, name: "New", emails: ["n@example.com"], phones: [] },
    organization: { id: "org-new", contactListId: ids.list, name: "Org", domains: ["org.example"], tier: "gold" },
    group: { id: "grp-new", serviceId: ids.support, name: "G", level: "1", members: [ids.ana] },
    agent: { id: "ag-new", name: "New", email: "new@it.example", memberships: [{ serviceId: ids.support, role: "agent" }], skills: [], absences: [] },
  } as const;

  for (const [what, example] of Object.entries(directory)) {
    it(`configure.${what} answers hostile documents with a typed error and no write`, { timeout: fuzzTimeout }, async () => {
      const { desk, writes } = await world();
      const configure = desk.configure[what as keyof typeof directory] as (a: Actor, i: unknown) => Promise<unknown>;
      await fc.assert(
        fc.asyncProperty(actors(), nearValid([example]), async (actor, input) => {
          await checked(writes, () => configure(actor as Actor, input));
        }),
        fuzzParameters(2),
      );
    });
  }

  const routing = [{
    id: "gold", serviceId: ids.support, name: "Gold to L2", enabled: true, triggers: ["ticket-opened"],
    when: { all: [{ field: "tier", op: "equals", value: "gold" }, { field: "subject", op: "matches", value: "(?i)down|outage" }] },
    actions: [{ type: "assign-group", groupId: ids.l2 }, { type: "assign-strategy", strategy: "round-robin", groupId: ids.l2 }, { type: "add-tags", tags: ["vip"] }],
  }];
  const sla = {
    calendars: { madrid: { timeZone: "Europe/Madrid", hours: { mon: [["09:00", "18:00"]], fri: [["09:00", "14:00"]] }, holidays: ["2026-12-25"] } },
    policies: [{ id: "standard", calendarId: "madrid", targets: { "first-response": { high: 60, normal: 240 }, resolution: { high: 480, normal: 1440 } } }],
  };
  const escalation = {
    id: "no-answer", serviceId: ids.support, name: "Customer waiting", enabled: true,
    condition: { kind: "sla-threshold", metric: "first-response", threshold: "breach" },
    levels: [{ level: 1, actions: [{ kind: "notify-lead" }] }, { level: 2, afterMinutes: 60, actions: [{ kind: "raise-priority" }] }],
  };
  const documents = { routingRules: routing, sla, escalationRule: escalation } as const;

  for (const [what, example] of Object.entries(documents)) {
    it(`configure.${what} (the rule and SLA decoders) answers hostile documents with a typed error and no write`, { timeout: fuzzTimeout }, async () => {
      const { desk, writes } = await world();
      const configure = desk.configure[what as keyof typeof documents] as (a: Actor, s: string, i: unknown) => Promise<unknown>;
      await fc.assert(
        fc.asyncProperty(actors(), fc.oneof(fc.constant(ids.support), hostileValue), nearValid([example]), async (actor, serviceId, input) => {
          await checked(writes, () => configure(actor as Actor, serviceId as string, input));
        }),
        fuzzParameters(),
      );
    });
  }
});


