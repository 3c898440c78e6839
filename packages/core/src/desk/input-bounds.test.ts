import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agent, ids, itSupport, system } from "../../test/it-support";
import { defaultServiceSettings } from "../service/schema";
import { InvalidInput } from "../validation/invalid-input";

const open = { serviceId: ids.support, subject: "VPN down", channel: "phone", requesterId: ids.carla } as const;
const ana = agent(ids.ana);
const issuePaths = (e: unknown) => (e as InvalidInput).issues.map((i) => i.path);

// What an adversarial tester stored before: NUL and lone surrogates broke every PostgreSQL report of the service.
describe("text that cannot poison", () => {
  const hostile = ["hello\u0000world", "half \ud800 a pair", "\udc00 low first"];

  it.each(hostile)("refuses %j in a ticket's subject, description, tags and custom fields, naming the field", async (bad) => {
    const desk = await itSupport();
    for (const [extra, path] of [
      [{ subject: bad }, "subject"], [{ description: bad }, "description"], [{ tags: ["ok", bad] }, "tags.1"],
      [{ customFields: { note: bad } }, "customFields.note"], [{ customFields: { [bad]: "x" } }, "customFields"],
    ] as const) {
      const e = await desk.openTicket(ana, { ...open, ...extra } as never).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(InvalidInput);
      expect(issuePaths(e)[0]).toMatch(new RegExp(`^${path.replace(".", "\\.")}`));
    }
    expect((await desk.listTickets(system, ids.support)).items).toHaveLength(0);
  });

  it("refuses hostile text in messages, names and configuration documents", async () => {
    const desk = await itSupport();
    const t = await desk.openTicket(ana, open);
    await expect(desk.addMessage(ana, { serviceId: ids.support, ticketId: t.id, kind: "note", body: "a\u0000" })).rejects.toMatchObject({ _tag: "InvalidInput", issues: [{ path: "body" }] });
    await expect(desk.configure.contact(system, { id: "c-x", contactListId: ids.list, name: "Eve\ud800", emails: [], phones: [] })).rejects.toMatchObject({ issues: [{ path: "name" }] });
    const rule = (value: string) => [{ id: "r1", serviceId: ids.support, name: "x", enabled: true, triggers: ["ticket-opened"], when: { field: "subject", op: "contains", value }, actions: [] }] as const;
    await desk.configure.routingRules(system, ids.support, rule("vpn"));
    await expect(desk.configure.routingRules(system, ids.support, rule("\u0000"))).rejects.toMatchObject({ _tag: "InvalidInput", issues: [{ path: expect.stringMatching(/when\.value$/) }] });
    await expect(desk.execute({ kind: "system", name: "x\u0000" }, { ...open, type: "OpenTicket" })).rejects.toMatchObject({ issues: [{ path: "actor.name" }] });
    expect((await desk.history(system, ids.support, t.id)).length).toBe(1);
  });

  it("accepts well-formed text in any script, surrogate pairs included", async () => {
    const desk = await itSupport();
    const t = await desk.openTicket(ana, { ...open, subject: "Ошибка 😀 错误", tags: ["ü"] });
    expect(t.subject).toBe("Ошибка 😀 错误");
  });
});

describe("finite numbers only", () => {
  it.each([NaN, Infinity, -Infinity])("refuses %s in a custom field or a rate instead of storing null", async (n) => {
    const desk = await itSupport();
    await expect(desk.openTicket(ana, { ...open, customFields: { score: n } })).rejects.toMatchObject({ _tag: "InvalidInput", issues: [{ path: "customFields.score" }] });
    const t = await desk.openTicket(ana, open);
    await expect(desk.logTime(ana, { serviceId: ids.support, ticketId: t.id, minutes: 5, billable: true, rateCentsPerHour: n })).rejects.toMatchObject({ issues: [{ path: "rateCentsPerHour" }] });
    const support = (await desk.store.getService(ids.support as never))!;
    await expect(desk.configure.service(system, { ...support, settings: { ...support.settings, reopenWindowDays: n } })).rejects.toMatchObject({ issues: [{ path: "settings.reopenWindowDays" }] });
  });
});

