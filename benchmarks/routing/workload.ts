/**
 * The routing benchmark's workload, generated from a fixed seed: 200 rules (2–5 conditions each, all/any) in
 * spoc's rule language, and tickets as spoc routing facts. Conditions are drawn so every engine can express them.
 */
import type { Rule, RoutingFacts } from "../../packages/core/src/routing/index.ts";

/** Mulberry32: a small seeded PRNG, so every run sees the same rules and tickets. */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const channels = ["email", "phone", "web", "chat", "api"] as const;
const priorities = ["low", "normal", "high", "urgent"] as const;
const types = ["incident", "service-request", "complaint", "question", "task"] as const;
const categories = ["network", "hardware", "software", "access", "billing", "facilities"] as const;
const tiers = ["standard", "silver", "gold", "platinum"] as const;
const domains = ["acme.example", "globex.example", "initech.example", "umbrella.example", "hooli.example", "example.org"] as const;
const words = ["vpn", "printer", "password", "invoice", "outage", "laptop", "email", "wifi", "license", "refund", "monitor", "badge", "payroll", "backup"] as const;
const tags = ["vip", "eu", "us", "onsite", "remote", "contract", "trial", "partner"] as const;
const orgs = ["org-1", "org-2", "org-3", "org-4", "org-5", "org-6", "org-7", "org-8"] as const;

type Rand = () => number;
const pick = <T>(r: Rand, xs: ReadonlyArray<T>): T => xs[Math.floor(r() * xs.length)] as T;
const some = <T>(r: Rand, xs: ReadonlyArray<T>, n: number): T[] => {
  const out = new Set<T>();
  while (out.size < n) out.add(pick(r, xs));
  return [...out];
};

type Cond = Rule["when"];
/** A condition; `selective` ones (used inside `any`) hold for roughly one ticket in ten. */
const condition = (r: Rand, selective = false): Cond => {
  switch (selective ? [0, 4, 6, 7, 8, 11][Math.floor(r() * 6)] : Math.floor(r() * 12)) {
    case 0: return { field: "channel", op: "equals", value: pick(r, ["phone", "chat", "api"]) };
    case 1: return { field: "channel", op: "in", values: some(r, channels, 2) };
    case 2: return { field: "priority", op: "greaterThan", value: pick(r, ["low", "normal", "high"]) };
    case 3: return { field: "type", op: "in", values: some(r, types, 2) };
    case 4: return { field: "category", op: "equals", value: pick(r, categories) };
    case 5: return { field: "tier", op: "in", values: some(r, tiers, 2) };
    case 6: return { field: "requester.domain", op: "equals", value: pick(r, domains) };
    case 7: return { field: "subject", op: "contains", value: pick(r, words) };
    case 8: return { field: "tags", op: "equals", value: pick(r, tags) };
    case 9: return { field: "age", op: "greaterThan", value: 300 + Math.floor(r() * 600) };
    case 10: return { field: "custom.seats", op: "greaterThan", value: Math.floor(r() * 200) };
    default: return selective ? { field: "organization", op: "in", values: some(r, orgs, 1) } : { field: "organization", op: "notIn", values: some(r, orgs, 3) };
  }
};

/** 200 rules over the ticket-opened trigger; actions never touch a field a condition reads. */
export const makeRules = (seed = 42, count = 200): ReadonlyArray<unknown> => {
  const r = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const n = 2 + Math.floor(r() * 4);
    const any = r() < 0.3;
    const conds = Array.from({ length: n }, () => condition(r, any));
    return {
      id: `rule-${i}`,
      serviceId: "svc-support",
      name: `rule ${i}`,
      enabled: true,
      triggers: ["ticket-opened"],
      when: any ? { any: conds } : { all: conds },
      actions: [
        { type: "assign-group", groupId: `group-${i % 9}` },
        { type: "set-custom-field", name: "routedBy", value: `rule-${i}` },
      ],
    };
  });
};

const subjectOf = (r: Rand): string =>
  `${pick(r, ["My", "Our", "The", "URGENT:"])} ${pick(r, words)} ${pick(r, ["is down", "does not work", "question", "request"])} ${pick(r, words).toUpperCase()}`;

/** Tickets as routing facts; `count` of them, from a seed. */
export const makeFacts = (seed = 7, count = 100_000): RoutingFacts[] => {
  const r = prng(seed);
  const now = 1_750_000_000_000;
  return Array.from({ length: count }, (_, i) => {
    const createdAt = now - Math.floor(r() * 900) * 60_000;
    const hasSeats = r() < 0.7;
    return {
      trigger: "ticket-opened",
      now,
      ticket: {
        id: `t-${i}`, serviceId: "svc-support", number: `IT-${String(i).padStart(6, "0")}`, version: 1,
        subject: subjectOf(r), description: "", type: pick(r, types), category: r() < 0.2 ? null : pick(r, categories),
        channel: pick(r, channels), status: "new", priority: pick(r, priorities), impact: null, urgency: null,
        requesterId: `c-${i}`, organizationId: r() < 0.3 ? null : pick(r, orgs), groupId: null, assigneeId: null,
        tags: some(r, tags, Math.floor(r() * 3)), customFields: hasSeats ? { seats: Math.floor(r() * 250) } : {},
        links: [], mergedInto: null, handedOffFrom: null, handedOffTo: [], openedBy: { kind: "system", name: "bench" },
        createdAt, updatedAt: createdAt, firstResponseAt: null, resolvedAt: null, closedAt: null, messageCount: 1,
        lastCustomerMessageAt: null, lastAgentReplyAt: null, reopenCount: 0, groupReassignments: 0, agentReassignments: 0,
        responders: [], timeMinutes: 0, billableMinutes: 0, costCents: 0, rating: null, escalations: [], nextDeadline: null, sla: null,
      },
      requester: { email: `user${i}@${pick(r, domains)}`, tier: pick(r, tiers), organizationId: null },
    } as unknown as RoutingFacts;
  });
};
