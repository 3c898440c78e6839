import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import { describe, expect, it } from "vitest";
import { ids, itSupport, agent } from "../../test/it-support";
import { Desk } from "./desk";
import type { ServiceId } from "../ids/ids";

describe("the Desk as an Effect service", () => {
  it("is provided by a layer and fails with typed errors in the error channel", async () => {
    const seeded = await itSupport();
    const program = Effect.gen(function* () {
      const desk = yield* Desk;
      const t = yield* desk.execute(agent(ids.ana), { type: "OpenTicket", serviceId: ids.support, subject: "Laptop", channel: "walk-in", requesterId: ids.carla });
      const denied = yield* Effect.flip(desk.getTicket(agent(ids.bea), ids.support as ServiceId, t.id));
      return { number: t.number, denied: denied._tag };
    });
    const exit = await Effect.runPromiseExit(Effect.provide(program, Desk.layer({ store: seeded.store })));
    expect(Exit.isSuccess(exit) && exit.value).toEqual({ number: "IT-000001", denied: "Forbidden" });
  });
});
