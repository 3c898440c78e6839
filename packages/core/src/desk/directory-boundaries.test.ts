import { describe, expect, it } from "vitest";
import { agent, ids, itSupport, system } from "../../test/it-support";
import type { Agent } from "../service/schema";
import { Forbidden } from "../ticket/errors";
import { agentChange } from "./directory-boundaries";

// Sam administers Support only; Bea works in Billing only; Morgan (ids.boss) is admin of both.
const sam = "ag-sam";
const withSam = async () => {
  const desk = await itSupport();
  await desk.configure.agent(system, { id: sam, name: "Sam (Support admin)", email: "sam@it.example", memberships: [{ serviceId: ids.support, role: "admin" }], skills: [], absences: [] });
  return desk;
};
const stored = async (desk: Awaited<ReturnType<typeof itSupport>>, id: string) => (await desk.store.getAgent(id as never))!;

describe("an admin of one service configuring agents", () => {
  it("cannot rewrite an agent of another service: memberships and email stay as stored", async () => {
    const desk = await withSam();
    const before = await stored(desk, ids.bea);
    await expect(desk.configure.agent(agent(sam), { ...before, email: "attacker@evil.example", memberships: [{ serviceId: ids.billing, role: "viewer" }] }))
      .rejects.toBeInstanceOf(Forbidden);
    await expect(desk.configure.agent(agent(sam), { ...before, memberships: [{ serviceId: ids.support, role: "agent" }, { serviceId: ids.billing, role: "admin" }] }))
      .rejects.toMatchObject({ _tag: "Forbidden", field: "memberships.1" });
    await expect(desk.configure.agent(agent(sam), { ...before, email: "attacker@evil.example", memberships: [{ serviceId: ids.support, role: "agent" }] }))
      .rejects.toMatchObject({ _tag: "Forbidden", field: "email" });
    expect(await stored(desk, ids.bea)).toEqual(before);
  });

  it("cannot demote or re-address the other service's admin, even one who is also in its own service", async () => {
    const desk = await withSam();
    const before = await stored(desk, ids.boss);
    await expect(desk.configure.agent(agent(sam), { ...before, memberships: [{ serviceId: ids.support, role: "admin" }, { serviceId: ids.billing, role: "agent" }] }))
      .rejects.toMatchObject({ _tag: "Forbidden", field: "memberships.1" });
    await expect(desk.configure.agent(agent(sam), { ...before, email: "sam@it.example" })).rejects.toMatchObject({ field: "email" });
    await expect(desk.configure.agent(agent(sam), { ...before, absences: [{ from: 0, to: 9e12, reason: "other", substituteId: sam }] }))
      .rejects.toMatchObject({ field: "absences" });
    expect(await stored(desk, ids.boss)).toEqual(before);
  });

  it("changes the memberships it administers and keeps the others as stored when the document leaves them out", async () => {
    const desk = await withSam();
    const before = await stored(desk, ids.boss);
    // Sam cannot see Morgan's Billing membership; leaving it out is not a request to remove it.
    const after = await desk.configure.agent(agent(sam), { ...before, memberships: [{ serviceId: ids.support, role: "lead" }] });
    expect(after.memberships).toEqual([{ serviceId: ids.billing, role: "admin" }, { serviceId: ids.support, role: "lead" }]);
    expect(await stored(desk, ids.boss)).toEqual(after);
  });

  it("may add its own service to another service's agent, but not change who they are", async () => {
    const desk = await withSam();
    const bea = (await stored(desk, ids.bea))!;
    const after = await desk.configure.agent(agent(sam), { ...bea, memberships: [{ serviceId: ids.support, role: "agent" }] });
    expect(after.memberships).toEqual([{ serviceId: ids.billing, role: "agent" }, { serviceId: ids.support, role: "agent" }]);
    await expect(desk.configure.agent(agent(sam), { ...after, name: "Not Bea" })).rejects.toMatchObject({ field: "name" });
  });

  it("edits everything of an agent who is only in its service, and nothing of an agent in none of its services", async () => {
    const desk = await withSam();
    const ana = (await stored(desk, ids.ana))!;
    const renamed = await desk.configure.agent(agent(sam), { ...ana, name: "Ana B.", email: "ana.b@it.example", skills: ["vpn"] });
    expect(await stored(desk, ids.ana)).toEqual(renamed);
    const bea = (await stored(desk, ids.bea))!;
    await expect(desk.configure.agent(agent(sam), bea)).rejects.toBeInstanceOf(Forbidden);
  });

  it("needs the system, or an admin of every service, for the identity of an agent in several", async () => {
    const desk = await withSam();
    const before = (await stored(desk, ids.boss))!;
    const renamed = await desk.configure.agent(agent(ids.boss), { ...before, email: "morgan@it.example" });
    expect(renamed.email).toBe("morgan@it.example");
    const viaSystem = await desk.configure.agent(system, { ...before, memberships: [] });
    expect(viaSystem.memberships).toEqual([]);
  });

  it("refuses a membership named twice", async () => {
    const desk = await withSam();
    const ana = (await stored(desk, ids.ana))!;
    await expect(desk.configure.agent(system, { ...ana, memberships: [{ serviceId: ids.support, role: "agent" }, { serviceId: ids.support, role: "admin" }] }))
      .rejects.toMatchObject({ _tag: "InvalidInput", issues: [{ path: "memberships.1.serviceId" }] });
  });
});

