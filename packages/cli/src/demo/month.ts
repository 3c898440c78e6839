import { Actor, type Channel, type PromiseDesk, type StaffTicket, type Ticket } from "@spoc/core";
import { customers, setUpMonth, staff } from "./month-setup";
import { type Random, seeded } from "./random";
import { company } from "./scenario";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// Typed by kind, so each command returns that kind's view of the ticket.
const system = Actor.system("demo");
const agent = (id: string) => Actor.agent(id);
const contact = (id: string) => Actor.contact(id);

const subjects = [
  "VPN drops every hour", "Wi-Fi slow in meeting room 3", "Invoice portal shows error 500", "Cannot log in to the CRM",
  "Printer on floor 2 jams", "Password reset", "Outage: warehouse scanners down", "New laptop for a starter",
  "Excel export has wrong totals", "Email bounces from a supplier", "Request: access to the shared drive",
  "Payment reference missing on invoice", "Mobile app crashes on login", "Label printer offline", "Timesheet will not submit",
] as const;
const channels: ReadonlyArray<Channel> = ["email", "email", "email", "phone", "phone", "web", "web", "chat", "api"];

interface Step { readonly at: number; readonly run: () => Promise<unknown> }

/** Office-ish arrival times: weekdays, mostly 08:00–19:00 Madrid (UTC+1 in November). */
const arrival = (r: Random, monthStart: number, days: number): number => {
  for (;;) {
    const day = r.int(0, days - 1);
    const dow = new Date(monthStart + day * DAY).getUTCDay();
    if ((dow === 0 || dow === 6) && !r.chance(0.15)) continue;
    return monthStart + day * DAY + r.int(7 * 60, 18 * 60) * MIN;
  }
};

/** What the month did, for the summary. */
export interface MonthReport {
  readonly tickets: number;
  readonly commands: number;
  readonly sweeps: number;
  readonly breaches: number;
  readonly escalations: number;
  readonly seconds: number;
}

/**
 * Plays a month of help-desk traffic from a fixed seed: tickets from every channel, routed by the
 * rules, answered, sometimes waiting on the customer or moved to level 2, resolved, closed, rated;
 * an hourly sweep records breaches and escalations. Everything goes through the Desk.
 */
export async function playMonth(desk: PromiseDesk, options: { seed?: number; tickets?: number; monthStart?: number; now: { set(t: number): void } }): Promise<MonthReport> {
  const started = performance.now();
  const r = seeded(options.seed ?? 2026);
  const monthStart = options.monthStart ?? Date.UTC(2026, 9, 1);
  const days = 30;
  const contacts = await setUpMonth(desk, monthStart);
  const steps: Step[] = [];
  const count = options.tickets ?? 360;
  let commands = 0;
  const run = (at: number, f: () => Promise<unknown>) => steps.push({ at, run: async () => { commands++; await f().catch(() => undefined); } });

  for (let i = 0; i < count; i++) {
    const billing = r.chance(0.15);
    const serviceId = billing ? company.billing : company.support;
    const who = r.pick(contacts);
    const subject = billing ? r.pick(["Payment reference missing on invoice", "Refund for double charge", "Change of billing address"]) : r.pick(subjects);
    const channel = r.pick(channels);
    const opened = arrival(r, monthStart, days);
    let ticket: StaffTicket | undefined;
    // A contact's command returns their public view; the script follows the ticket as staff see it.
    const staffView = async (t: { readonly id: Ticket["id"] }) => desk.getTicket(system, serviceId, t.id);
    const byPhone = channel === "phone" || channel === "walk-in";
    run(opened, async () => {
      const input = {
        serviceId, subject, channel, requesterId: who.id, organizationId: who.organizationId,
        description: `${subject}. Reported ${byPhone ? "by phone" : `via ${channel}`}.`,
        ...(r.chance(0.3) ? { impact: r.pick(["low", "medium", "high"] as const), urgency: r.pick(["low", "medium", "high"] as const) } : {}),
      };
      ticket = byPhone ? await desk.openTicket(agent("ag-ana"), input) : await staffView(await desk.openTicket(contact(who.id), input));
    });
    let t = opened + r.delay(billing ? 90 : 45) * MIN;
    const on = () => ({ serviceId, ticketId: (ticket as Ticket).id });
    const owner = () => ticket?.assigneeId ?? (billing ? r.pick(["ag-bea", "ag-hugo"]) : ticket?.groupId === staff.vendor ? "ag-vendor" : ticket?.groupId === staff.noc ? "ag-noc" : "ag-ines");
    run(t, async () => {
      if (!ticket) return;
      const me = owner();
      if (ticket.assigneeId === null) ticket = await desk.assign(agent(me), { ...on(), agentId: me });
      ticket = await desk.addMessage(agent(me), { ...on(), kind: "reply", body: "Thanks — we are looking into it." });
    });
    if (r.chance(0.35)) {
      t += r.delay(30) * MIN;
      run(t, async () => ticket && (ticket = await desk.changeStatus(agent(owner()), { ...on(), status: "pending-customer", reason: "asked for details" })));
      t += r.delay(240) * MIN;
      run(t, async () => ticket && (ticket = await staffView(await desk.addMessage(contact(ticket.requesterId), { ...on(), kind: "customer", body: "Here are the details you asked for." }))));
    }
    if (!billing && r.chance(0.2)) {
      t += r.delay(60) * MIN;
      run(t, async () => ticket && ticket.groupId === company.l1 &&
        (ticket = await desk.transfer(agent(owner()), { ...on(), toGroupId: r.pick([staff.apps, staff.network]), reason: "needs level 2" })));
    }
    t += r.delay(billing ? 600 : 300) * MIN;
    run(t, async () => {
      if (!ticket) return;
      ticket = await desk.logTime(agent(owner()), { ...on(), minutes: r.int(10, 120), billable: r.chance(0.4), rateCentsPerHour: 7_500 });
      ticket = await desk.addMessage(agent(owner()), { ...on(), kind: "reply", body: "This is fixed now; tell us if it happens again." });
      ticket = await desk.changeStatus(agent(owner()), { ...on(), status: "resolved" });
    });
    if (r.chance(0.06)) {
      run(t + r.delay(600) * MIN, async () => ticket && (ticket = await staffView(await desk.addMessage(contact(ticket.requesterId), { ...on(), kind: "customer", body: "It is happening again." }))));
      t += r.delay(900) * MIN;
      run(t, async () => ticket && (ticket = await desk.changeStatus(agent(owner()), { ...on(), status: "resolved" })));
    }
    if (r.chance(0.45)) run(t + r.delay(180) * MIN, async () => ticket && desk.rate(contact(ticket.requesterId), { ...on(), score: r.pick([5, 5, 4, 4, 4, 3, 2]) }));
    run(t + 2 * DAY, async () => ticket && (ticket = await desk.changeStatus(system, { ...on(), status: "closed" })));
  }
  steps.sort((a, b) => a.at - b.at);
  let breaches = 0;
  let escalations = 0;
  let sweeps = 0;
  let nextSweep = monthStart + HOUR;
  const end = monthStart + days * DAY;
  for (const step of steps) {
    while (nextSweep <= Math.min(step.at, end)) {
      options.now.set(nextSweep);
      const report = await desk.sweep({ limit: 500 });
      breaches += report.breaches.length;
      escalations += report.escalations.length;
      sweeps++;
      nextSweep += HOUR;
    }
    if (step.at > end) break;
    options.now.set(step.at);
    await step.run();
  }
  return { tickets: count, commands, sweeps, breaches, escalations, seconds: (performance.now() - started) / 1000 };
}

export { customers };
