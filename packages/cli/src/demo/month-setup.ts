import { Actor, type PromiseDesk, type RoutingRuleInput } from "@spoc/core";
import { company } from "./scenario";

const system = Actor.system("demo");
const DAY = 86_400_000;

/** The month's extra people and teams: two level-2 groups, a vendor, the NOC, and agents on leave. */
export const staff = {
  apps: "grp-l2-apps", network: "grp-l2-network", vendor: "grp-vendor-printers", noc: "grp-noc",
  agents: [
    { id: "ag-ana", group: company.l1 }, { id: "ag-omar", group: company.l1 }, { id: "ag-ines", group: company.l1 },
    { id: "ag-lee", group: "grp-l2-apps" }, { id: "ag-kim", group: "grp-l2-apps" },
    { id: "ag-raj", group: "grp-l2-network" }, { id: "ag-sol", group: "grp-l2-network" },
    { id: "ag-vendor", group: "grp-vendor-printers" }, { id: "ag-noc", group: "grp-noc" },
    { id: "ag-bea", group: company.billingDesk }, { id: "ag-hugo", group: company.billingDesk },
  ],
} as const;

const names: Record<string, string> = {
  "ag-omar": "Omar Haddad", "ag-ines": "Inès Moreau", "ag-kim": "Kim Nguyen", "ag-raj": "Raj Patel", "ag-sol": "Sol Ortega",
  "ag-vendor": "PrintCo support", "ag-noc": "NOC on duty", "ag-hugo": "Hugo Lind",
};

/** Customers of five organisations, with tiers and names from several languages. */
export const customers = [
  ["org-acme", "Acme Logistics", "acme.example", "gold", ["Carla Díaz", "Jonas Berg", "Mia Wong"]],
  ["org-zeta", "Zeta Bank", "zeta.example", "platinum", ["Ζωή Παπαδοπούλου", "Nikos Georgiou"]],
  ["org-volga", "Volga Freight", "volga.example", "silver", ["Дмитрий Иванов", "Анна Смирнова", "Olga Petrova"]],
  ["org-nord", "Nordic Foods", "nord.example", "standard", ["Åsa Lindqvist", "Erik Nyström", "Sven Olsen", "Liv Hansen"]],
  ["org-sol", "Sol Retail", "solretail.example", "standard", ["José Núñez", "Lucía Gómez", "Pedro Alves", "Marta Ruiz"]],
] as const;

