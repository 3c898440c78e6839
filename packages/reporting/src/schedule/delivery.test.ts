import nodemailer from "nodemailer";
import { afterEach, describe, expect, it } from "vitest";
import { ids, reportingDesk } from "../../test/desk-fixture";
import { scriptedSmtp } from "../../test/scripted-smtp";
import { sqliteTestStore, type TestStore } from "../../test/stores";
import { sqlDataSource } from "../dataset/data-set-source";
import { isTransientDeliveryError, reportMessageId, retryAt, smtpTimeouts } from "./delivery-policy";
import { nodemailerMailer } from "./report-mailer";
import { migrateReportRuns, sqlRunClaims } from "./run-claims";
import { putSchedule, runDueSchedules, type RunDueOptions } from "./run-due-schedules";

const daily = (serviceId: string) => ({
  id: "daily", serviceId, report: { predefined: "sla" }, cron: "0 7 * * *", timeZone: "UTC",
  lookback: "day", recipients: ["boss@example.com"], formats: ["html"], createdAt: Date.UTC(2025, 2, 1),
});
const fire = Date.UTC(2025, 2, 10, 7, 0);
const policy = { leaseMs: 60_000, backoffMs: 10_000, maxBackoffMs: 40_000, deadlineMs: 120_000 };

let opened: Array<{ close: () => Promise<void> }> = [];
afterEach(async () => {
  for (const o of opened.reverse()) await o.close();
  opened = [];
});

/** A store with both services' "daily" schedules (or just IT's), a scripted SMTP server and a pass function. */
const setup = async (schedules: ReadonlyArray<string> = [ids.it], socketTimeout: number = smtpTimeouts.socketTimeout) => {
  const s: TestStore = await sqliteTestStore();
  opened.push(s);
  await reportingDesk(s.store);
  await migrateReportRuns(s.db!);
  for (const svc of schedules) await putSchedule(s.store, daily(svc));
  const smtp = await scriptedSmtp();
  opened.push({ close: () => smtp.kill().catch(() => undefined) });
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true, ...smtpTimeouts, socketTimeout });
  const claims = sqlRunClaims(s.db!);
  const failures: string[] = [];
  const pass = (now: number, workerId = "w1", over: Partial<RunDueOptions> = {}) =>
    runDueSchedules({
      store: s.store, claims, mailer: nodemailerMailer(transport, "reports@spoc.example"), sourceFor: (svc) => sqlDataSource(s.db!, svc),
      now, workerId, delivery: policy, messageIdDomain: "spoc.example", onFailed: (f) => failures.push(`${f.serviceId}/${f.scheduleId}: ${f.error}`), ...over,
    });
  return { s, smtp, claims, pass, failures };
};

const messageIdOf = (data: string) => /^Message-ID: (.*)$/im.exec(data)?.[1];
const runId = reportMessageId({ serviceId: ids.it, scheduleId: "daily", fireTime: fire }, "spoc.example");