describe("per-service limits", () => {
  it("refuses a subject, body, tags and custom fields over the defaults, naming the field", async () => {
    const desk = await itSupport();
    const over = async (extra: object) => issuePaths(await desk.openTicket(ana, { ...open, ...extra } as never).catch((e: unknown) => e));
    expect(await over({ subject: "s".repeat(999) })).toEqual(["subject"]);
    expect(await over({ description: "d".repeat(1024 * 1024 + 1) })).toEqual(["description"]);
    expect(await over({ description: "é".repeat(600_000) })).toEqual(["description"]); // 1.2 MB in UTF-8
    expect(await over({ tags: Array.from({ length: 51 }, (_, i) => `t${i}`) })).toEqual(["tags"]);
    expect(await over({ tags: ["t".repeat(101)] })).toEqual(["tags.0"]);
    expect(await over({ customFields: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`f${i}`, i])) })).toEqual(["customFields"]);
    expect(await over({ customFields: { f: "v".repeat(1001) } })).toEqual(["customFields.f"]);
    expect((await desk.listTickets(system, ids.support)).items).toHaveLength(0);
    // 100,000 tags are refused by count, quickly.
    const started = performance.now();
    expect(await over({ tags: Array.from({ length: 100_000 }, (_, i) => `t${i}`) })).toEqual(["tags"]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("takes the service's own limits from its settings", async () => {
    const desk = await itSupport();
    await desk.configure.service(system, { id: ids.support, key: "IT", name: "Support", contactListId: ids.list, settings: { ...defaultServiceSettings, limits: { subjectChars: 10, tags: 2 } } });
    await expect(desk.openTicket(ana, { ...open, subject: "eleven char" })).rejects.toMatchObject({ issues: [{ path: "subject" }] });
    const t = await desk.openTicket(ana, { ...open, tags: ["a", "b"] });
    await expect(desk.updateFields(ana, { serviceId: ids.support, ticketId: t.id, addTags: ["c"] })).rejects.toMatchObject({ issues: [{ path: "addTags" }] });
    await expect(desk.updateFields(ana, { serviceId: ids.support, ticketId: t.id, subject: "x".repeat(11) })).rejects.toMatchObject({ issues: [{ path: "subject" }] });
    await expect(desk.configure.service(system, { id: ids.support, key: "IT", name: "Support", contactListId: ids.list, settings: { ...defaultServiceSettings, limits: { subjectChars: 5000 } } }))
      .rejects.toMatchObject({ issues: [{ path: "settings.limits.subjectChars" }] });
  });
});

