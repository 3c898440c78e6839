import { describe, expect, it } from "vitest";
import { agent, contact, ids, itSupport, system } from "../../test/it-support";
import { ServiceId } from "../ids/ids";
import { CommandRejected } from "../ticket/errors";

const NOW = Date.UTC(2026, 10, 2, 9, 0);
const DAY = 86_400_000;

const setUp = async () => {
  const desk = await itSupport({ clock: () => NOW });
  const t = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "Portal error", channel: "phone", requesterId: ids.dan });
  return { desk, t, s: ids.support };
};

const refusal = async (p: Promise<unknown>): Promise<CommandRejected> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(CommandRejected);
  return e as CommandRejected;
};

describe("references a command names must exist where they must", () => {
  it("a Support agent cannot assign the ticket to a Billing agent", async () => {
    const { desk, t, s } = await setUp();
    const e = await refusal(desk.assign(agent(ids.ana), { serviceId: s, ticketId: t.id, agentId: ids.bea }));
    expect(e).toMatchObject({ code: "NotEligible", field: "agentId", id: ids.bea });
    expect((await desk.history(system, s, t.id)).some((x) => x.event.type === "Assigned")).toBe(false);
  });

  it("a group of another service is refused, naming the field and the id", async () => {
    const { desk, t, s } = await setUp();
    const e = await refusal(desk.assign(agent(ids.ana), { serviceId: s, ticketId: t.id, groupId: ids.billingDesk }));
    expect(e).toMatchObject({ code: "UnknownReference", field: "groupId", id: ids.billingDesk });
  });

  it("a mistyped group id is refused", async () => {
    const { desk, t, s } = await setUp();
    const e = await refusal(desk.assign(agent(ids.ana), { serviceId: s, ticketId: t.id, groupId: "grp-l22" }));
    expect(e).toMatchObject({ code: "UnknownReference", field: "groupId", id: "grp-l22" });
  });

  it("a mistyped agent id is refused", async () => {
    const { desk, t, s } = await setUp();
    const e = await refusal(desk.assign(agent(ids.ana), { serviceId: s, ticketId: t.id, agentId: "ag-tomm" }));
    expect(e).toMatchObject({ code: "UnknownReference", field: "agentId", id: "ag-tomm" });
  });

  it("an agent outside the group the command names is refused", async () => {
    const { desk, t, s } = await setUp();
    const e = await refusal(desk.assign(agent(ids.ana), { serviceId: s, ticketId: t.id, groupId: ids.l2, agentId: ids.ana }));
    expect(e).toMatchObject({ code: "NotEligible", field: "agentId", id: ids.ana });
  });

  it("a member of the group the command names is accepted", async () => {
    const { desk, t, s } = await setUp();
    const after = await desk.assign(agent(ids.ana), { serviceId: s, ticketId: t.id, groupId: ids.l2, agentId: ids.lee });
    expect([after.groupId, after.assigneeId]).toEqual([ids.l2, ids.lee]);
  });

  it("a viewer of the service may not hold tickets", async () => {
    const { desk, t, s } = await setUp();
    await desk.configure.agent(system, { id: "ag-vic", name: "Vic (viewer)", email: "vic@it.example", memberships: [{ serviceId: s, role: "viewer" }], skills: [], absences: [] });
    const e = await refusal(desk.assign(agent(ids.ana), { serviceId: s, ticketId: t.id, agentId: "ag-vic" }));
    expect(e).toMatchObject({ code: "NotEligible", field: "agentId", id: "ag-vic" });
  });

  it("a transfer to another service's group is refused", async () => {
    const { desk, t, s } = await setUp();
    const e = await refusal(desk.transfer(agent(ids.ana), { serviceId: s, ticketId: t.id, toGroupId: ids.billingDesk, reason: "billing" }));
    expect(e).toMatchObject({ code: "UnknownReference", field: "toGroupId", id: ids.billingDesk });
  });

  it("a transfer to an agent outside the target group is refused", async () => {
    const { desk, t, s } = await setUp();
    const e = await refusal(desk.transfer(agent(ids.ana), { serviceId: s, ticketId: t.id, toGroupId: ids.l2, toAgentId: ids.tom, reason: "db" }));
    expect(e).toMatchObject({ code: "NotEligible", field: "toAgentId", id: ids.tom });
  });

  it("time cannot be logged for an agent outside the service", async () => {
    const { desk, t, s } = await setUp();
    const e = await refusal(desk.logTime(agent(ids.ana), { serviceId: s, ticketId: t.id, minutes: 30, billable: false, agentId: ids.bea }));
    expect(e).toMatchObject({ code: "NotEligible", field: "agentId", id: ids.bea });
  });

  it("time logged by default for the acting agent is accepted when they are a member", async () => {
    const { desk, t, s } = await setUp();
    await desk.logTime(agent(ids.ana), { serviceId: s, ticketId: t.id, minutes: 30, billable: false });
    const logged = (await desk.history(system, s, t.id)).map((x) => x.event).find((e) => e.type === "TimeLogged");
    expect(logged).toMatchObject({ agentId: ids.ana, minutes: 30 });
  });

  it("a link to a ticket that does not exist is refused, naming other.ticketId", async () => {
    const { desk, t, s } = await setUp();
    const e = await refusal(desk.link(agent(ids.ana), { serviceId: s, ticketId: t.id, kind: "related", other: { serviceId: s, ticketId: "t-missing" } }));
    expect(e).toMatchObject({ code: "UnknownReference", field: "other.ticketId", id: "t-missing" });
  });

  it("a link to a service that does not exist is refused, naming other.serviceId", async () => {
    const { desk, t, s } = await setUp();
    const e = await refusal(desk.link(agent(ids.ana), { serviceId: s, ticketId: t.id, kind: "related", other: { serviceId: "svc-nope", ticketId: t.id } }));
    expect(e).toMatchObject({ code: "UnknownReference", field: "other.serviceId", id: "svc-nope" });
  });

  it("a link is made only to a ticket of a service the actor belongs to", async () => {
    const { desk, t, s } = await setUp();
    const billing = await desk.openTicket(agent(ids.bea), { serviceId: ids.billing, subject: "Refund", channel: "phone", requesterId: ids.dan });
    await desk.configure.agent(system, { id: ids.ana, name: "Ana", email: "ana@it.example", memberships: [{ serviceId: s, role: "agent" }, { serviceId: ids.billing, role: "viewer" }], skills: [], absences: [] });
    const ok = await desk.link(agent(ids.ana), { serviceId: s, ticketId: t.id, kind: "related", other: { serviceId: ids.billing, ticketId: billing.id } });
    expect(ok.links.map((l) => l.ticket.ticketId)).toEqual([billing.id]);
    const e = await desk.link(agent(ids.tom), { serviceId: s, ticketId: t.id, kind: "parent", other: { serviceId: ids.billing, ticketId: billing.id } }).catch((x: unknown) => x);
    expect(e).toMatchObject({ _tag: "Forbidden" });
  });

  it("a merge into a ticket of another service is refused, naming into", async () => {
    const { desk, t, s } = await setUp();
    const billing = await desk.openTicket(agent(ids.bea), { serviceId: ids.billing, subject: "Refund", channel: "phone", requesterId: ids.dan });
    const e = await refusal(desk.merge(agent(ids.boss), { serviceId: s, ticketId: t.id, into: billing.id }));
    expect(e).toMatchObject({ code: "UnknownReference", field: "into", id: billing.id });
  });

  it("an organisation the contact list does not hold is refused on open", async () => {
    const desk = await itSupport({ clock: () => NOW });
    const e = await refusal(desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "x", channel: "web", requesterId: ids.dan, organizationId: "org-nope" }));
    expect(e).toMatchObject({ code: "UnknownReference", field: "organizationId", id: "org-nope" });
  });
});

