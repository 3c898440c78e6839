import type { Store } from "@spoc/core";
import type { Kysely } from "kysely";
import type { DataSetRow } from "./data-set-row";
import type { DataSetDefinition } from "./definition";
import { drillDownInMemory, evaluateInMemory, storeTickets, type TicketSource } from "./evaluate-memory";
import { drillDownInSql, evaluateInSql } from "./sql/evaluate-sql";
import type { DataSetDialect } from "./sql/sql-dialect";

/**
 * Where data sets are evaluated: rows of a definition, and the tickets behind one row.
 * @example
 * const source = sqlDataSource(db)
 * for await (const row of source.rows(definition)) for await (const id of source.drillDown(definition, row.rowKey)) ids.push(id)
 */
export interface DataSetSource {
  /** The definition's rows: a field per dimension and per measure, and the `rowKey`. */
  rows(definition: DataSetDefinition): AsyncIterable<DataSetRow>;
  /** The ids of the tickets behind one row (its `rowKey`). */
  drillDown(definition: DataSetDefinition, rowKey: string): AsyncIterable<string>;
}

/**
 * Evaluates in memory over tickets read from a store (the memory store) or any ticket source.
 * `serviceIds` are the services it may read (a definition's `services` filter narrows them).
 * @example memoryDataSource(store, ["svc-it"]).rows(definition)
 */
export const memoryDataSource = (store: Store | TicketSource, serviceIds: ReadonlyArray<string>): DataSetSource => {
  const source = typeof store === "function" ? store : storeTickets(store, serviceIds);
  return {
    rows: (definition) => evaluateInMemory(scoped(definition, serviceIds), source),
    drillDown: (definition, rowKey) => drillDownInMemory(scoped(definition, serviceIds), source, rowKey),
  };
};

/**
 * Evaluates in the database (SQLite, PostgreSQL or MySQL/MariaDB) through the host's Kysely instance; only the
 * services in `serviceIds` are read.
 * @example sqlDataSource(opened.db, ["svc-it"], { dialect: opened.dialect }).rows(definition)
 */
export const sqlDataSource = (db: Kysely<any>, serviceIds: ReadonlyArray<string>, options: { readonly dialect?: DataSetDialect } = {}): DataSetSource => ({
  rows: (definition) => evaluateInSql(scoped(definition, serviceIds), db, options),
  drillDown: (definition, rowKey) => drillDownInSql(scoped(definition, serviceIds), db, rowKey, options),
});

/** Narrows a definition's services to those the caller may read. @example scoped(definition, ["svc-it"]).filters?.services // ["svc-it"] */
export const scoped = (definition: DataSetDefinition, serviceIds: ReadonlyArray<string>): DataSetDefinition => {
  const asked = definition.filters?.services;
  const services = asked === undefined ? [...serviceIds] : asked.filter((s) => serviceIds.includes(s));
  return { ...definition, filters: { ...definition.filters, services } };
};