describe("scheduled runs that are never lost", () => {
  it("two services with a schedule named daily each send their own run", async () => {
    const { pass, smtp } = await setup([ids.it, ids.hr]);
    const r = await pass(fire + 60_000);
    expect(r.sent.map((x) => x.serviceId).sort()).toEqual([ids.hr, ids.it]);
    expect(smtp.received).toHaveLength(2);
  });

  it("a 451 reply leaves the run for a retry after the backoff, and the retry carries the same Message-ID", async () => {
    const { pass, smtp, claims } = await setup();
    smtp.set("451");
    const first = await pass(fire + 1000);
    expect(first.retrying).toEqual([expect.objectContaining({ scheduleId: "daily", retryAt: fire + 1000 + policy.backoffMs })]);
    expect(first.failed).toEqual([]);
    smtp.set("accept");
    expect((await pass(fire + 5000)).sent).toEqual([]);
    const later = await pass(fire + 1000 + policy.backoffMs + 1);
    expect(later.sent).toHaveLength(1);
    expect(smtp.received.map((m) => messageIdOf(m.data))).toEqual([runId, runId]);
    expect((await claims.list(ids.it, "daily"))[0]).toMatchObject({ status: "sent", attempts: 2, messageId: runId });
  });

  it("a connection dropped mid-DATA is retried, not marked failed", async () => {
    const { pass, smtp } = await setup();
    smtp.set("drop-in-data");
    const first = await pass(fire + 1000);
    expect(first.retrying).toHaveLength(1);
    smtp.set("accept");
    expect((await pass(fire + 1000 + policy.backoffMs + 1)).sent).toHaveLength(1);
  });

  it("a server that stalls after DATA fails the attempt within the socket timeout instead of hanging the scheduler", async () => {
    const { pass, smtp } = await setup([ids.it], 300);
    smtp.set("stall-in-data");
    const started = Date.now();
    const r = await pass(fire + 1000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.retrying).toHaveLength(1);
  });

  it("a killed server is retried with growing waits until the deadline, then the run is recorded as failed and reported", async () => {
    const { pass, smtp, claims, failures } = await setup();
    await smtp.kill();
    const waits: number[] = [];
    let now = fire + 1000;
    for (let i = 0; i < 10; i++) {
      const r = await pass(now);
      if (r.failed.length > 0) break;
      const next = r.retrying[0]!.retryAt;
      waits.push(next - now);
      now = next + 1;
    }
    expect(waits).toEqual([10_000, 20_000, 40_000, 40_000]);
    const [run] = await claims.list(ids.it, "daily");
    expect(run).toMatchObject({ status: "failed", attempts: 5 });
    expect(run!.error).toMatch(/ECONNREFUSED|connect/i);
    expect(failures).toEqual([expect.stringContaining(`${ids.it}/daily`)]);
  });

  it("a permanent 5xx reply fails the run at once", async () => {
    const { pass, smtp, claims } = await setup();
    smtp.set("550");
    expect((await pass(fire + 1000)).failed).toHaveLength(1);
    expect((await claims.list(ids.it, "daily"))[0]?.status).toBe("failed");
  });

  it("a killed scheduler's claimed run is taken over once its lease expires, with the run's Message-ID", async () => {
    const { pass, smtp, claims } = await setup();
    // The first scheduler claims the run and dies before sending.
    expect(await claims.claim({ serviceId: ids.it, scheduleId: "daily", fireTime: fire, workerId: "dead", at: fire + 1000, leaseMs: policy.leaseMs, messageId: runId })).toBeDefined();
    expect(await pass(fire + 2000, "w2")).toMatchObject({ sent: [], skipped: 1 });
    const r = await pass(fire + 1000 + policy.leaseMs + 1, "w2");
    expect(r.sent).toHaveLength(1);
    expect(messageIdOf(smtp.received[0]!.data)).toBe(runId);
    expect((await claims.list(ids.it, "daily"))[0]).toMatchObject({ status: "sent", workerId: "w2" });
  });

  it("a run still waiting for a retry is taken over even after its schedule's next fire time", async () => {
    const { pass, smtp } = await setup();
    smtp.set("451");
    await pass(fire + 1000);
    smtp.set("accept");
    const nextDay = fire + 86_400_000 + 1000;
    const r = await pass(nextDay);
    expect(r.sent.map((x) => x.fireTime).sort()).toEqual([fire, fire + 86_400_000]);
  });

  it("two schedulers taking over one expired run: exactly one wins", async () => {
    const { claims } = await setup();
    const key = { serviceId: ids.it, scheduleId: "daily", fireTime: fire, leaseMs: 1000, messageId: runId };
    await claims.claim({ ...key, workerId: "dead", at: 0 });
    const wins = await Promise.all(["a", "b", "c"].map((workerId) => claims.claim({ ...key, workerId, at: 5000 })));
    expect(wins.filter((w) => w !== undefined)).toHaveLength(1);
  });
});

describe("delivery policy", () => {
  it("4xx replies and connection failures are transient; 5xx replies and other errors are not", () => {
    expect(isTransientDeliveryError(Object.assign(new Error("x"), { responseCode: 451 }))).toBe(true);
    expect(isTransientDeliveryError(Object.assign(new Error("x"), { code: "ECONNECTION" }))).toBe(true);
    expect(isTransientDeliveryError(Object.assign(new Error("x"), { responseCode: 550, code: "EENVELOPE" }))).toBe(false);
    expect(isTransientDeliveryError(new Error("render failed"))).toBe(false);
  });

  it("no retry is scheduled past the deadline", () => {
    expect(retryAt({ attempts: 0, firstClaimedAt: 0 }, 100_000, policy)).toBe(110_000);
    expect(retryAt({ attempts: 2, firstClaimedAt: 0 }, 100_000, policy)).toBeUndefined();
  });
});
