import { describe, expect, it } from "vitest";
import type { TicketEvent } from "../ticket/events";
import { compileCalendarOrThrow } from "./calendar";
import { compileSlaConfigOrThrow } from "./config";
import { slaStatus } from "./status";
import { customer, fields, hours, min, note, opened, priority, reply, status } from "./test-history";

const madrid = compileCalendarOrThrow({
  timeZone: "Europe/Madrid",
  hours: { mon: [["09:00", "18:00"]], tue: [["09:00", "18:00"]], wed: [["09:00", "18:00"]], thu: [["09:00", "18:00"]], fri: [["09:00", "15:00"]] },
  holidays: ["01-06", "12-25"],
});
const targets = { low: 2400, normal: 960, high: 480, urgent: 120 };
const config = compileSlaConfigOrThrow({
  calendars: { madrid },
  policies: [
    { id: "vip", calendarId: "madrid", all: [{ field: "tier", in: ["gold"] }], targets: { "first-response": { urgent: 15 } } },
    {
      id: "hw",
      calendarId: "madrid",
      all: [{ field: "category", in: ["hardware"] }],
      targets: { "first-response": targets, "next-response": targets, "periodic-update": targets, resolution: targets },
      thresholds: [{ id: "warn", kind: "warning", at: { percent: 75 } }, { id: "l2", kind: "escalation", level: 2, at: { offsetMinutes: 60 } }],
    },
    { id: "std", calendarId: "madrid", targets: { "first-response": targets, "next-response": targets, resolution: targets } },
  ],
});

/** A realistic 50-event history: messages, notes, pauses, a category and a priority change. */
const history = (): TicketEvent[] => {
  const T = Date.parse("2025-01-08T10:00:00+01:00");
  const h: TicketEvent[] = [opened(T), customer(T), fields(T + min(5), { category: "hardware" }), reply(T + min(40)), status(T + min(41), "new", "open")];
  let t = T + hours(1);
  for (let i = 0; h.length < 48; i++) {
    t += hours(2);
    h.push(customer(t), note(t + min(10)), reply(t + min(30)));
    if (i % 3 === 0) h.push(status(t + min(31), "open", "pending-customer"), status(t + hours(1), "pending-customer", "open"));
  }
  h.push(priority(t + hours(1), "normal", "high"));
  return h.slice(0, 50);
};

describe("slaStatus speed", () => {
  it("evaluates a 50-event history in tens of microseconds", () => {
    const h = history();
    expect(h).toHaveLength(50);
    const now = (h[h.length - 1] as TicketEvent).at + hours(3);
    for (let i = 0; i < 3000; i++) slaStatus(h, config, now + i);
    // Best of five batches: the machine is shared, and the best batch is the least disturbed.
    let us = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 5; r++) {
      const start = performance.now();
      for (let i = 0; i < 4000; i++) slaStatus(h, config, now + i);
      us = Math.min(us, ((performance.now() - start) * 1000) / 4000);
    }
    console.log(`slaStatus, 50 events, 4 metrics, business calendar: ${us.toFixed(2)} µs per call`);
    // Loose bound: the machine is shared; the measured figure is what the log line reports.
    expect(us).toBeLessThan(200);
  });
});
