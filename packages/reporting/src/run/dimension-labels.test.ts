import { describe, expect, it } from "vitest";
import type { DataSetRow } from "../dataset/data-set-row";
import type { DataSetSource } from "../dataset/data-set-source";
import type { ReportDefinition } from "../reports/report-definition";
import { dimensionLabel, withLabels } from "./dimension-labels";
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
