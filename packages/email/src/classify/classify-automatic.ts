import type { AutomaticHeaders, EmailAddress } from "../parse/schema";
import { automaticSubject } from "./automatic-subject";

/**
 * What sort of machine sent a message, or `none` for a person.
 * @example
 * if (classifyAutomatic(email).kind === "list") tags.push(AUTOMATIC_MAIL_TAG)
 */
export type AutomaticKind = "autoreply" | "bounce" | "list" | "bulk" | "none";

/**
 * The verdict of `classifyAutomatic`, with the header evidence as `Header: value` strings.
 * @example
 * const { automatic, kind, signals }: AutomaticClassification = classifyAutomatic(email)
 */
export interface AutomaticClassification {
  readonly automatic: boolean;
  readonly kind: AutomaticKind;
  /** Sorted `Header: value` strings; the Subject value is cut to 60 characters. */
  readonly signals: ReadonlyArray<string>;
}

/**
 * The parts of an inbound message the classifier reads.
 * @example
 * const input: ClassifyInput = { from: email.from, subject: email.subject, automaticHeaders: email.automaticHeaders }
 * classifyAutomatic(input).automatic
 */
export interface ClassifyInput {
  readonly from: EmailAddress | null;
  readonly subject: string | null;
  readonly automaticHeaders: AutomaticHeaders;
}

const SUBJECT_SIGNAL_LENGTH = 60;
const DAEMONS = new Set(["mailer-daemon", "postmaster"]);

/**
 * Says whether a message was sent by a machine (auto-reply, bounce, list, bulk), so the desk
 * never answers it and never loops: Auto-Submitted other than `no`, Precedence bulk/junk/list,
 * X-Autoreply/X-Autorespond, a multipart/report, a MAILER-DAEMON or postmaster sender,
 * Return-Path `<>`, or an auto-reply / non-delivery subject.
 *
 * @example
 * classifyAutomatic(email) // { automatic: true, kind: "bounce", signals: ["Return-Path: <>", …] }
 */
export const classifyAutomatic = (input: ClassifyInput): AutomaticClassification => {
  const h = input.automaticHeaders;
  const signals: string[] = [];
  const kinds = new Set<AutomaticKind>();

  const autoSubmitted = h.autoSubmitted?.replace(/\([^)]*\)/g, "").trim().toLowerCase() ?? "";
  if (autoSubmitted !== "" && autoSubmitted !== "no") {
    signals.push(`Auto-Submitted: ${h.autoSubmitted}`);
    kinds.add(autoSubmitted.startsWith("auto-replied") ? "autoreply" : "bulk");
  }
  const precedence = h.precedence?.trim().toLowerCase() ?? "";
  if (precedence === "bulk" || precedence === "junk" || precedence === "list") {
    signals.push(`Precedence: ${h.precedence}`);
    kinds.add(precedence === "list" || h.listId !== null ? "list" : "bulk");
  }
  for (const [name, value] of [
    ["X-Autoreply", h.xAutoreply],
    ["X-Autorespond", h.xAutorespond],
  ] as const) {
    if (value !== null && value.trim().toLowerCase() !== "no") {
      signals.push(`${name}: ${value}`);
      kinds.add("autoreply");
    }
  }
  if (h.contentType === "multipart/report") {
    signals.push(`Content-Type: multipart/report${h.reportType ? `; report-type=${h.reportType}` : ""}`);
    kinds.add(h.reportType?.toLowerCase() === "disposition-notification" ? "autoreply" : "bounce");
  }
  const address = input.from?.address ?? "";
  // A bare "MAILER-DAEMON" (no domain) is as much a daemon as one with a host.
  const at = address.lastIndexOf("@");
  const localPart = (at < 0 ? address : address.slice(0, at)).toLowerCase();
  if (DAEMONS.has(localPart)) {
    signals.push(`From: ${address}`);
    kinds.add("bounce");
  }
  if (h.returnPath !== null && h.returnPath.replace(/\s+/g, "") === "<>") {
    signals.push("Return-Path: <>");
    kinds.add("bulk");
  }
  const subjectKind = automaticSubject(input.subject);
  if (subjectKind !== null && input.subject !== null) {
    signals.push(`Subject: ${input.subject.slice(0, SUBJECT_SIGNAL_LENGTH)}`);
    kinds.add(subjectKind);
  }
  signals.sort();
  const kind = (["bounce", "autoreply", "list", "bulk"] as const).find((k) => kinds.has(k)) ?? "none";
  return { automatic: signals.length > 0, kind, signals };
};
