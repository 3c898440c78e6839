import { describe, expect, it } from "vitest";
import { agent, ids, itSupport, system } from "../../test/it-support";
import { StoreError } from "../store/errors";
import { memoryStore } from "../store/memory-store";
import type { Store } from "../store/port";
import { CommandRejected } from "../ticket/errors";
import { InvalidInput } from "../validation/invalid-input";
import { HookFailed } from "./errors";
import type { DeskHook } from "./hooks";
import { createDesk } from "./promise";

/** A memory store whose methods fail on demand: the next `count` calls of `method` throw `error`. */
const flakyStore = () => {
  const inner = memoryStore();
  const plan = new Map<string, { error: unknown; count: number }>();
  const calls = new Map<string, number>();
  const store = new Proxy(inner, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function" || typeof key !== "string") return value;
      return (...args: unknown[]) => {
        calls.set(key, (calls.get(key) ?? 0) + 1);
        const p = plan.get(key);
        if (p && p.count > 0) {
          p.count--;
          return Promise.reject(p.error);
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as Store;
  return {
    store,
    failNext: (method: keyof Store, error: unknown, count = 1) => { plan.set(method, { error, count }); },
    calls: (method: keyof Store) => calls.get(method) ?? 0,
  };
};

/** A hook that throws `error` whenever `armed.on` is set. */
const throwingHook = (armed: { on: unknown }): DeskHook => ({
  name: "flaky-hook",
  afterChange: () => {
    if (armed.on !== undefined) throw armed.on;
    return [];
  },
});

const unavailable = () => new StoreError({ reason: "Unavailable", message: "connection refused" });

const setUp = async (hook?: DeskHook) => {
  const flaky = flakyStore();
  const built = await itSupport({ store: flaky.store });
  // The same directory, through a Desk with the hook and a fast retry.
  const desk = createDesk({ store: flaky.store, ...(hook ? { hooks: [hook] } : {}), storeRetry: { times: 2, baseDelayMs: 1 } });
  const t = await built.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "x", channel: "web", requesterId: ids.dan });
  return { desk, flaky, t };
};

const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);
const note = { serviceId: ids.support, kind: "note" as const, body: "n" };

describe("errors keep their class", () => {
  it("a StoreError thrown by a hook stays a StoreError", async () => {
    const armed = { on: undefined as unknown };
    const { desk, t } = await setUp(throwingHook(armed));
    armed.on = new StoreError({ reason: "DuplicateKey", message: "dup" });
    const e = await failure(desk.addMessage(agent(ids.ana), { ...note, ticketId: t.id }));
    expect(e).toBeInstanceOf(StoreError);
    expect(e).toMatchObject({ reason: "DuplicateKey" });
  });

  it("an InvalidInput thrown by a hook stays InvalidInput", async () => {
    const armed = { on: undefined as unknown };
    const { desk, t } = await setUp(throwingHook(armed));
    armed.on = new InvalidInput({ message: "bad rule", issues: [{ path: "rules.0", message: "bad" }] });
    expect(await failure(desk.addMessage(agent(ids.ana), { ...note, ticketId: t.id }))).toBeInstanceOf(InvalidInput);
  });

  it("a CommandRejected thrown by a hook stays CommandRejected", async () => {
    const armed = { on: undefined as unknown };
    const { desk, t } = await setUp(throwingHook(armed));
    armed.on = new CommandRejected({ code: "TicketClosed", message: "no" });
    expect(await failure(desk.addMessage(agent(ids.ana), { ...note, ticketId: t.id }))).toMatchObject({ _tag: "CommandRejected", code: "TicketClosed" });
  });

  it("anything else a hook throws is HookFailed naming the hook, and nothing is written", async () => {
    const armed = { on: undefined as unknown };
    const { desk, t } = await setUp(throwingHook(armed));
    armed.on = new TypeError("x is undefined");
    const e = await failure(desk.addMessage(agent(ids.ana), { ...note, ticketId: t.id }));
    expect(e).toBeInstanceOf(HookFailed);
    expect(e).toMatchObject({ hook: "flaky-hook", cause: armed.on });
    expect((await desk.history(system, ids.support, t.id)).some((x) => x.event.type === "MessageAdded" && x.event.kind === "note")).toBe(false);
  });

  it("a retryable StoreError from a hook is retried, then reported as StoreError", async () => {
    const armed = { on: undefined as unknown };
    let runs = 0;
    const counting: DeskHook = { name: "count", afterChange: (ctx) => { runs++; return throwingHook(armed).afterChange(ctx); } };
    const { desk, t } = await setUp(counting);
    armed.on = unavailable();
    runs = 0;
    const e = await failure(desk.addMessage(agent(ids.ana), { ...note, ticketId: t.id }));
    expect(e).toBeInstanceOf(StoreError);
    expect(e).toMatchObject({ reason: "Unavailable" });
    expect(runs).toBe(3);
  });

  it("a store briefly unavailable is retried and the command succeeds", async () => {
    const { desk, flaky, t } = await setUp();
    flaky.failNext("append", unavailable(), 2);
    const after = await desk.addMessage(agent(ids.ana), { ...note, ticketId: t.id });
    expect(after.version).toBe(t.version + 1);
  });

  it("a store unavailable for longer than the retries is reported as StoreError", async () => {
    const { desk, flaky, t } = await setUp();
    flaky.failNext("append", unavailable(), 3);
    const e = await failure(desk.addMessage(agent(ids.ana), { ...note, ticketId: t.id }));
    expect(e).toMatchObject({ _tag: "StoreError", reason: "Unavailable" });
  });

  it("a store error that is not retryable is reported at once", async () => {
    const { desk, flaky, t } = await setUp();
    flaky.failNext("getTicket", new StoreError({ reason: "DuplicateKey", message: "dup" }), 5);
    const before = flaky.calls("getTicket");
    expect(await failure(desk.getTicket(agent(ids.ana), ids.support, t.id))).toMatchObject({ _tag: "StoreError", reason: "DuplicateKey" });
    expect(flaky.calls("getTicket") - before).toBe(1);
  });

  it("an unknown throw from the store becomes StoreError{Unknown} keeping the cause", async () => {
    const { desk, flaky, t } = await setUp();
    const cause = new Error("socket hang up");
    flaky.failNext("getTicket", cause);
    expect(await failure(desk.getTicket(agent(ids.ana), ids.support, t.id))).toMatchObject({ _tag: "StoreError", reason: "Unknown", cause });
  });

  it("a retry count of 0 reports the first failure", async () => {
    const flaky = flakyStore();
    const built = await itSupport({ store: flaky.store });
    const desk = createDesk({ store: flaky.store, storeRetry: { times: 0 } });
    const t = await built.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "x", channel: "web", requesterId: ids.dan });
    flaky.failNext("getTicket", unavailable(), 1);
    expect(await failure(desk.getTicket(agent(ids.ana), ids.support, t.id))).toMatchObject({ _tag: "StoreError", reason: "Unavailable" });
  });
});
