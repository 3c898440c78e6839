import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Agent, Role } from "../service/schema";
import { type Action, authorize } from "./authorize";

const actions: Action[] = ["ticket.read", "ticket.create", "ticket.reply", "ticket.note", "ticket.update", "ticket.log-time",
  "ticket.rate", "ticket.merge", "ticket.hand-off", "report.run", "report.sql", "service.configure"];
const services = ["svc-a", "svc-b", "svc-c"];
const agentIn = (memberships: Array<{ serviceId: string; role: Role }>): Agent =>
  ({ id: "ag", name: "A", email: "a@x", memberships, skills: [], absences: [] }) as unknown as Agent;

describe("authorize", () => {
  it("never lets an agent act in a service they do not belong to", () => {
    const membership = fc.record({ serviceId: fc.constantFrom(...services), role: fc.constantFrom<Role>("viewer", "agent", "lead", "admin") });
    fc.assert(fc.property(fc.array(membership, { maxLength: 3 }), fc.constantFrom(...services), fc.constantFrom(...actions), (ms, svc, action) => {
      const d = authorize({ kind: "agent", agent: agentIn(ms) }, action, { serviceId: svc as never });
      if (!ms.some((m) => m.serviceId === svc)) expect(d.allowed).toBe(false);
    }));
  });

  it("never lets a contact read another requester's ticket", () => {
    fc.assert(fc.property(fc.constantFrom("c1", "c2"), fc.constantFrom("c1", "c2"), (me, requester) => {
      const d = authorize({ kind: "contact", contactId: me as never, contactListId: "cl" as never }, "ticket.read",
        { serviceId: "svc-a" as never, contactListId: "cl" as never, requesterId: requester as never });
      expect(d.allowed).toBe(me === requester);
    }));
  });

  it("gives viewers read-only access and keeps SQL reports for admins", () => {
    const viewer = { kind: "agent", agent: agentIn([{ serviceId: "s", role: "viewer" }]) } as const;
    expect(authorize(viewer, "ticket.read", { serviceId: "s" as never }).allowed).toBe(true);
    expect(authorize(viewer, "ticket.reply", { serviceId: "s" as never }).allowed).toBe(false);
    const lead = { kind: "agent", agent: agentIn([{ serviceId: "s", role: "lead" }]) } as const;
    expect(authorize(lead, "report.sql", { serviceId: "s" as never }).allowed).toBe(false);
  });

  it("lets agents, leads and admins hand off by default, and exactly the roles a service lists when it lists them", () => {
    const roles: Role[] = ["viewer", "agent", "lead", "admin"];
    fc.assert(fc.property(fc.constantFrom(...roles), fc.option(fc.subarray(roles), { nil: undefined }), (role, listed) => {
      const principal = { kind: "agent", agent: agentIn([{ serviceId: "s", role }]) } as const;
      const d = authorize(principal, "ticket.hand-off", { serviceId: "s" as never, ...(listed ? { handOffRoles: listed } : {}) });
      expect(d.allowed).toBe((listed ?? ["agent", "lead", "admin"]).includes(role));
    }));
  });
});