describe("assigning to an absent agent", () => {
  const away = (substituteId?: string) => ({ from: NOW - DAY, to: NOW + DAY, reason: "vacation" as const, ...(substituteId ? { substituteId } : {}) });

  it("goes to their substitute, with the reason recorded", async () => {
    const { desk, t, s } = await setUp();
    await desk.configure.agent(system, { id: ids.tom, name: "Tom", email: "tom@it.example", memberships: [{ serviceId: s, role: "agent" }], skills: [], absences: [away(ids.lee)] });
    const after = await desk.assign(agent(ids.ana), { serviceId: s, ticketId: t.id, agentId: ids.tom });
    expect(after.assigneeId).toBe(ids.lee);
    const assigned = (await desk.history(system, s, t.id)).map((x) => x.event).find((e) => e.type === "Assigned");
    expect(assigned).toMatchObject({ agentId: ids.lee, reason: expect.stringContaining("substitute ag-lee") });
  });

  it("is refused when they have no substitute", async () => {
    const { desk, t, s } = await setUp();
    await desk.configure.agent(system, { id: ids.tom, name: "Tom", email: "tom@it.example", memberships: [{ serviceId: s, role: "agent" }], skills: [], absences: [away()] });
    const e = await refusal(desk.assign(agent(ids.ana), { serviceId: s, ticketId: t.id, agentId: ids.tom }));
    expect(e).toMatchObject({ code: "AgentAbsent", field: "agentId", id: ids.tom });
  });

  it("is refused when the substitute may not hold tickets of the service", async () => {
    const { desk, t, s } = await setUp();
    await desk.configure.agent(system, { id: ids.tom, name: "Tom", email: "tom@it.example", memberships: [{ serviceId: s, role: "agent" }], skills: [], absences: [away(ids.bea)] });
    const e = await refusal(desk.assign(agent(ids.ana), { serviceId: s, ticketId: t.id, agentId: ids.tom }));
    expect(e).toMatchObject({ code: "AgentAbsent", field: "agentId", id: ids.tom });
  });
});

