import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import * as Schema from "effect/Schema";
import { describe, expect, expectTypeOf, it } from "vitest";
import { ids, itSupport } from "../../test/it-support";
import { Actor, type ActorOf } from "../auth/actor";
import { AgentId, ContactId, GroupId, ServiceId, TicketId } from "../ids/ids";
import { defaultServiceSettings } from "../service/schema";
import type { StaffTicket } from "../view/staff-view";
import { InvalidInput } from "../validation/invalid-input";
import type { AnyCommandInput, ServiceInput } from "./inputs";

// Each wrong input below is written once: `@ts-expect-error` proves TypeScript refuses it (npm run typecheck
// fails if it ever compiles), and the test proves the Desk still refuses it at run time, naming the field,
// for a JavaScript host that passes it anyway.

const system = Actor.system("setup");
const support = { id: "svc-x", key: "X", name: "X", contactListId: ids.list, settings: defaultServiceSettings };

/** The `InvalidInput` a call failed with, or the value it returned. */
const failure = (p: Promise<unknown>) => p.then((v) => v, (e: unknown) => e);
const paths = (e: unknown) => (e instanceof InvalidInput ? e.issues.map((i) => i.path) : e);

describe("id constructors", () => {
  it("make a branded id of their kind from a string", () => {
    const ana = AgentId("ag-ana");
    expect(ana).toBe("ag-ana");
    expectTypeOf(ana).toEqualTypeOf<AgentId>();
    expectTypeOf(ServiceId("svc")).toEqualTypeOf<ServiceId>();
    // @ts-expect-error an agent id is no service id
    const wrongKind: ServiceId = AgentId("ag-ana");
    expect(wrongKind).toBe("ag-ana");
  });

  it("refuse an id that is not one, with an InvalidInput naming the kind", () => {
    const e = (() => { try { return TicketId(""); } catch (x) { return x; } })();
    expect(e).toBeInstanceOf(InvalidInput);
    expect(paths(e)).toEqual(["TicketId"]);
    // @ts-expect-error ids are strings
    expect(() => GroupId(42)).toThrow(InvalidInput);
  });

  it("refuse blank, control-character and overlong ids (a line break in an id forged a line of apply's diff)", () => {
    for (const bad of [" ", "\n", "ag-ana\n", "\u0000", "a\u007fb", "x".repeat(201)]) {
      expect(() => AgentId(bad), JSON.stringify(bad)).toThrow(InvalidInput);
      expect(() => Actor.agent(bad), JSON.stringify(bad)).toThrow(InvalidInput);
    }
    for (const good of ["ag-ana", "ag-maría", "Group 70", "x".repeat(200), "__proto__"]) expect(AgentId(good)).toBe(good);
  });

  it("are still the Schemas: in structs, decoding and `make`", () => {
    expect(Schema.isSchema(ContactId)).toBe(true);
    const Pair = Schema.Struct({ agent: AgentId, contact: ContactId });
    expect(Schema.decodeUnknownSync(Pair)({ agent: "ag-1", contact: "c-1" })).toEqual({ agent: "ag-1", contact: "c-1" });
    expect(Exit.isFailure(Schema.decodeUnknownExit(Pair)({ agent: "", contact: "c-1" }))).toBe(true);
    expect(AgentId.make("ag-2")).toBe("ag-2");
  });
});

describe("actor constructors", () => {
  it("build each kind, typed by its kind", () => {
    expect(Actor.agent("ag-ana")).toEqual({ kind: "agent", id: "ag-ana" });
    expect(Actor.contact("c-1")).toEqual({ kind: "contact", id: "c-1" });
    expect(Actor.contact("c-1", { contactListId: "cl-1" })).toEqual({ kind: "contact", id: "c-1", contactListId: "cl-1" });
    expect(Actor.system()).toEqual({ kind: "system", name: "spoc" });
    expectTypeOf(Actor.agent("ag-ana")).toEqualTypeOf<ActorOf<"agent">>();
    expectTypeOf(Actor.contact("c-1")).toEqualTypeOf<ActorOf<"contact">>();
  });

  it("refuse a bad id with an InvalidInput naming the field", () => {
    const thrown = (f: () => unknown) => { try { return f(); } catch (x) { return x; } };
    expect(paths(thrown(() => Actor.agent("")))).toEqual(["id"]);
    expect(paths(thrown(() => Actor.contact("c-1", { contactListId: "" })))).toEqual(["contactListId"]);
  });

  it("type a read by the actor's kind: an agent gets the staff view", async () => {
    const desk = await itSupport();
    const t = await desk.openTicket(Actor.agent(ids.ana), { serviceId: ids.support, subject: "VPN", channel: "phone", requesterId: ids.carla });
    expectTypeOf(t).toEqualTypeOf<StaffTicket>();
  });
});

