/**
 * What an automatic subject says the message is.
 * @example
 * const kind: SubjectKind | null = automaticSubject("Undeliverable: Invoice 42") // "bounce"
 */
export type SubjectKind = "autoreply" | "bounce";

// Auto-reply markers appear after ticket tags too ("[RT #123] AutoReply: …"), so they match
// anywhere when followed by a colon; bare forms only match at the start.
const AUTOREPLY: ReadonlyArray<RegExp> = [
  /\b(automatic|auto)[ -]?(reply|response|answer)\s*:/i,
  /^\s*(out of (the )?office|abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique|respuesta autom[áa]tica|risposta automatica)\b/i,
  /^\s*auto[ -]?(reply|response)\b/i,
];

// Non-delivery reports as real MTAs title them. "Delayed Mail" is deliberately absent: a delay
// notice is labelled by its other headers, not its subject.
const BOUNCE: ReadonlyArray<RegExp> = [
  /^\s*undeliverable\b/i,
  /^\s*undelivered mail\b/i,
  /^\s*returned mail\b/i,
  /\bmail system error\b.*\breturned mail\b/i,
  /^\s*delivery status notification\b/i,
  /^\s*mail delivery failed\b/i,
  /^\s*delivery (failure|has failed|failed)\b/i,
  /^\s*failure notice\b/i,
  /^\s*non[- ]?delivery\b/i,
  /^\s*warning: could not send message\b/i,
  /^\s*message (not delivered|delivery failure)\b/i,
  /^\s*(mail|message) could not be delivered\b/i,
  /^\s*delivery notification: delivery has failed\b/i,
];

/**
 * Whether a subject is one that auto-responders or MTAs write, and which kind.
 *
 * @example
 * automaticSubject("Automatic reply: Nyaan") // "autoreply"
 */
export const automaticSubject = (subject: string | null): SubjectKind | null => {
  if (subject === null) return null;
  if (BOUNCE.some((re) => re.test(subject))) return "bounce";
  if (AUTOREPLY.some((re) => re.test(subject))) return "autoreply";
  return null;
};
