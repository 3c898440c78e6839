/**
 * `slastatus_50_events_us`: microseconds per `slaStatus` call on a 50-event ticket history
 * (Madrid business calendar, first-response and resolution targets, pending pauses), with the
 * configuration compiled once. Null when the SLA engine does not export `slaStatus`.
 */
const HOUR = 3_600_000;

export const timeSlaStatus = async (): Promise<number | null> => {
  let sla: Record<string, any>;
  let history: Record<string, any>;
  try {
    sla = await import("../../packages/core/src/sla/index.ts");
    history = await import("../../packages/core/src/sla/test-history.ts");
  } catch (error) {
    console.error(`slaStatus not timed: ${(error as Error).message.split("\n")[0]}`);
    return null;
  }
  if (typeof sla.slaStatus !== "function" || typeof sla.compileSlaConfigOrThrow !== "function") return null;
  const madrid = sla.compileCalendarOrThrow({
    timeZone: "Europe/Madrid",
    hours: Object.fromEntries(["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [["09:00", "18:00"]]])),
    holidays: ["01-01", "01-06", "05-01", "08-15", "10-12", "11-01", "12-06", "12-08", "12-25", "2025-04-18"],
  });
  const config = sla.compileSlaConfigOrThrow({
    policies: [{ id: "standard", calendarId: "madrid", targets: { "first-response": { normal: 120 }, resolution: { normal: 2400 } } }],
    calendars: { madrid },
  });
  const t0 = Date.parse("2025-03-03T10:00:00+01:00");
  const events: unknown[] = [history.opened(t0)];
  for (let i = 0; events.length < 50; i++) {
    const at = t0 + (i + 1) * 3 * HOUR;
    const step = i % 4;
    if (step === 0) events.push(history.reply(at));
    else if (step === 1) events.push(history.status(at, i === 1 ? "new" : "open", "pending-customer"));
    else if (step === 2) events.push(history.customer(at));
    else events.push(history.status(at, "pending-customer", "open"));
  }
  const now = t0 + 60 * 3 * HOUR;
  for (let i = 0; i < 500; i++) sla.slaStatus(events, config, now);
  const runs = 5_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) sla.slaStatus(events, config, now + i);
  return Number((Number(process.hrtime.bigint() - start) / runs / 1000).toFixed(2));
};
