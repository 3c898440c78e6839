import { describe, expect, it } from "vitest";
import type { AutomaticHeaders } from "../parse/schema";
import { automaticSubject } from "./automatic-subject";
import { classifyAutomatic } from "./classify-automatic";

const none: AutomaticHeaders = {
  autoSubmitted: null,
  precedence: null,
  xAutoreply: null,
  xAutorespond: null,
  returnPath: null,
  listId: null,
  contentType: "text/plain",
  reportType: null,
};
const person = { from: { address: "ann@example.com", name: "Ann" }, subject: "Printer broken" };

describe("classifyAutomatic", () => {
  it("says a person's message is not automatic", () => {
    expect(classifyAutomatic({ ...person, automaticHeaders: none })).toEqual({ automatic: false, kind: "none", signals: [] });
  });
  it("treats Auto-Submitted: no as a person", () => {
    expect(classifyAutomatic({ ...person, automaticHeaders: { ...none, autoSubmitted: "no" } }).automatic).toBe(false);
  });
  it("calls Auto-Submitted: auto-replied an autoreply", () => {
    const v = classifyAutomatic({ ...person, automaticHeaders: { ...none, autoSubmitted: "auto-replied" } });
    expect(v).toEqual({ automatic: true, kind: "autoreply", signals: ["Auto-Submitted: auto-replied"] });
  });
  it("calls a list post with Precedence: bulk a list message", () => {
    const v = classifyAutomatic({ ...person, automaticHeaders: { ...none, precedence: "bulk", listId: "<l.example>" } });
    expect(v.kind).toBe("list");
  });
  it("calls Precedence: junk without a list bulk", () => {
    expect(classifyAutomatic({ ...person, automaticHeaders: { ...none, precedence: "junk" } }).kind).toBe("bulk");
  });
  it("calls a DSN from MAILER-DAEMON a bounce, with sorted signals", () => {
    const v = classifyAutomatic({
      from: { address: "MAILER-DAEMON@mx.example", name: "" },
      subject: "Undelivered Mail Returned to Sender",
      automaticHeaders: { ...none, returnPath: "<>", contentType: "multipart/report", reportType: "delivery-status" },
    });
    expect(v).toEqual({
      automatic: true,
      kind: "bounce",
      signals: [
        "Content-Type: multipart/report; report-type=delivery-status",
        "From: MAILER-DAEMON@mx.example",
        "Return-Path: <>",
        "Subject: Undelivered Mail Returned to Sender",
      ],
    });
  });
  it("recognises a daemon sender without a domain", () => {
    const v = classifyAutomatic({ from: { address: "postmaster", name: "" }, subject: "x", automaticHeaders: none });
    expect(v).toEqual({ automatic: true, kind: "bounce", signals: ["From: postmaster"] });
  });
  it("calls an MDN an autoreply", () => {
    const v = classifyAutomatic({ ...person, automaticHeaders: { ...none, contentType: "multipart/report", reportType: "disposition-notification" } });
    expect(v.kind).toBe("autoreply");
  });
  it("honours X-Autoreply", () => {
    expect(classifyAutomatic({ ...person, automaticHeaders: { ...none, xAutoreply: "yes" } }).signals).toEqual(["X-Autoreply: yes"]);
  });
  it("cuts a long subject signal to 60 characters", () => {
    const subject = `[support.example.org #33575] AutoReply: ${"x".repeat(80)}`;
    const v = classifyAutomatic({ ...person, subject, automaticHeaders: none });
    expect(v.signals).toEqual([`Subject: ${subject.slice(0, 60)}`]);
  });
  it("does not mutate its input", () => {
    const input = { ...person, automaticHeaders: { ...none, precedence: "bulk" } };
    const copy = structuredClone(input);
    classifyAutomatic(input);
    expect(input).toEqual(copy);
  });
});

describe("automaticSubject", () => {
  it.each([
    ["Automatic reply: Nyaan", "autoreply"],
    ["Auto reply: Nyaan", "autoreply"],
    ["[rt.example #1] AutoReply: printer", "autoreply"],
    ["Out of Office: back Monday", "autoreply"],
    ["Undeliverable: test", "bounce"],
    ["Returned mail: User unknown", "bounce"],
    ["Mail delivery failed: returning message to sender", "bounce"],
    ["Delivery Status Notification (Failure)", "bounce"],
  ] as const)("recognises %s", (subject, kind) => {
    expect(automaticSubject(subject)).toBe(kind);
  });
  it.each(["Re: how do I set up an autoreply?", "Delayed Mail (still being retried)", "Returning the laptop"])(
    "leaves %s to people",
    (subject) => {
      expect(automaticSubject(subject)).toBeNull();
    },
  );
});
