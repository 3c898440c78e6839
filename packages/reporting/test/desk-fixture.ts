import { Actor, createDesk, defaultServiceSettings, type AgentInput, type PromiseDesk, type Store } from "@spoc/core";

/** The directory every reporting test uses: two services, three groups, four agents. */
export const ids = {
  it: "svc-it", hr: "svc-hr", list: "cl-staff",
  l1: "grp-l1", l2: "grp-l2", hrDesk: "grp-hr",
  ana: "ag-ana", tom: "ag-tom", lee: "ag-lee", zoe: "ag-zoe", admin: "ag-admin",
  carla: "c-carla", dan: "c-dan",
} as const;

const system: Actor = Actor.system("setup");
export const agent = (id: string): Actor => Actor.agent(id);
export const contact = (id: string): Actor => Actor.contact(id);

/** A small deterministic PRNG (mulberry32), so every store gets the same tickets. */
export const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** Sets up the directory and an SLA policy on a desk over `store`, with a controllable clock. */
export async function reportingDesk(store: Store, start = Date.UTC(2025, 2, 3, 7, 0)) {
  let now = start;
  const desk = createDesk({ store, clock: () => now });
  const c = desk.configure;
  await c.contactList(system, { id: ids.list, name: "Staff" });
  await c.service(system, { id: ids.it, key: "IT", name: "IT Help Desk", contactListId: ids.list, settings: defaultServiceSettings });
  await c.service(system, { id: ids.hr, key: "HR", name: "HR Services", contactListId: ids.list, settings: defaultServiceSettings });
  await c.organization(system, { id: "org-sales", contactListId: ids.list, name: "Sales", domains: ["sales.example"], tier: "gold" });
  await c.contact(system, { id: ids.carla, contactListId: ids.list, name: "Carla Díaz", emails: ["carla@sales.example"], phones: [], organizationId: "org-sales" });
  await c.contact(system, { id: ids.dan, contactListId: ids.list, name: "Dan Ek", emails: ["dan@example.org"], phones: [] });
  const person = (id: string, name: string, memberships: AgentInput["memberships"]) => c.agent(system, { id, name, email: `${id}@it.example`, memberships, skills: [], absences: [] });
  await person(ids.ana, "Ζωή Παπαδοπούλου", [{ serviceId: ids.it, role: "agent" }]);
  await person(ids.tom, "Дмитрий Иванов", [{ serviceId: ids.it, role: "agent" }]);
  await person(ids.lee, "José Núñez", [{ serviceId: ids.it, role: "lead" }]);
  await person(ids.zoe, "Ingrid Søndergård", [{ serviceId: ids.hr, role: "agent" }]);
  await person(ids.admin, "Morgan Admin", [{ serviceId: ids.it, role: "admin" }, { serviceId: ids.hr, role: "admin" }]);
  await c.group(system, { id: ids.l1, serviceId: ids.it, name: "Level 1", level: "1", members: [ids.ana, ids.tom, ids.lee] });
  await c.group(system, { id: ids.l2, serviceId: ids.it, name: "Level 2", level: "2", members: [ids.lee] });
  await c.group(system, { id: ids.hrDesk, serviceId: ids.hr, name: "HR desk", level: "1", members: [ids.zoe] });
  for (const s of [ids.it, ids.hr]) {
    await c.sla(system, s, {
      policies: [{ id: "standard", targets: { "first-response": { low: 480, normal: 240, high: 60, urgent: 30 }, resolution: { low: 4320, normal: 1440, high: 480, urgent: 240 } } }],
    });
  }
  return { desk, at: (t: number) => void (now = t), now: () => now };
}

const pick = <T>(r: () => number, xs: ReadonlyArray<T>): T => xs[Math.floor(r() * xs.length)] as T;

/**
 * Opens `count` tickets over two weeks with replies, transfers, resolutions, reopens, time and
 * ratings, all decided by `seed`: the same seed writes the same history into any store.
 */
export async function generateTickets(env: Awaited<ReturnType<typeof reportingDesk>>, count: number, seed = 7): Promise<void> {
  const r = prng(seed);
  const { desk, at } = env;
  let t = Date.UTC(2025, 2, 3, 7, 0);
  for (let i = 0; i < count; i++) {
    t += Math.floor(r() * 4 * 3_600_000);
    at(t);
    const hr = r() < 0.25;
    const serviceId = hr ? ids.hr : ids.it;
    const requester = r() < 0.6 ? ids.carla : ids.dan;
    const opened = await desk.openTicket(contact(requester), {
      serviceId, subject: `Request ${i}`, channel: pick(r, ["email", "phone", "web", "chat"] as const), requesterId: requester,
      ...(requester === ids.carla ? { organizationId: "org-sales" } : {}),
      ...(r() < 0.3 ? { category: pick(r, ["hardware", "access", "payroll"]) } : {}),
    });
    const id = opened.id;
    const s = serviceId;
    let u = t;
    const step = async (minutes: number) => at((u += Math.floor(minutes * 60_000)));
    const agents = hr ? [ids.zoe] : [ids.ana, ids.tom, ids.lee];
    const who = pick(r, agents);
    await step(5 + r() * 90);
    await desk.assign(agent(hr ? ids.admin : ids.lee), { serviceId: s, ticketId: id, groupId: hr ? ids.hrDesk : ids.l1, agentId: who });
    if (r() < 0.85) {
      await step(r() * 300);
      await desk.addMessage(agent(who), { serviceId: s, ticketId: id, kind: "reply", body: "Looking into it." });
    }
    if (!hr && r() < 0.25) {
      await step(r() * 60);
      await desk.transfer(agent(who), { serviceId: s, ticketId: id, toGroupId: ids.l2, toAgentId: ids.lee, reason: "level 2" });
    }
    if (r() < 0.3) {
      await step(r() * 30);
      await desk.addMessage(agent(who), { serviceId: s, ticketId: id, kind: "reply", body: "One more thing." });
    }
    if (r() < 0.6) {
      await step(r() * 60);
      await desk.logTime(agent(who), { serviceId: s, ticketId: id, minutes: 5 + Math.floor(r() * 60), billable: r() < 0.5, rateCentsPerHour: 6000 });
    }
    if (r() < 0.75) {
      await step(30 + r() * 2000);
      await desk.changeStatus(agent(who), { serviceId: s, ticketId: id, status: "resolved" });
      if (r() < 0.15) {
        await step(r() * 600);
        await desk.reopen(agent(who), { serviceId: s, ticketId: id, reason: "still broken" });
        await step(r() * 600);
        await desk.changeStatus(agent(who), { serviceId: s, ticketId: id, status: "resolved" });
      }
      if (r() < 0.4) await desk.rate(contact(requester), { serviceId: s, ticketId: id, score: 1 + Math.floor(r() * 5) });
      if (r() < 0.5) {
        await step(r() * 1440);
        await desk.changeStatus(agent(who), { serviceId: s, ticketId: id, status: "closed" });
      }
    }
  }
  const end = t + 7 * 86_400_000;
  at(end);
  await desk.sweep({ now: end, limit: 500 });
}

export type ReportingDesk = PromiseDesk;
