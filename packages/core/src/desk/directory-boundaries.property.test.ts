import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agent, contact, ids, itSupport, system } from "../../test/it-support";
import type { Actor } from "../auth/actor";
import type { PromiseDesk } from "./promise";

// Service A is Support, B is Billing (they share the contact list, as in the scenario).
const A = ids.support;
const B = ids.billing;
const agentIds = [ids.ana, ids.tom, ids.bea, ids.boss, ids.vic, "ag-sam", "ag-dual", "ag-new"] as const;
const roles = ["viewer", "agent", "lead", "admin"] as const;

const setUp = async () => {
  const desk = await itSupport();
  const person = (id: string, memberships: object[]) =>
    desk.configure.agent(system, { id, name: id, email: `${id}@it.example`, memberships: memberships as never, skills: ["s"], absences: [] });
  await person("ag-sam", [{ serviceId: A, role: "admin" }]);
  // An admin of A who also works in B as an agent: still no say over B's directory.
  await person("ag-dual", [{ serviceId: A, role: "admin" }, { serviceId: B, role: "agent" }]);
  await desk.configure.contact(system, { id: "c-bill", contactListId: ids.list, name: "Bill Payer", emails: ["bill@pay.example"], phones: [] });
  return desk;
};

// Everything B's staff and customers rely on: who B's agents are and their role in B, B's groups and service, the contacts.
const directoryOfB = async (desk: PromiseDesk) => {
  const agents = (await desk.store.listAgents(B as never)).map((a) => ({ ...a, memberships: a.memberships.filter((m) => m.serviceId === B) }));
  const contacts = await Promise.all([ids.carla, ids.dan, "c-bill"].map((c) => desk.store.getContact(ids.list as never, c as never)));
  return {
    agents: [...agents].sort((x, y) => x.id.localeCompare(y.id)),
    groups: await desk.store.listGroups(B as never),
    service: await desk.store.getService(B as never),
    contacts,
    organization: await desk.store.getOrganization(ids.list as never, "org-acme" as never),
    list: await desk.store.getContactList(ids.list as never),
  };
};

const actorArb: fc.Arbitrary<Actor> = fc.oneof(
  fc.constantFrom("ag-sam", "ag-dual", ids.ana, ids.tom, ids.vic).map(agent),
  fc.constantFrom(ids.carla, ids.dan).map(contact),
);
const membership = fc.record({ serviceId: fc.constantFrom(A, B, "svc-none"), role: fc.constantFrom(...roles) });
const text = fc.constantFrom("x", "evil@attacker.example", "Bea", "BILL", "IT", "cl-customers", "cl-other");

type Step = { kind: string; doc: Record<string, unknown> };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("agent"),
    doc: fc.record({
      id: fc.constantFrom(...agentIds), name: text, email: text, memberships: fc.array(membership, { maxLength: 3 }),
      skills: fc.array(text, { maxLength: 2 }), absences: fc.constantFrom([], [{ from: 0, to: 9e12, reason: "other", substituteId: "ag-sam" }]),
    }),
  }),
  fc.record({ kind: fc.constant("agent-keep"), doc: fc.record({ id: fc.constantFrom(...agentIds), memberships: fc.array(membership, { maxLength: 3 }), email: text }) }),
  fc.record({ kind: fc.constant("group"), doc: fc.record({ id: fc.constantFrom(ids.billingDesk, ids.l1, "grp-new"), serviceId: fc.constantFrom(A, B), name: text, level: fc.constant("1"), members: fc.subarray([...agentIds]) }) }),
  fc.record({ kind: fc.constant("service"), doc: fc.record({ id: fc.constantFrom(A, B), key: fc.constantFrom("IT", "BILL", "NEW"), name: text, contactListId: fc.constantFrom(ids.list, "cl-other") }) }),
  fc.record({ kind: fc.constant("contact"), doc: fc.record({ id: fc.constantFrom(ids.carla, "c-bill"), contactListId: fc.constant(ids.list), name: text, emails: fc.array(text, { maxLength: 1 }), phones: fc.constant([]) }) }),
  fc.record({ kind: fc.constant("organization"), doc: fc.record({ id: fc.constant("org-acme"), contactListId: fc.constant(ids.list), name: text, domains: fc.array(text, { maxLength: 1 }) }) }),
  fc.record({ kind: fc.constant("contactList"), doc: fc.record({ id: fc.constantFrom(ids.list, "cl-other"), name: text }) }),
);

const run = async (desk: PromiseDesk, actor: Actor, step: Step) => {
  const c = desk.configure;
  switch (step.kind) {
    case "agent": return c.agent(actor, step.doc as never);
    case "agent-keep": {
      // An edit of the stored record, as a console would send it.
      const stored = await desk.store.getAgent(step.doc.id as never);
      return stored ? c.agent(actor, { ...stored, memberships: step.doc.memberships as never, email: step.doc.email as never }) : undefined;
    }
    case "group": return c.group(actor, step.doc as never);
    case "service": {
      const stored = await desk.store.getService(step.doc.id as never);
      return c.service(actor, { ...stored, ...step.doc } as never);
    }
    case "contact": return c.contact(actor, step.doc as never);
    case "organization": return c.organization(actor, step.doc as never);
    default: return c.contactList(actor, step.doc as never);
  }
};

describe("directory boundaries, on random actors and commands", () => {
  it("nothing an admin or agent of A (or a contact) does changes who B's agents and contacts are", async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(actorArb, stepArb), { minLength: 1, maxLength: 6 }), async (steps) => {
      const desk = await setUp();
      const before = await directoryOfB(desk);
      for (const [actor, step] of steps) await run(desk, actor, step).catch((e: { _tag?: string }) => {
        // Refusals are typed; anything else is a bug.
        expect(["Forbidden", "InvalidInput", "CommandRejected"]).toContain(e._tag);
      });
      expect(await directoryOfB(desk)).toEqual(before);
    }), { numRuns: 150 });
  });
});
