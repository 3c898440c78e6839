import { describe, expect, it } from "vitest";
import { createReportingSchema, dropReportingSchema, reportingRoleName, type SqlRunner } from "./reporting-schema";

/** A runner that records statements and answers the role queries as a role without CREATEROLE would. */
const recorder = () => {
  const sent: string[] = [];
  const run: SqlRunner = async (sql) => {
    sent.push(sql);
    if (sql.includes("from pg_roles where rolname = current_user")) return [{ database: "desk", schema: "public", su: false, cr: false, version: 170000 }];
    return [];
  };
  return { sent, run };
};

describe("the shared reporting schema", () => {
  it("on SQLite and MySQL creates the two views over the raw JSON, and nothing else", async () => {
    for (const [dialect, create] of [["sqlite", "create view if not exists"], ["mysql", "create or replace view"]] as const) {
      const { sent, run } = recorder();
      await createReportingSchema(dialect, run);
      expect(sent).toHaveLength(2);
      expect(sent[0]).toMatch(new RegExp(`^${create} spoc_report_tickets as select .*, doc from spoc_tickets$`));
      expect(sent[1]).toBe(`${create} spoc_report_events as select ticket_id, version, service_id, type, at, actor, payload from spoc_events`);
    }
  });

  it("on PostgreSQL creates the sanitizer first, reads JSON through it, then tries the reporting role", async () => {
    const { sent, run } = recorder();
    await createReportingSchema("postgres", run);
    expect(sent[0]).toMatch(/^create or replace function spoc_report_json\(j json\)/);
    expect(sent[2]).toContain("spoc_report_json(actor) as actor, spoc_report_json(payload) as payload");
    // Without superuser or CREATEROLE and no role yet: it stops after looking, creating nothing.
    expect(sent.slice(3).every((s) => s.startsWith("select"))).toBe(true);
  });

  it("drops what it created, the functions only on PostgreSQL", async () => {
    const { sent, run } = recorder();
    await dropReportingSchema("sqlite", run);
    expect(sent).toEqual(["drop view if exists spoc_report_events", "drop view if exists spoc_report_tickets"]);
  });

  it("names the role per database, hashed past PostgreSQL's 63 bytes", () => {
    expect(reportingRoleName("desk")).toBe("spoc_report_desk");
    const long = reportingRoleName("δ".repeat(30));
    expect(long).toMatch(/^spoc_report_[0-9a-f]{40}$/);
    expect(reportingRoleName("δ".repeat(30))).toBe(long);
  });
});