describe("an admin of one service configuring services and groups", () => {
  it("cannot move its service to another contact list or take another service's key", async () => {
    const desk = await withSam();
    await desk.configure.contactList(system, { id: "cl-other", name: "Other" });
    const support = (await desk.store.getService(ids.support as never))!;
    await expect(desk.configure.service(agent(sam), { ...support, contactListId: "cl-other" })).rejects.toMatchObject({ _tag: "Forbidden", field: "contactListId" });
    await expect(desk.configure.service(agent(sam), { ...support, key: "BILL" })).rejects.toMatchObject({ _tag: "InvalidInput", issues: [{ path: "key" }] });
    expect(await desk.store.getService(ids.support as never)).toEqual(support);
    expect((await desk.configure.service(agent(sam), { ...support, name: "Support" })).name).toBe("Support");
  });

  it("cannot configure another service, its groups, contacts or organisations", async () => {
    const desk = await withSam();
    const billing = (await desk.store.getService(ids.billing as never))!;
    await expect(desk.configure.service(agent(sam), { ...billing, name: "Mine" })).rejects.toBeInstanceOf(Forbidden);
    await expect(desk.configure.group(agent(sam), { id: ids.billingDesk, serviceId: ids.billing, name: "x", level: "1", members: [] })).rejects.toBeInstanceOf(Forbidden);
    await expect(desk.configure.contact(agent(sam), { id: ids.carla, contactListId: ids.list, name: "x", emails: ["evil@x.example"], phones: [] })).rejects.toBeInstanceOf(Forbidden);
    await expect(desk.configure.organization(agent(sam), { id: "org-acme", contactListId: ids.list, name: "x", domains: ["evil.example"] })).rejects.toBeInstanceOf(Forbidden);
    await expect(desk.configure.contactList(agent(sam), { id: ids.list, name: "x" })).rejects.toBeInstanceOf(Forbidden);
    // A group of Sam's own service under the same id as Billing's stays Sam's: groups are kept per service.
    await desk.configure.group(agent(sam), { id: ids.billingDesk, serviceId: ids.support, name: "Mine", level: "1", members: [] });
    expect((await desk.store.getGroup(ids.billing as never, ids.billingDesk as never))?.name).toBe("Billing desk");
  });
});

describe("agentChange", () => {
  const a = (over: Partial<Agent>): Agent => ({ id: "ag-x", name: "X", email: "x@x", memberships: [], skills: [], absences: [], ...over }) as Agent;
  it("does not mutate its inputs", () => {
    const stored = a({ memberships: [{ serviceId: "b" as never, role: "agent" }] });
    const proposed = a({ memberships: [{ serviceId: "a" as never, role: "agent" }] });
    const copies = JSON.stringify([stored, proposed]);
    agentChange(new Set(["a" as never]), stored, proposed);
    expect(JSON.stringify([stored, proposed])).toBe(copies);
  });
});