describe("facts from the directory", () => {
  it("a ticket opened without an organisation takes the requester's", async () => {
    const desk = await itSupport({ clock: () => NOW });
    const t = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "Portal error", channel: "phone", requesterId: ids.carla });
    expect(t.organizationId).toBe("org-acme");
  });

  it("an organisation the caller names wins over the requester's", async () => {
    const desk = await itSupport({ clock: () => NOW });
    await desk.configure.organization(system, { id: "org-beta", contactListId: ids.list, name: "Beta", domains: [] });
    const t = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "x", channel: "phone", requesterId: ids.carla, organizationId: "org-beta" });
    expect(t.organizationId).toBe("org-beta");
  });
});

describe("satisfaction", () => {
  const resolved = async (settings: object = {}) => {
    let now = NOW;
    const desk = await itSupport({ clock: () => now });
    if (Object.keys(settings).length > 0) {
      const svc = (await desk.store.getService(ServiceId(ids.support)))!;
      await desk.configure.service(system, { ...svc, settings: { ...svc.settings, ...settings } });
    }
    const t = await desk.openTicket(contact(ids.carla), { serviceId: ids.support, subject: "x", channel: "web", requesterId: ids.carla });
    await desk.changeStatus(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, status: "resolved" });
    return { desk, t, advance: (ms: number) => { now += ms; } };
  };

  it("only the requester may rate", async () => {
    const { desk, t } = await resolved();
    const e = await refusal(desk.rate(system, { serviceId: ids.support, ticketId: t.id, score: 5 }));
    expect(e).toMatchObject({ code: "NotRequester", field: "actor" });
  });

  it("an open ticket cannot be rated", async () => {
    const desk = await itSupport({ clock: () => NOW });
    const t = await desk.openTicket(contact(ids.carla), { serviceId: ids.support, subject: "x", channel: "web", requesterId: ids.carla });
    expect(await refusal(desk.rate(contact(ids.carla), { serviceId: ids.support, ticketId: t.id, score: 5 }))).toMatchObject({ code: "NotResolved" });
  });

  it("a second rating within the window replaces the first, and the history keeps both", async () => {
    const { desk, t, advance } = await resolved();
    await desk.rate(contact(ids.carla), { serviceId: ids.support, ticketId: t.id, score: 2 });
    advance(23 * 3_600_000);
    const after = await desk.rate(contact(ids.carla), { serviceId: ids.support, ticketId: t.id, score: 4, comment: "fixed after all" });
    expect(after.rating).toEqual({ score: 4, comment: "fixed after all" });
    expect((await desk.history(system, ids.support, t.id)).filter((x) => x.event.type === "Rated")).toHaveLength(2);
  });

  it("a second rating after the window is refused", async () => {
    const { desk, t, advance } = await resolved();
    await desk.rate(contact(ids.carla), { serviceId: ids.support, ticketId: t.id, score: 2 });
    advance(25 * 3_600_000);
    expect(await refusal(desk.rate(contact(ids.carla), { serviceId: ids.support, ticketId: t.id, score: 5 }))).toMatchObject({ code: "RatingWindowExpired" });
    expect((await desk.getTicket(system, ids.support, t.id)).rating?.score).toBe(2);
  });

  it("a window of 0 means a rating never changes", async () => {
    const { desk, t } = await resolved({ ratingWindowHours: 0 });
    await desk.rate(contact(ids.carla), { serviceId: ids.support, ticketId: t.id, score: 2 });
    expect(await refusal(desk.rate(contact(ids.carla), { serviceId: ids.support, ticketId: t.id, score: 5 }))).toMatchObject({ code: "RatingWindowExpired" });
  });

  it("the window runs from the first rating, not the latest", async () => {
    const { desk, t, advance } = await resolved({ ratingWindowHours: 2 });
    await desk.rate(contact(ids.carla), { serviceId: ids.support, ticketId: t.id, score: 2 });
    advance(90 * 60_000);
    await desk.rate(contact(ids.carla), { serviceId: ids.support, ticketId: t.id, score: 3 });
    advance(60 * 60_000);
    expect(await refusal(desk.rate(contact(ids.carla), { serviceId: ids.support, ticketId: t.id, score: 4 }))).toMatchObject({ code: "RatingWindowExpired" });
  });
});

