/**
 * How many automatic replies (acknowledgements) the desk sends before it stops answering: per sender
 * within a sliding window, and per referenced ticket. Breaks loops with auto-responders that ignore
 * `Auto-Submitted`, `Precedence` and `X-Autoreply`, as Zammad's and RT's loop protection does: the
 * mail is still recorded, only the automatic answer is withheld.
 * @example
 * const mailbox: MailboxSettings = { autoReplyLimit: { perSender: 3, perTicket: 2, windowMinutes: 30 } }
 */
export interface AutoReplyLimit {
  /** Most acknowledgements to one sender within the window (default 5). */
  readonly perSender?: number;
  /** Most acknowledgements of new tickets that reference one ticket (follow-ups, linked tickets; default 3). */
  readonly perTicket?: number;
  /** The per-sender window, in minutes (default 60). */
  readonly windowMinutes?: number;
}

/** The limits used where a mailbox sets none. @example defaultAutoReplyLimit.perSender // 5 */
export const defaultAutoReplyLimit: Required<AutoReplyLimit> = { perSender: 5, perTicket: 3, windowMinutes: 60 };

/** What the desk already answered automatically: when, to this sender; and how many, for the referenced ticket. */
export interface AutoReplyHistory {
  /** When each acknowledged ticket of this sender was opened (epoch ms), any order. */
  readonly toSender: ReadonlyArray<number>;
  /** Acknowledged tickets already linked to the ticket this mail references (0 when it references none). */
  readonly onTicket: number;
}

/**
 * Whether one more automatic reply may go out, and why not. Pure: `now` is an argument.
 *
 * @example
 * autoReplyAllowed({ toSender: [t - 60_000, t - 1000], onTicket: 0 }, { perSender: 2 }, t)
 * // { allowed: false, why: "2 automatic replies to this sender in the last 60 minutes (limit 2)" }
 */
export const autoReplyAllowed = (history: AutoReplyHistory, limit: AutoReplyLimit, now: number): { allowed: boolean; why: string } => {
  const l = { ...defaultAutoReplyLimit, ...limit };
  const since = now - l.windowMinutes * 60_000;
  const recent = history.toSender.filter((at) => at > since && at <= now).length;
  if (recent >= l.perSender) {
    return { allowed: false, why: `${recent} automatic replies to this sender in the last ${l.windowMinutes} minutes (limit ${l.perSender})` };
  }
  if (history.onTicket >= l.perTicket) {
    return { allowed: false, why: `${history.onTicket} automatic replies already sent for the referenced ticket (limit ${l.perTicket})` };
  }
  return { allowed: true, why: "within the automatic-reply limits" };
};