describe("every Desk input is decoded", () => {
  it("refuses a malformed actor with InvalidInput naming it, on reads and configuration", async () => {
    const desk = await itSupport();
    for (const actor of [null, {}, { kind: "robot" }, { kind: "agent" }, { kind: "agent", id: "" }, "ag-ana"]) {
      await expect(desk.listTickets(actor as never, ids.support)).rejects.toMatchObject({ _tag: "InvalidInput", issues: [{ path: expect.stringMatching(/^actor/) }] });
      await expect(desk.getTicket(actor as never, ids.support, "t")).rejects.toBeInstanceOf(InvalidInput);
      await expect(desk.configure.sla(actor as never, ids.support, {} as never)).rejects.toBeInstanceOf(InvalidInput);
      await expect(desk.configure.agent(actor as never, {} as never)).rejects.toBeInstanceOf(InvalidInput);
    }
  });

  it("refuses a malformed list query instead of ignoring it or clamping it", async () => {
    const desk = await itSupport();
    for (const [query, path] of [
      [{ limit: 0 }, "query.limit"], [{ limit: 10_000 }, "query.limit"], [{ limit: NaN }, "query.limit"], [{ limit: "5" }, "query.limit"],
      [{ status: ["opne"] }, "query.status.0"], [{ status: "open" }, "query.status"], [{ sort: "id" }, "query.sort"], [{ after: 5 }, "query.after"],
    ] as const) {
      const e = await desk.listTickets(system, ids.support, query as never).catch((x: unknown) => x);
      expect(e, JSON.stringify(query)).toBeInstanceOf(InvalidInput);
      expect(issuePaths(e)[0]).toBe(path);
    }
    await expect(desk.listTickets(system, ids.support, null as never)).rejects.toBeInstanceOf(InvalidInput);
    expect((await desk.listTickets(system, ids.support, { limit: 500, status: ["open"] })).items).toEqual([]);
  });

  it("refuses a malformed service or ticket id, and a non-finite time", async () => {
    const desk = await itSupport();
    await expect(desk.getTicket(system, "", "t")).rejects.toMatchObject({ issues: [{ path: "serviceId" }] });
    await expect(desk.history(system, ids.support, 42 as never)).rejects.toMatchObject({ issues: [{ path: "ticketId" }] });
    await expect(desk.openTicket(system, open, { at: NaN })).rejects.toMatchObject({ issues: [{ path: "at" }] });
    await expect(desk.sweep({ now: Infinity })).rejects.toMatchObject({ issues: [{ path: "now" }] });
    await expect(desk.sweep({ limit: 0 })).rejects.toMatchObject({ issues: [{ path: "limit" }] });
    await expect(desk.sweep({ leaseMs: NaN })).rejects.toMatchObject({ issues: [{ path: "leaseMs" }] });
    expect((await desk.sweep({ limit: 10, hooks: [] })).claimed).toBe(0);
  });
});

describe("the Effect API", () => {
  it("fails with the same typed InvalidInput as the Promise API, never a defect", async () => {
    const desk = await itSupport();
    for (const run of [
      desk.effect.listTickets({ kind: "robot" } as never, ids.support as never),
      desk.effect.listTickets(system, ids.support as never, { limit: Infinity }),
      desk.effect.execute(system, { ...open, type: "OpenTicket", subject: "a\u0000" }),
      desk.effect.configure.agent(agent("ag-admin"), { id: ids.bea, name: "x", email: "x", memberships: [], skills: [], absences: [], capacity: NaN }),
      desk.effect.simulate(system, { serviceId: ids.support as never, from: NaN }),
    ]) {
      const exit = await Effect.runPromiseExit(run as Effect.Effect<unknown, unknown>);
      expect(Exit.isFailure(exit) && Cause.squash(exit.cause)).toBeInstanceOf(InvalidInput);
      expect(Exit.isFailure(exit) && exit.cause.reasons.every((r) => r._tag === "Fail")).toBe(true);
    }
  });
});

describe("any input at all", () => {
  it("gets a typed error or a result from every entry point, never a crash, and writes nothing when refused", async () => {
    const desk = await itSupport();
    const typed = ["InvalidInput", "Forbidden", "CommandRejected", "TicketNotFound", "IllegalTransition"];
    const anything = fc.anything({ withNullPrototype: true, withObjectString: true, withSparseArray: true, withUnicodeString: true, maxDepth: 3 });
    await fc.assert(fc.asyncProperty(anything, anything, anything, async (a, b, c) => {
      for (const run of [
        () => desk.execute(a as never, b as never), () => desk.execute(system, { type: "OpenTicket", ...(typeof b === "object" ? b : {}) } as never),
        () => desk.listTickets(a as never, b as never, c as never), () => desk.listTickets(system, ids.support, b as never),
        () => desk.configure.agent(a as never, b as never), () => desk.configure.service(a as never, b as never), () => desk.configure.sla(system, ids.support, b as never),
        () => desk.getTicketByNumber(system, ids.support, b as never),
      ]) {
        const outcome = await run().then(() => "ok", (e: { _tag?: string }) => e._tag ?? String(e));
        if (outcome !== "ok") expect(typed).toContain(outcome);
      }
    }), { numRuns: 150 });
    expect((await desk.listTickets(system, ids.support)).items).toHaveLength(0);
  });
});