describe("configure takes each Schema's Encoded type", () => {
  it("accepts plain strings for ids (the README's input, no casts)", async () => {
    const desk = await itSupport();
    expectTypeOf(desk.configure.service).parameter(1).toEqualTypeOf<ServiceInput>();
    expect((await desk.configure.service(system, support)).id).toBe("svc-x");
  });

  it("refuses a service whose id is a number, at compile time and at run time, and writes nothing", async () => {
    const desk = await itSupport();
    // @ts-expect-error id is a string
    const e = await failure(desk.configure.service(system, { ...support, id: 42 }));
    expect(paths(e)).toEqual(["id"]);
    // @ts-expect-error key is a string
    expect(paths(await failure(desk.configure.service(system, { ...support, key: 7 })))).toEqual(["key"]);
    expect(await desk.store.getService(ServiceId("svc-x"))).toBeUndefined();
  });

  it("refuses a second service with a key already used, even from the system (tickets are numbered by key)", async () => {
    const desk = await itSupport();
    const taken = (await desk.store.getService(ServiceId(ids.support)))!.key;
    expect(paths(await failure(desk.configure.service(system, { ...support, key: taken })))).toEqual(["key"]);
    expect(await desk.store.getService(ServiceId("svc-x"))).toBeUndefined();
    await desk.configure.service(system, support);
    await desk.configure.service(system, { ...support, name: "X again" });
  });

  it("refuses wrong directory entries, naming the field", async () => {
    const desk = await itSupport();
    const c = desk.configure;
    // @ts-expect-error name is a string
    expect(paths(await failure(c.contactList(system, { id: "cl-2", name: 7 })))).toEqual(["name"]);
    // @ts-expect-error no such tier
    expect(paths(await failure(c.organization(system, { id: "o", contactListId: ids.list, name: "O", domains: [], tier: "diamond" })))).toEqual(["tier"]);
    // @ts-expect-error emails is a list
    expect(paths(await failure(c.contact(system, { id: "c", contactListId: ids.list, name: "C", emails: "c@x.example", phones: [] })))).toEqual(["emails"]);
    // @ts-expect-error no such level
    expect(paths(await failure(c.group(system, { id: "g", serviceId: ids.support, name: "G", level: 3, members: [] })))).toEqual(["level"]);
    // @ts-expect-error no such role
    expect(paths(await failure(c.agent(system, { id: "ag-x", name: "X", email: "x@x.example", memberships: [{ serviceId: ids.support, role: "owner" }], skills: [], absences: [] }))))
      .toEqual(["memberships.0.role"]);
  });

  it("refuses wrong automation documents, naming the field", async () => {
    const desk = await itSupport();
    const c = desk.configure;
    const rule = { id: "r", serviceId: ids.support, name: "r", enabled: true, when: { field: "channel", op: "exists" }, actions: [] } as const;
    // @ts-expect-error no such trigger
    const badRule = await failure(c.routingRules(system, ids.support, [{ ...rule, triggers: ["ticket-deleted"] }]));
    expect(paths(badRule)).toEqual(["rules[0] (r): triggers.0"]);
    // @ts-expect-error policies is a list
    expect(paths(await failure(c.sla(system, ids.support, { policies: "none" })))).toEqual(["policies"]);
    // @ts-expect-error enabled is a boolean
    const badEscalation = await failure(c.escalationRule(system, ids.support, { id: "e", serviceId: ids.support, name: "E", enabled: "yes", condition: { kind: "no-update", minutes: 60 }, levels: [{ level: 1, actions: [{ kind: "notify-lead" }] }] }));
    expect(paths(badEscalation)).toEqual(["enabled"]);
  });
});

describe("execute and the commands take the commands' Encoded types", () => {
  const open = { serviceId: ids.support, subject: "VPN", channel: "phone", requesterId: ids.carla } as const;

  it("refuses a wrong command through execute and through its method, naming the field", async () => {
    const desk = await itSupport();
    const ana = Actor.agent(ids.ana);
    expectTypeOf(desk.execute).parameter(1).toEqualTypeOf<AnyCommandInput>();
    // @ts-expect-error no such channel
    expect(paths(await failure(desk.execute(ana, { type: "OpenTicket", ...open, channel: "fax" })))).toEqual(["channel"]);
    // @ts-expect-error no such command
    expect(await failure(desk.execute(ana, { type: "Delete", serviceId: ids.support }))).toBeInstanceOf(InvalidInput);
    // @ts-expect-error no such channel
    expect(paths(await failure(desk.openTicket(ana, { ...open, channel: "fax" })))).toEqual(["channel"]);
    const t = await desk.openTicket(ana, open);
    // @ts-expect-error minutes is a number
    expect(paths(await failure(desk.logTime(ana, { serviceId: ids.support, ticketId: t.id, minutes: "10", billable: false })))).toEqual(["minutes"]);
    // @ts-expect-error no such priority
    expect(paths(await failure(desk.changePriority(ana, { serviceId: ids.support, ticketId: t.id, priority: "whenever" })))).toEqual(["priority"]);
    expect((await desk.getTicket(ana, ids.support, t.id)).priority).toBe(t.priority);
  });

  it("the Effect API is typed the same way and fails with the same InvalidInput", async () => {
    const desk = await itSupport();
    // @ts-expect-error id is a string
    const exit = await Effect.runPromiseExit(desk.effect.configure.service(system, { ...support, id: 42 }));
    expect(Exit.isFailure(exit) && paths(exit.cause.reasons.map((r) => (r._tag === "Fail" ? r.error : r))[0])).toEqual(["id"]);
    // @ts-expect-error no such channel
    const opened = await Effect.runPromiseExit(desk.effect.execute(system, { type: "OpenTicket", ...open, channel: "fax" }));
    expect(Exit.isFailure(opened)).toBe(true);
  });
});