describe("the priority matrix of a service", () => {
  const matrix = {
    high: { high: "urgent", medium: "urgent", low: "high" },
    medium: { high: "high", medium: "high", low: "normal" },
    low: { high: "normal", medium: "normal", low: "low" },
  } as const;

  it("sets the priority of a ticket opened with impact and urgency", async () => {
    const desk = await itSupport({ clock: () => NOW });
    const svc = (await desk.store.getService(ServiceId(ids.support)))!;
    await desk.configure.service(system, { ...svc, settings: { ...svc.settings, priorityMatrix: matrix } });
    const t = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "x", channel: "phone", requesterId: ids.dan, impact: "medium", urgency: "medium" });
    expect(t.priority).toBe("high");
  });

  it("sets the priority when impact or urgency change", async () => {
    const desk = await itSupport({ clock: () => NOW });
    const svc = (await desk.store.getService(ServiceId(ids.support)))!;
    await desk.configure.service(system, { ...svc, settings: { ...svc.settings, priorityMatrix: matrix } });
    const t = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "x", channel: "phone", requesterId: ids.dan });
    const after = await desk.changePriority(agent(ids.ana), { serviceId: ids.support, ticketId: t.id, impact: "high", urgency: "low" });
    expect(after.priority).toBe("high");
  });

  it("a matrix missing a cell is refused, naming it", async () => {
    const desk = await itSupport({ clock: () => NOW });
    const svc = (await desk.store.getService(ServiceId(ids.support)))!;
    const { low: _low, ...partial } = matrix.medium;
    // @ts-expect-error the missing cell is a compile error too; the Desk still refuses it at run time.
    const e = await desk.configure.service(system, { ...svc, settings: { ...svc.settings, priorityMatrix: { ...matrix, medium: partial } } }).catch((x: unknown) => x);
    expect(e).toMatchObject({ _tag: "InvalidInput" });
    expect(JSON.stringify(e)).toContain("medium");
    expect((await desk.store.getService(ServiceId(ids.support)))?.settings.priorityMatrix).toBeUndefined();
  });
});