/** Sets up the month's organisation: groups, agents (two away part of the month), routing, SLA and escalation. */
export async function setUpMonth(desk: PromiseDesk, monthStart: number): Promise<ReadonlyArray<{ id: string; organizationId: string }>> {
  const c = desk.configure;
  const s = company.support;
  for (const [id, name, level] of [[staff.apps, "Level 2 — applications", "2"], [staff.network, "Level 2 — network", "2"],
    [staff.vendor, "PrintCo (vendor)", "vendor"], [staff.noc, "Network operations centre", "noc"]] as const) {
    const members = staff.agents.filter((a) => a.group === id).map((a) => a.id);
    await c.group(system, { id, serviceId: s, name, level, members, ...(members[0] === undefined ? {} : { leadId: members[0] }) });
  }
  await c.group(system, { id: company.l1, serviceId: s, name: "Level 1 desk", level: "1", members: staff.agents.filter((a) => a.group === company.l1).map((a) => a.id), leadId: "ag-ana" });
  await c.group(system, { id: company.billingDesk, serviceId: company.billing, name: "Billing desk", level: "1", members: ["ag-bea", "ag-hugo"], leadId: "ag-bea" });
  for (const a of staff.agents) {
    const service = a.group === company.billingDesk ? company.billing : s;
    const absences = a.id === "ag-kim" ? [{ from: monthStart + 9 * DAY, to: monthStart + 20 * DAY, reason: "vacation" as const, substituteId: "ag-lee" }]
      : a.id === "ag-omar" ? [{ from: monthStart + 14 * DAY, to: monthStart + 17 * DAY, reason: "illness" as const }] : [];
    const existing = await desk.store.getAgent(a.id as never);
    await c.agent(system, {
      id: a.id, name: existing?.name ?? names[a.id] ?? a.id, email: `${a.id}@it-support.example`,
      memberships: existing?.memberships ?? [{ serviceId: service, role: "agent" }],
      skills: a.group === staff.network ? ["network"] : [], capacity: 25, absences,
    });
  }
  const contacts: Array<{ id: string; organizationId: string }> = [];
  for (const [orgId, orgName, domain, tier, people] of customers) {
    await c.organization(system, { id: orgId, contactListId: company.list, name: orgName, domains: [domain], tier });
    for (const [i, name] of people.entries()) {
      const id = `c-${orgId.slice(4)}-${i}`;
      await c.contact(system, { id, contactListId: company.list, name, emails: [`${name.split(" ")[0]?.toLowerCase().normalize("NFD").replace(/[^a-z]/g, "") || "user"}${i}@${domain}`], phones: [], organizationId: orgId });
      contacts.push({ id, organizationId: orgId });
    }
  }
  const rule = (id: string, name: string, when: RoutingRuleInput["when"], actions: RoutingRuleInput["actions"]): RoutingRuleInput =>
    ({ id, serviceId: s, name, enabled: true, triggers: ["ticket-opened"], when, actions });
  await c.routingRules(system, s, [
    rule("outage-to-noc", "Outages go to the NOC", { field: "subject", op: "matches", pattern: "\\b(outage|down|unreachable)\\b" },
      [{ type: "set-priority", priority: "urgent" }, { type: "assign-group", groupId: staff.noc }, { type: "stop" }]),
    rule("network", "Network problems to level 2 network", { any: [{ field: "subject", op: "contains", value: "VPN" }, { field: "subject", op: "contains", value: "Wi-Fi" }] },
      [{ type: "assign-group", groupId: staff.network }, { type: "assign-strategy", strategy: "round-robin", groupId: staff.network }, { type: "add-tags", tags: ["network"] }, { type: "stop" }]),
    rule("printers", "Printers to the vendor", { field: "subject", op: "contains", value: "printer" },
      [{ type: "assign-group", groupId: staff.vendor }, { type: "add-tags", tags: ["vendor"] }, { type: "stop" }]),
    rule("vip", "Gold and platinum customers to level 2 applications", { field: "tier", op: "in", values: ["gold", "platinum"] },
      [{ type: "set-priority", priority: "high" }, { type: "assign-group", groupId: staff.apps }, { type: "assign-strategy", strategy: "round-robin", groupId: staff.apps }, { type: "stop" }]),
    rule("default", "Everything else to level 1", { field: "channel", op: "exists" },
      [{ type: "assign-group", groupId: company.l1 }, { type: "assign-strategy", strategy: "least-loaded", groupId: company.l1 }]),
  ]);
  const week = (from: string, to: string) => Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [[from, to]]]));
  await c.sla(system, s, {
    calendars: {
      madrid: { timeZone: "Europe/Madrid", hours: week("09:00", "18:00"), holidays: ["01-01", "01-06", "05-01", "08-15", "10-12", "11-01", "12-06", "12-08", "12-25", "2026-04-03"] },
      noc: { timeZone: "Europe/Madrid", hours: "24x7" },
    },
    policies: [
      { id: "outage", name: "Outage (24×7)", all: [{ field: "priority", in: ["urgent"] }], calendarId: "noc", time: "calendar",
        targets: { "first-response": { urgent: 15 }, resolution: { urgent: 240 } }, thresholds: [{ id: "warning", kind: "warning", at: { percent: 75 } }] },
      { id: "vip", name: "VIP", all: [{ field: "tier", in: ["gold", "platinum"] }], calendarId: "madrid",
        targets: { "first-response": { low: 120, normal: 60, high: 30, urgent: 15 }, resolution: { low: 2400, normal: 1440, high: 480, urgent: 240 } } },
      { id: "standard", name: "Standard", calendarId: "madrid",
        targets: { "first-response": { low: 480, normal: 240, high: 60, urgent: 30 }, resolution: { low: 4800, normal: 2400, high: 960, urgent: 480 } } },
    ],
  });
  await c.escalationRule(system, s, {
    id: "waiting-customer", serviceId: s, name: "Customer waiting for a first answer", enabled: true,
    condition: { kind: "sla-threshold", metric: "first-response", threshold: "breach" },
    levels: [{ level: 1, actions: [{ kind: "notify-lead" }] }, { level: 2, afterMinutes: 120, actions: [{ kind: "raise-priority" }] }],
  });
  return contacts;
}
