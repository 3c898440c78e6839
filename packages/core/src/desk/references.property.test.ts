import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agent, ids, itSupport, system } from "../../test/it-support";
import { roleIn } from "../auth/authorize";

const groupIds = [ids.l1, ids.lead, ids.l2, ids.billingDesk, "grp-typo"];
const agentIds = [ids.ana, ids.tom, ids.lee, ids.bea, ids.boss, "ag-viewer", "ag-typo"];
const actors = [ids.ana, ids.tom, ids.bea, ids.boss];

const step = fc.oneof(
  fc.record({
    type: fc.constant("Assign" as const), by: fc.constantFrom(...actors),
    groupId: fc.option(fc.constantFrom(...groupIds), { nil: undefined }), agentId: fc.option(fc.constantFrom(...agentIds), { nil: undefined }),
  }),
  fc.record({
    type: fc.constant("Transfer" as const), by: fc.constantFrom(...actors),
    toGroupId: fc.constantFrom(...groupIds), toAgentId: fc.option(fc.constantFrom(...agentIds), { nil: undefined }),
  }),
  fc.record({ type: fc.constant("LogTime" as const), by: fc.constantFrom(...actors), agentId: fc.option(fc.constantFrom(...agentIds), { nil: undefined }) }),
);

describe("references, on random commands", () => {
  it("no command leaves a ticket held by an agent outside its service or in another service's group", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(ids.support, ids.billing), step), { maxLength: 25 }), async (steps) => {
        const desk = await itSupport({ clock: () => Date.UTC(2026, 10, 2, 9) });
        await desk.configure.agent(system, { id: "ag-viewer", name: "Vic", email: "v@x", memberships: [{ serviceId: ids.support, role: "viewer" }, { serviceId: ids.billing, role: "viewer" }], skills: [], absences: [] });
        const open = (serviceId: string) => desk.openTicket(system, { serviceId, subject: "s", channel: "web", requesterId: ids.dan });
        const tickets = { [ids.support]: (await open(ids.support)).id, [ids.billing]: (await open(ids.billing)).id };
        for (const [serviceId, s] of steps) {
          const target = { serviceId, ticketId: tickets[serviceId] as string };
          const run = s.type === "Assign"
            ? desk.assign(agent(s.by), { ...target, ...(s.groupId ? { groupId: s.groupId } : {}), ...(s.agentId ? { agentId: s.agentId } : {}) })
            : s.type === "Transfer"
              ? desk.transfer(agent(s.by), { ...target, toGroupId: s.toGroupId, ...(s.toAgentId ? { toAgentId: s.toAgentId } : {}), reason: "r" })
              : desk.logTime(agent(s.by), { ...target, minutes: 5, billable: false, ...(s.agentId ? { agentId: s.agentId } : {}) });
          await run.catch(() => undefined);
        }
        for (const serviceId of [ids.support, ids.billing]) {
          const t = await desk.getTicket(system, serviceId, tickets[serviceId] as string);
          if (t.groupId !== null) expect((await desk.store.getGroup(serviceId as never, t.groupId as never))?.serviceId).toBe(serviceId);
          if (t.assigneeId !== null) {
            const holder = await desk.store.getAgent(t.assigneeId as never);
            expect(holder && roleIn(holder, serviceId as never)).toMatch(/^(agent|lead|admin)$/);
          }
          for (const e of await desk.history(system, serviceId, t.id)) {
            if (e.event.type === "TimeLogged") expect(roleIn((await desk.store.getAgent(e.event.agentId))!, serviceId as never)).toBeDefined();
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
