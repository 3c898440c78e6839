import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agent, contact, ids, reportingDesk } from "../../test/desk-fixture";
import { memoryTestStore, pgUrl, postgresTestStore, sqliteTestStore, type TestStore } from "../../test/stores";
import { memoryDataSource, sqlDataSource, type DataSetSource } from "./data-set-source";
import type { DataSetDefinition } from "./definition";

const period = { from: "2025-03-01", to: "2025-03-31", timeZone: "UTC" } as const;
const byService: DataSetDefinition = { dimensions: ["service"], measures: ["created", "cost", "handed-off-cost"], period };

const collect = async <T>(xs: AsyncIterable<T>): Promise<Array<T>> => {
  const out: Array<T> = [];
  for await (const x of xs) out.push(x);
  return out;
};

/** An IT ticket with 45 billable minutes at 60.00/h, closed and handed to HR; another IT ticket that stays. */
const handedOff = async (make: () => Promise<TestStore>) => {
  const s = await make();
  const env = await reportingDesk(s.store);
  const { desk } = env;
  const t = await desk.openTicket(contact(ids.carla), { serviceId: ids.it, subject: "Payroll question", channel: "web", requesterId: ids.carla });
  await desk.logTime(agent(ids.tom), { serviceId: ids.it, ticketId: t.id, minutes: 45, billable: true, rateCentsPerHour: 6000 });
  await desk.changeStatus(agent(ids.tom), { serviceId: ids.it, ticketId: t.id, status: "resolved" });
  await desk.changeStatus(agent(ids.tom), { serviceId: ids.it, ticketId: t.id, status: "closed" });
  await desk.handOff(agent(ids.tom), { serviceId: ids.it, ticketId: t.id, toServiceId: ids.hr });
  await desk.openTicket(contact(ids.dan), { serviceId: ids.it, subject: "Printer", channel: "web", requesterId: ids.dan });
  return s;
};

describe("the handed-off-cost measure", () => {
  const stores: Array<TestStore> = [];
  const sources: Array<{ name: string; source: DataSetSource }> = [];
  beforeAll(async () => {
    const memory = await handedOff(memoryTestStore);
    const sqlite = await handedOff(() => sqliteTestStore());
    stores.push(memory, sqlite);
    sources.push({ name: "memory", source: memoryDataSource(memory.store, [ids.it, ids.hr]) });
    sources.push({ name: "sqlite", source: sqlDataSource(sqlite.db!, [ids.it, ids.hr], { dialect: "sqlite" }) });
    if (pgUrl !== undefined) {
      const url = pgUrl;
      const postgres = await handedOff(() => postgresTestStore(url));
      stores.push(postgres);
      sources.push({ name: "postgres", source: sqlDataSource(postgres.db!, [ids.it, ids.hr], { dialect: "postgres" }) });
    }
  }, 60_000);
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it("counts the excerpt's cost on the receiving service, apart from its own cost, in every store", async () => {
    for (const { name, source } of sources) {
      const rows = await collect(source.rows(byService));
      const of = (service: string) => rows.find((r) => r.service === service);
      expect({ name, hr: [of(ids.hr)?.cost, of(ids.hr)?.["handed-off-cost"]] }).toEqual({ name, hr: [0, 45] });
      expect({ name, it: [of(ids.it)?.cost, of(ids.it)?.["handed-off-cost"]] }).toEqual({ name, it: [45, 0] });
    }
  });

  it("drills down from the handed-off cost's row to the receiving ticket", async () => {
    for (const { name, source } of sources) {
      const rows = await collect(source.rows(byService));
      const hr = rows.find((r) => r.service === ids.hr);
      expect({ name, found: (await collect(source.drillDown(byService, hr!.rowKey))).length }).toEqual({ name, found: 1 });
    }
  });
});
