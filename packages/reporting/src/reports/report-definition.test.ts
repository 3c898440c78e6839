import { InvalidInput } from "@spoc/core";
import { describe, expect, it } from "vitest";
import { columnsOf } from "./report-columns";
import { decodeReportDefinition } from "./report-definition";
import { predefinedNames, predefinedReport } from "./predefined";

const period = { from: "2025-03-01", to: "2025-03-31", timeZone: "Europe/Madrid" };
const good = {
  title: "Resolved per agent",
  dataSet: { dimensions: ["agent"], measures: ["resolved", "sla-compliance:resolution"], period },
  layout: { sort: { by: "resolved", direction: "desc" }, chart: { type: "bar", category: "agent", values: ["resolved"] } },
};

const messageOf = (input: unknown): string => {
  try {
    decodeReportDefinition(input);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInput);
    return (e as InvalidInput).message;
  }
  throw new Error("decoded");
};

describe("custom report definitions", () => {
  it("a valid JSON definition decodes", () => {
    expect(decodeReportDefinition(JSON.parse(JSON.stringify(good))).title).toBe("Resolved per agent");
  });

  it("an unknown measure is named by its path", () => {
    expect(messageOf({ ...good, dataSet: { ...good.dataSet, measures: ["resolved", "speed"] } })).toContain("dataSet.measures.1");
  });

  it("an unknown time zone is named by its path", () => {
    expect(messageOf({ ...good, dataSet: { ...good.dataSet, period: { ...period, timeZone: "Mars/Olympus" } } })).toContain("dataSet.period.timeZone");
  });

  it("a layout column that is not in the data set is named by its path", () => {
    expect(messageOf({ ...good, layout: { columns: [{ field: "agent" }, { field: "cost" }] } })).toContain("layout.columns.1.field");
  });

  it("a chart of a field the report does not show is refused", () => {
    expect(messageOf({ ...good, layout: { chart: { type: "bar", category: "agent", values: ["cost"] } } })).toContain("layout.chart.values.0");
  });
});

describe("predefined reports", () => {
  it.each(predefinedNames)("%s is a valid definition whose columns exist", (name) => {
    const definition = predefinedReport(name, { period, services: ["svc-it"] });
    expect(decodeReportDefinition(definition)).toEqual(definition);
    expect(columnsOf(definition).length).toBeGreaterThan(1);
  });
});
