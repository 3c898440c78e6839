import { StoreError } from "@spoc/core";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { classifyError } from "./classify";

const reason = (e: unknown, table?: string) => classifyError(e, table === undefined ? {} : { table }).reason;

describe("classifyError", () => {
  it("a PostgreSQL 23505 on the message table is a DuplicateMessageId", () => {
    expect(reason({ code: "23505", table: "spoc_messages", constraint: "spoc_messages_pk" })).toBe("DuplicateMessageId");
  });
  it("a PostgreSQL 23505 on the event stream is a VersionConflict", () => {
    expect(reason({ code: "23505", table: "spoc_events", constraint: "spoc_events_pk" })).toBe("VersionConflict");
  });
  it("a PostgreSQL 23505 on the ticket primary key is a VersionConflict", () => {
    expect(reason({ code: "23505", table: "spoc_tickets", constraint: "spoc_tickets_pkey" })).toBe("VersionConflict");
  });
  it("a unique violation on the command table is a DuplicateCommand, on every database", () => {
    expect(reason({ code: "23505", table: "spoc_commands", constraint: "spoc_commands_pk" })).toBe("DuplicateCommand");
    expect(reason({ errno: 1062, code: "ER_DUP_ENTRY", message: "Duplicate entry 'svc-a-k' for key 'spoc_commands_pk'" })).toBe("DuplicateCommand");
    expect(reason({ code: "SQLITE_CONSTRAINT_PRIMARYKEY", message: "UNIQUE constraint failed: spoc_commands.service_id, spoc_commands.command_id" })).toBe("DuplicateCommand");
  });
  it("a duplicate ticket number is a DuplicateKey", () => {
    expect(reason({ code: "23505", table: "spoc_tickets", constraint: "spoc_tickets_number" })).toBe("DuplicateKey");
  });
  it("a duplicate directory key is a DuplicateKey", () => {
    expect(reason({ code: "23505", table: "spoc_services", constraint: "spoc_services_pkey" })).toBe("DuplicateKey");
  });
  it("a MySQL 8 1062 names its table in the key", () => {
    const e = { errno: 1062, code: "ER_DUP_ENTRY", message: "Duplicate entry 'svc-a-<m1>' for key 'spoc_messages.PRIMARY'" };
    expect(reason(e)).toBe("DuplicateMessageId");
  });
  it("a MariaDB 1062 on PRIMARY takes the table from the statement's context", () => {
    const e = { errno: 1062, code: "ER_DUP_ENTRY", message: "Duplicate entry 't-1-2' for key 'PRIMARY'" };
    expect(reason(e, "spoc_events")).toBe("VersionConflict");
  });
  it("a MariaDB 1062 on a named key finds the table from the key name", () => {
    const e = { errno: 1062, code: "ER_DUP_ENTRY", message: "Duplicate entry 'svc-a-AA-1' for key 'spoc_tickets_number'" };
    expect(reason(e)).toBe("DuplicateKey");
  });
  it("a real SQLite unique violation on the message table is a DuplicateMessageId", () => {
    const db = new Database(":memory:");
    db.exec("create table spoc_messages (service_id text, external_id text, ticket_id text, primary key (service_id, external_id))");
    db.exec("insert into spoc_messages values ('a', 'm', 't')");
    let error: unknown;
    try { db.exec("insert into spoc_messages values ('a', 'm', 't2')"); } catch (e) { error = e; }
    expect(reason(error)).toBe("DuplicateMessageId");
  });
  it("a refused connection is retryable Unavailable", () => {
    const e = classifyError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
    expect([e.reason, e.isRetryable]).toEqual(["Unavailable", true]);
  });
  it.each([["40001", "serialization failure"], ["40P01", "deadlock"], ["57P01", "admin shutdown"], ["08006", "connection failure"]])(
    "PostgreSQL %s (%s) is retryable Unavailable",
    (code) => expect(classifyError({ code, message: "x" }).isRetryable).toBe(true),
  );
  it("a pg client whose connection was closed under it is retryable Unavailable", () => {
    expect(reason(new Error("Client has encountered a connection error and is not queryable"))).toBe("Unavailable");
    expect(reason(new Error("Connection terminated unexpectedly"))).toBe("Unavailable");
  });
  it("a MySQL deadlock (1213) is retryable Unavailable", () => {
    expect(reason({ errno: 1213, code: "ER_LOCK_DEADLOCK", message: "Deadlock found" })).toBe("Unavailable");
  });
  it("a busy SQLite database is retryable Unavailable", () => {
    expect(reason({ code: "SQLITE_BUSY", message: "database is locked" })).toBe("Unavailable");
  });
  it("a syntax error is Unknown and not retryable", () => {
    const e = classifyError({ code: "42601", message: "syntax error" });
    expect([e.reason, e.isRetryable]).toEqual(["Unknown", false]);
  });
  it("a StoreError passes through unchanged", () => {
    const e = new StoreError({ reason: "NotFound", message: "x" });
    expect(classifyError(e)).toBe(e);
  });
  it("keeps the driver error as the cause", () => {
    const cause = { code: "23505", table: "spoc_events" };
    expect(classifyError(cause).cause).toBe(cause);
  });
});
