import { type Agent, type ChangeContext, type Channel, type DeskHook, type EventOf, type Principal, type Ticket, type TicketEvent, viewOf } from "@spoc/core";
import { AUTO_REPLY_LIMITED_TAG, AUTOMATIC_MAIL_TAG } from "../ingest/mailbox-settings";
import type { NotificationKind } from "../outbound/notification-templates";

/**
 * Which notifications the hook asks for, and what they need that the ticket does not hold.
 * @example
 * emailNotificationsHook({ channels: ["email", "web"], disabled: ["satisfaction-survey"] })
 */
export interface EmailNotificationOptions {
  /** Tickets of these channels get customer notifications (default: email only). */
  readonly channels?: ReadonlyArray<Channel>;
  /** Turn single kinds off (all are on by default). */
  readonly disabled?: ReadonlyArray<NotificationKind>;
  /** The satisfaction survey link of a ticket. */
  readonly surveyUrl?: (ticket: Ticket) => string;
  /** Language when the requester has none (default `en`). */
  readonly defaultLanguage?: string;
  /** Most message ids carried in References (default 20; the nearest are kept). */
  readonly maxReferences?: number;
}

const SYNTHETIC_ID = /@no-message-id\.spoc>$/;
const NOTIFY_ACTOR = { kind: "system", name: "email-notifications" } as const;

/**
 * The message ids of a ticket's inbound email, oldest first — what our notifications answer
 * (`In-Reply-To` the latest person-written one, `References` the chain) so mail clients thread them.
 *
 * @example
 * threadIds(history) // { inReplyTo: "<m2@customer>", references: ["<m1@customer>", "<m2@customer>"] }
 */
export const threadIds = (history: ReadonlyArray<TicketEvent>, max = 20): { inReplyTo: string | null; references: string[] } => {
  const mail = history.filter((e): e is EventOf<"MessageAdded"> =>
    e.type === "MessageAdded" && e.kind === "customer" && e.externalId !== null && !SYNTHETIC_ID.test(e.externalId));
  const human = mail.filter((e) => !e.automatic);
  const references = [...new Set(mail.map((e) => e.externalId as string))].slice(-max);
  return { inReplyTo: human.at(-1)?.externalId ?? mail.at(-1)?.externalId ?? null, references };
};

const request = (ctx: ChangeContext, template: NotificationKind, to: ReadonlyArray<string>, data: Record<string, unknown>): TicketEvent =>
  ({ type: "NotificationRequested", at: ctx.now, by: NOTIFY_ACTOR, template, to: [...to], data });

/**
 * A Desk hook that asks for the email channel's notifications, delivered later through the outbox:
 * an acknowledgement when an email opens a ticket (never for automatic mail), the agent's public
 * reply, a change to pending or resolved, the satisfaction survey on resolve, and an SLA warning
 * to the assignee when a metric breaches. Each event's `data` holds what the template needs.
 * Whatever goes to the customer is built from their view of the ticket (`viewOf` for the requester):
 * an internal note, a time log or an internal tag never reaches a customer's mail.
 *
 * @example
 * const desk = createDesk({ store, hooks: [emailNotificationsHook({ surveyUrl: (t) => `https://x/s/${t.id}` })] })
 */
export const emailNotificationsHook = (options: EmailNotificationOptions = {}): DeskHook => {
  const channels = new Set(options.channels ?? ["email"]);
  const disabled = new Set(options.disabled ?? []);
  const on = (kind: NotificationKind) => !disabled.has(kind);
  return {
    name: "email-notifications",
    async afterChange(ctx) {
      const t = ctx.after;
      const out: TicketEvent[] = [];
      const automaticTicket = t.tags.includes(AUTOMATIC_MAIL_TAG);
      // The requester's view: customer mail is made only of what they may see.
      const customer: Principal = { kind: "contact", contactId: t.requesterId, contactListId: ctx.service.contactListId };
      const seen = viewOf(customer, ctx.service, t);
      const customerFacing = channels.has(t.channel);
      const requester = customerFacing ? await ctx.store.getContact(ctx.service.contactListId, t.requesterId) : undefined;
      const to = requester?.emails.slice(0, 1) ?? [];
      const ids = threadIds(viewOf(customer, ctx.service, ctx.history), options.maxReferences);
      const common = {
        serviceId: ctx.service.id, serviceName: ctx.service.name, ticketId: seen.id, ticketNumber: seen.number,
        subject: seen.subject, requesterName: requester?.name ?? "", language: requester?.language ?? options.defaultLanguage ?? "en",
        inReplyTo: ids.inReplyTo, references: ids.references,
      };
      for (const e of viewOf(customer, ctx.service, ctx.newEvents)) {
        if (e.type === "TicketOpened" && to.length > 0 && !automaticTicket && !t.tags.includes(AUTO_REPLY_LIMITED_TAG) && ctx.command?.type === "OpenTicket" && t.channel === "email" && on("acknowledgement")) {
          out.push(request(ctx, "acknowledgement", to, common));
        }
        if (e.type === "MessageAdded" && e.kind === "reply" && !e.automatic && to.length > 0 && on("agent-reply")) {
          const agent = e.by.kind === "agent" ? await ctx.store.getAgent(e.by.id) : undefined;
          out.push(request(ctx, "agent-reply", to, { ...common, body: e.body, agentName: agent?.name ?? ctx.service.name }));
        }
        if (e.type === "StatusChanged" && to.length > 0 && !automaticTicket) {
          const pendingOrResolved = e.to === "pending-customer" || e.to === "pending-third-party" || e.to === "resolved";
          if (pendingOrResolved && on("status-change")) out.push(request(ctx, "status-change", to, { ...common, status: e.to, reason: e.reason }));
          if (e.to === "resolved" && on("satisfaction-survey")) {
            out.push(request(ctx, "satisfaction-survey", to, { ...common, surveyUrl: options.surveyUrl?.(t) ?? "" }));
          }
        }
      }
      // Staff mail: SLA warnings go to the assignee or the group's lead, from the full events.
      for (const e of ctx.newEvents) {
        if (e.type === "SlaBreached" && on("sla-warning")) {
          const agent = await responsibleAgent(ctx, t);
          if (agent?.email) {
            out.push(request(ctx, "sla-warning", [agent.email], {
              ...common, language: options.defaultLanguage ?? "en", inReplyTo: null, references: [],
              metric: e.metric, due: new Date(e.breachedAt).toISOString(), agentName: agent.name,
            }));
          }
        }
      }
      return out;
    },
  };
};

// The assignee, else the lead of the ticket's group: someone who can act before it gets worse.
const responsibleAgent = async (ctx: ChangeContext, t: Ticket): Promise<Agent | undefined> => {
  if (t.assigneeId !== null) return ctx.store.getAgent(t.assigneeId);
  if (t.groupId === null) return undefined;
  const group = await ctx.store.getGroup(ctx.service.id, t.groupId);
  return group?.leadId === undefined ? undefined : ctx.store.getAgent(group.leadId);
};
