import { describe, expect, it } from "vitest";
import { inferSqlColumnKind, planSqlColumns, sqlColumnComments, sqlColumnLabel } from "./sql-columns";
import { SqlReportError } from "./sql-report-error";

describe("SQL report columns", () => {
  it("infers kinds from the name's suffix, then from the values", () => {
    expect(inferSqlColumnKind("created_at", [1740990000000])).toBe("datetime");
    expect(inferSqlColumnKind("report_date", ["2025-03-01"])).toBe("date");
    expect(inferSqlColumnKind("wait_seconds", ["3600"])).toBe("duration-seconds");
    expect(inferSqlColumnKind("avg_resolution_minutes", [12.5])).toBe("duration-minutes");
    expect(inferSqlColumnKind("sla_rate", [0.5])).toBe("percent");
    // PostgreSQL returns count(*) as text: still a number
    expect(inferSqlColumnKind("n", ["12", 3, null])).toBe("integer");
    expect(inferSqlColumnKind("mean", [1.5, 2])).toBe("number");
    expect(inferSqlColumnKind("status", ["open", "3"])).toBe("text");
    expect(inferSqlColumnKind("flag", [true])).toBe("text");
    expect(inferSqlColumnKind("nothing", [null])).toBe("text");
  });

  it("a suffix's kind yields to values that do not fit it: text in a *_at or *_seconds column stays text", () => {
    expect(inferSqlColumnKind("created_at", ["hello", 1740990000000])).toBe("text");
    expect(inferSqlColumnKind("wait_seconds", ["n/a", 3])).toBe("text");
    expect(inferSqlColumnKind("created_at", ["1740990000000", null])).toBe("datetime");
    expect(inferSqlColumnKind("report_date", ["2025-03-01"])).toBe("date");
    const [plan] = planSqlColumns(["created_at"], [{ created_at: "hello" }], "select 'hello' as created_at");
    expect(plan!.convert("hello")).toBe("hello");
  });

  it("headings from names leave out the unit the format shows", () => {
    expect(sqlColumnLabel("first_response_seconds")).toBe("First response");
    expect(sqlColumnLabel("created_at")).toBe("Created");
    expect(sqlColumnLabel("sla_rate")).toBe("Sla rate");
    expect(sqlColumnLabel("at")).toBe("At");
  });

  it("reads -- spoc: column comments, quoted names and labels; a bad one is invalid, naming the line", () => {
    expect(sqlColumnComments('-- spoc: column wait duration-hours "Time waited"\n--spoc:column "Odd name" percent\nselect 1')).toEqual({
      wait: { kind: "duration-hours", label: "Time waited" },
      "Odd name": { kind: "percent" },
    });
    expect(() => sqlColumnComments("-- spoc: column wait weeks")).toThrow(/column wait: "weeks" is not one of/);
    expect(() => sqlColumnComments("-- spoc: colum wait duration")).toThrow(SqlReportError);
  });

  it("declarations win over comments, comments over the convention; values are converted for the renderers", () => {
    const sql = '-- spoc: column handled duration-seconds "Handled in"\n-- spoc: column n integer "From comment"\nselect …';
    const rows = [{ status: "open", n: "4", handled: 7200, opened_at: "1740990000000", share_pct: 0.25 }];
    const plans = planSqlColumns(["status", "n", "handled", "opened_at", "share_pct"], rows, sql, { n: { label: "Tickets" }, share_pct: { kind: "number" } });
    expect(plans.map((p) => p.column)).toEqual([
      { key: "status", label: "Status", kind: "text" },
      { key: "n", label: "Tickets", kind: "integer" },
      { key: "handled", label: "Handled in", kind: "duration-minutes" },
      { key: "opened_at", label: "Opened", kind: "datetime" },
      { key: "share_pct", label: "Share", kind: "number" },
    ]);
    const converted = plans.map((p) => p.convert(rows[0]![p.column.key as keyof (typeof rows)[0]]));
    expect(converted).toEqual(["open", 4, 120, new Date(1740990000000), 0.25]);
  });

  it("a declaration naming no result column is refused, so a typo does not pass silently", () => {
    expect(() => planSqlColumns(["n"], [], "select 1 as n", { m: { kind: "integer" } })).toThrow(/columns m: no such column in the result \(n\)/);
    expect(() => planSqlColumns(["n"], [], "-- spoc: column x date\nselect 1 as n")).toThrow(/-- spoc: column x: no such column/);
  });
});
