import { StoreError } from "@spoc/core";
import Database from "better-sqlite3";
import { EntityNotFoundError, QueryFailedError } from "typeorm";
import { describe, expect, it } from "vitest";
import { classifyError } from "./classify";

const wrapped = (driverError: object) => new QueryFailedError("insert …", [], driverError as Error);
const reason = (e: unknown, table?: string) => classifyError(e, table === undefined ? {} : { table }).reason;

describe("classifyError", () => {
  it("a PostgreSQL 23505 on the message table, wrapped by TypeORM, is a DuplicateMessageId", () => {
    expect(reason(wrapped({ code: "23505", table: "spoc_messages", constraint: "spoc_messages_pk", message: "dup" }))).toBe("DuplicateMessageId");
  });
  it("a PostgreSQL 23505 on the event stream is a VersionConflict", () => {
    expect(reason(wrapped({ code: "23505", table: "spoc_events", message: "dup" }))).toBe("VersionConflict");
  });
  it("a PostgreSQL 23505 on the ticket primary key is a VersionConflict", () => {
    expect(reason(wrapped({ code: "23505", table: "spoc_tickets", constraint: "spoc_tickets_pkey", message: "dup" }))).toBe("VersionConflict");
  });
  it("a duplicate ticket number is a DuplicateKey", () => {
    expect(reason(wrapped({ code: "23505", table: "spoc_tickets", constraint: "spoc_tickets_number", message: "dup" }))).toBe("DuplicateKey");
  });
  it("a MySQL 8 1062 names its table in the key", () => {
    const e = { errno: 1062, code: "ER_DUP_ENTRY", message: "Duplicate entry 'svc-a-<m1>' for key 'spoc_messages.PRIMARY'" };
    expect(reason(wrapped(e))).toBe("DuplicateMessageId");
  });
  it("a MariaDB 1062 on PRIMARY takes the table from the statement's context", () => {
    const e = { errno: 1062, code: "ER_DUP_ENTRY", message: "Duplicate entry 't-1-2' for key 'PRIMARY'" };
    expect(reason(wrapped(e), "spoc_events")).toBe("VersionConflict");
  });
  it("a real better-sqlite3 unique violation on the message table is a DuplicateMessageId", () => {
    const db = new Database(":memory:");
    db.exec("create table spoc_messages (service_id text, external_id text, ticket_id text, primary key (service_id, external_id))");
    db.exec("insert into spoc_messages values ('a', 'm', 't')");
    let error: unknown;
    try { db.exec("insert into spoc_messages values ('a', 'm', 't2')"); } catch (e) { error = wrapped(e as Error); }
    expect(reason(error)).toBe("DuplicateMessageId");
  });
  it("a refused connection is retryable Unavailable", () => {
    const e = classifyError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
    expect([e.reason, e.isRetryable]).toEqual(["Unavailable", true]);
  });
  it.each([["40001", "serialization failure"], ["40P01", "deadlock"], ["55P03", "lock not available"], ["08006", "connection failure"]])(
    "PostgreSQL %s (%s) is retryable Unavailable",
    (code) => expect(classifyError(wrapped({ code, message: "x" })).isRetryable).toBe(true),
  );
  it("a MySQL lock wait timeout (1205) is retryable Unavailable", () => {
    expect(reason(wrapped({ errno: 1205, code: "ER_LOCK_WAIT_TIMEOUT", message: "Lock wait timeout" }))).toBe("Unavailable");
  });
  it("a busy SQLite database is retryable Unavailable", () => {
    expect(reason(wrapped({ code: "SQLITE_BUSY", message: "database is locked" }))).toBe("Unavailable");
  });
  it("a query on a DataSource that is not connected is retryable Unavailable", () => {
    const e = Object.assign(new Error("Cannot execute operation on \"default\" connection"), { name: "CannotExecuteNotConnectedError" });
    expect(classifyError(e).isRetryable).toBe(true);
  });
  it("TypeORM's EntityNotFoundError is NotFound and not retryable", () => {
    const e = classifyError(new EntityNotFoundError("spoc_tickets", { id: "x" }));
    expect([e.reason, e.isRetryable]).toEqual(["NotFound", false]);
  });
  it("a syntax error is Unknown and not retryable", () => {
    const e = classifyError(wrapped({ code: "42601", message: "syntax error" }));
    expect([e.reason, e.isRetryable]).toEqual(["Unknown", false]);
  });
  it("a StoreError passes through unchanged", () => {
    const e = new StoreError({ reason: "NotFound", message: "x" });
    expect(classifyError(e)).toBe(e);
  });
  it("keeps TypeORM's error as the cause", () => {
    const e = wrapped({ code: "23505", table: "spoc_events", message: "dup" });
    expect(classifyError(e).cause).toBe(e);
  });
});
