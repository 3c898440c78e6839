import { describe, expect, it } from "vitest";
import type { DataSetRow } from "../dataset/data-set-row";
import type { DataSetSource } from "../dataset/data-set-source";
import type { ReportDefinition } from "../reports/report-definition";
import { Actor, memoryStore } from "@spoc/core";
import { ids, reportingDesk } from "../../test/desk-fixture";
import { dimensionLabel, distinctNames, labelsFromStore, withLabels } from "./dimension-labels";
import { reportTotals } from "./report-totals";
import { filterFacts, reportRows } from "./run-report";

const period = { from: "2025-03-01", to: "2025-03-31", timeZone: "Europe/Athens" };
const rowsSource = (rows: ReadonlyArray<Record<string, unknown>>): DataSetSource => ({
  async *rows() {
    for (const r of rows) yield { ...r, rowKey: "[]" } as DataSetRow;
  },
  async *drillDown() {},
});
const collect = async (xs: AsyncIterable<Record<string, unknown>>) => {
  const out: Array<Record<string, unknown>> = [];
  for await (const x of xs) out.push(x);
  return out;
};

describe("human labels", () => {
  it("names priorities, channels and types, makes categories readable, and names empty values", () => {
    expect(dimensionLabel("priority", "high", {})).toBe("High");
    expect(dimensionLabel("channel", "walk-in", {})).toBe("Walk-in");
    expect(dimensionLabel("type", "service-request", {})).toBe("Service request");
    expect(dimensionLabel("category", "new_hardware", {})).toBe("New hardware");
    expect(dimensionLabel("agent", null, {})).toBe("Unassigned");
    expect(dimensionLabel("group", null, {})).toBe("No group");
    expect(withLabels({ organisation: "org-acme", created: 3 }, { organisation: new Map([["org-acme", "Acme Ltd"]]) })).toEqual({ organisation: "Acme Ltd", created: 3 });
  });

  it("two groups of one name (one per service) stay two groups, each with its own subtotal", async () => {
    const group = distinctNames([
      { id: "g-it", name: "Level 1", context: "IT" }, { id: "g-hr", name: "Level 1", context: "HR" },
      { id: "g-x", name: "Desk", context: "IT" }, { id: "g-y", name: "Desk", context: "IT" }, { id: "g-z", name: "Other", context: "IT" },
    ]);
    expect([...group.values()]).toEqual(["Level 1 (IT)", "Level 1 (HR)", "Desk (g-x)", "Desk (g-y)", "Other"]);
    const store = memoryStore();
    const { desk } = await reportingDesk(store);
    await desk.configure.group(Actor.system("t"), { id: ids.hrDesk, serviceId: ids.hr, name: "Level 1", level: "1", members: [ids.zoe] });
    const fromStore = await labelsFromStore(store, [ids.it, ids.hr]);
    expect(fromStore.group!.get(ids.l1)).toBe("Level 1 (IT Help Desk)");
    expect(fromStore.group!.get(ids.hrDesk)).toBe("Level 1 (HR Services)");
    const definition: ReportDefinition = {
      title: "T",
      dataSet: { dimensions: ["group", "agent"], measures: ["created"], period },
      layout: { grouping: { by: "group" } },
    };
    const data = [
      { group: "g-it", agent: "a1", created: 10 }, { group: "g-it", agent: "a2", created: 5 }, { group: "g-hr", agent: "a3", created: 1 },
    ];
    const source: DataSetSource = {
      async *rows(ds) {
        const keys = ds.dimensions as ReadonlyArray<string>;
        const sums = new Map<string, Record<string, unknown>>();
        for (const r of data) {
          const k = JSON.stringify(keys.map((d) => (r as Record<string, unknown>)[d]));
          const acc = sums.get(k) ?? { ...Object.fromEntries(keys.map((d) => [d, (r as Record<string, unknown>)[d]])), created: 0 };
          acc.created = (acc.created as number) + r.created;
          sums.set(k, acc);
        }
        for (const [k, r] of sums) yield { ...r, rowKey: k } as DataSetRow;
      },
      async *drillDown() {},
    };
    const totals = await reportTotals(definition, source, { group });
    expect(totals.subtotal!("Level 1 (IT)")).toMatchObject({ created: 15 });
    expect(totals.subtotal!("Level 1 (HR)")).toMatchObject({ created: 1 });
  });

  it("orders priorities by urgency, names naturally, empty values last", async () => {
    const definition: ReportDefinition = {
      title: "T",
      dataSet: { dimensions: ["group", "priority"], measures: ["created"], period },
      layout: { grouping: { by: "group" } },
    };
    const labels = { group: new Map([["g-a", "Group 10"], ["g-b", "Group 2"], ["g-c", "group 3"]]) };
    const rows = await collect(
      reportRows(
        definition,
        rowsSource([
          { group: "g-a", priority: "high", created: 1 },
          { group: "g-a", priority: "low", created: 1 },
          { group: "g-a", priority: "urgent", created: 1 },
          { group: null, priority: "normal", created: 1 },
          { group: "g-b", priority: null, created: 1 },
          { group: "g-b", priority: "normal", created: 1 },
          { group: "g-c", priority: "normal", created: 1 },
        ]),
        labels,
      ),
    );
    expect(rows.map((r) => `${r.group}/${r.priority}`)).toEqual([
      "Group 2/Normal", "Group 2/No priority", "group 3/Normal", "Group 10/Urgent", "Group 10/High", "Group 10/Low", "No group/Normal",
    ]);
  });

  it("shows the active filters by name in the header facts (services aside)", () => {
    const facts = filterFacts(
      { dimensions: [], measures: ["created"], period, filters: { services: ["svc-it"], channels: ["email", "phone"], agents: ["ag-1"] } },
      { agent: new Map([["ag-1", "Ana"]]) },
    );
    expect(facts).toEqual([{ label: "Agent", value: "Ana" }, { label: "Channel", value: "Email, Phone" }]);
  });
});
