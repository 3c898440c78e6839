import { Channel, decodeInput, InvalidInput, Level3, Priority, Status } from "@spoc/core";
import * as Schema from "effect/Schema";

const NonEmpty = Schema.String.check(Schema.isMinLength(1));
const Column = NonEmpty;

/** What a source state means in spoc: the status to reach (absent = leave as is), and whether the row's actor takes the ticket. */
export const StateTarget = Schema.Struct({
  status: Schema.optionalKey(Status),
  reason: Schema.optionalKey(Schema.String),
  /** The row's actor takes the ticket onto their desk (e.g. "Take in charge ticket"). */
  takeBy: Schema.optionalKey(Schema.Boolean),
});
export type StateTarget = typeof StateTarget.Type;

const Mapped = <S extends Schema.Top>(to: S) => Schema.Struct({ column: Column, map: Schema.Record(Schema.String, to) });

/** Reference aggregates the importer can print after an import (`--json`), by data set. */
export const DatasetKind = Schema.Literals(["uci-incident-event-log", "helpdesk-italian-software-company", "bpic2013-volvo-incidents"]);
export type DatasetKind = typeof DatasetKind.Type;

/**
 * How the columns of an external event log become spoc tickets, statuses, groups, agents and times.
 * One row is one event of one ticket; rows of a ticket share the `key` column.
 * @example decodeMapping(JSON.parse(readFileSync("mapping.json", "utf8")))
 */
export const Mapping = Schema.Struct({
  name: NonEmpty,
  description: Schema.optionalKey(Schema.String),
  /** The reference aggregates this log's format defines (printed by `spoc import --json`). */
  dataset: Schema.optionalKey(DatasetKind),
  /** The service the tickets are imported into (created when missing). */
  service: Schema.Struct({
    id: NonEmpty,
    key: Schema.String.check(Schema.isPattern(/^[A-Z][A-Z0-9]{0,9}$/)),
    name: NonEmpty,
    /** Days a resolved ticket may still be reopened; logs reopen late, so the default is 10 years. */
    reopenWindowDays: Schema.optionalKey(Schema.Number.check(Schema.isGreaterThanOrEqualTo(0))),
  }),
  csv: Schema.optionalKey(Schema.Struct({
    delimiter: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(1))),
    /** Column names by position, replacing the header's (for headers with repeated names). */
    columns: Schema.optionalKey(Schema.Array(NonEmpty)),
  })),
  /** Values that mean "no value" in reference columns (group, assignee, requester…). */
  missing: Schema.optionalKey(Schema.Array(Schema.String)),
  /** The column that identifies the ticket (incident number, case id). */
  key: Column,
  /** The event time of a row; `format` as in `compileTimeFormat`, `zone` UTC unless given. */
  time: Schema.Struct({ column: Column, format: NonEmpty, zone: Schema.optionalKey(NonEmpty) }),
  /** When the ticket was opened (same format); the first row's time when absent. */
  openedAt: Schema.optionalKey(Column),
  /** Who did the row's update: an agent of the service (the system when absent or missing). */
  actor: Schema.optionalKey(Column),
  /** Who opened the ticket: an agent (the first row's actor when absent). */
  openedBy: Schema.optionalKey(Column),
  /** The source state of a row (columns joined with `separator`) and what it means in spoc. */
  state: Schema.Struct({
    columns: Schema.Array(Column).check(Schema.isMinLength(1)),
    separator: Schema.optionalKey(Schema.String),
    map: Schema.Record(Schema.String, StateTarget),
    /** A state missing from `map`: keep the status (`keep`) or skip the row as bad (`reject`, the default). */
    unknown: Schema.optionalKey(Schema.Literals(["keep", "reject"])),
  }),
  /** The ticket's subject: `{column}` placeholders are replaced by the first row's values. */
  subject: NonEmpty,
  channel: Schema.optionalKey(Schema.Struct({ column: Column, map: Schema.Record(Schema.String, Channel), default: Channel })),
  /** The requester (a contact of the service's list, created on first sight). */
  requester: Schema.optionalKey(Column),
  /** The requester's organisation (created on first sight). */
  organization: Schema.optionalKey(Column),
  category: Schema.optionalKey(Column),
  priority: Schema.optionalKey(Mapped(Priority)),
  impact: Schema.optionalKey(Mapped(Level3)),
  urgency: Schema.optionalKey(Mapped(Level3)),
  /** The group in charge (created on first sight); a missing value leaves the group as is. */
  group: Schema.optionalKey(Column),
  /** The agent in charge (created on first sight); a missing value leaves the assignee as is. */
  assignee: Schema.optionalKey(Column),
  /** Custom fields kept from every row, raw (field name → column); only changes are recorded. */
  fields: Schema.optionalKey(Schema.Record(Schema.String, Column)),
  /**
   * Columns that carry the ticket's final values on every row ("enrichment"): recorded only from
   * rows whose state resolves or closes the ticket, never before it happened.
   */
  atResolution: Schema.optionalKey(Schema.Record(Schema.String, Schema.Struct({ column: Column, type: Schema.Literals(["text", "time"]) }))),
});
export type Mapping = typeof Mapping.Type;

/**
 * Decodes a mapping document, or returns an `InvalidInput` naming each bad field.
 * @example const m = decodeMapping(json); if (m instanceof InvalidInput) throw m
 */
export const decodeMapping = (input: unknown): Mapping | InvalidInput => decodeInput(Mapping, input, "mapping");

/** The custom field holding the source system's ticket key. */
export const SOURCE_ID = "sourceId";
/** The custom field holding the index (0-based, in file order) of the last source row imported. */
export const SOURCE_ROW = "sourceRow";
/** The custom field holding the source state of the latest row. */
export const SOURCE_STATE = "sourceState";
