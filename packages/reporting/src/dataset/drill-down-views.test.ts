import { Forbidden } from "@spoc/core";
import { describe, expect, it } from "vitest";
import { agent, generateTickets, ids, reportingDesk } from "../../test/desk-fixture";
import { memoryTestStore } from "../../test/stores";
import { memoryDataSource } from "./data-set-source";
import type { DataSetDefinition } from "./definition";
import { drillDownViews } from "./drill-down-views";

const definition: DataSetDefinition = { dimensions: ["service"], measures: ["created"], period: { from: "2025-03-01", to: "2025-03-31", timeZone: "UTC" } };

const collect = async <T>(xs: AsyncIterable<T>): Promise<Array<T>> => {
  const out: Array<T> = [];
  for await (const x of xs) out.push(x);
  return out;
};

const setup = async () => {
  const { store } = await memoryTestStore();
  const env = await reportingDesk(store);
  await generateTickets(env, 30);
  const source = memoryDataSource(store, [ids.it, ids.hr]);
  const itRow = (await collect(source.rows({ ...definition, filters: { services: [ids.it] } })))[0]!;
  return { desk: env.desk, source, itRow };
};

describe("drillDownViews", () => {
  it("turns a row's ticket ids into the tickets as the Desk shows them to the actor", async () => {
    const { desk, source, itRow } = await setup();
    const expected = await collect(source.drillDown(definition, itRow.rowKey));
    const views = await collect(drillDownViews(desk, agent(ids.lee), source, definition, itRow.rowKey, [ids.it]));
    expect(views.map((t) => t.id)).toEqual(expected);
    expect(views[0]).toEqual(await desk.getTicket(agent(ids.lee), ids.it, expected[0]!));
  });

  it("refuses a reader who may not read the row's tickets, with the Desk's Forbidden", async () => {
    const { desk, source, itRow } = await setup();
    await expect(collect(drillDownViews(desk, agent(ids.zoe), source, definition, itRow.rowKey, [ids.it]))).rejects.toBeInstanceOf(Forbidden);
  });
});
