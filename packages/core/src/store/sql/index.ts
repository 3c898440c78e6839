/**
 * `@spoc/core/sql`: the SQL that spoc's SQL adapters share, written once against a tiny runner so
 * Kysely and TypeORM send the same text (today: the reporting views, functions and role of
 * migration 0005). Node-only (it hashes with node:crypto), hence its own entry.
 *
 * @packageDocumentation
 */
export { createReportingSchema, dropReportingSchema, installReportingRole, reportingRoleName, type SqlDialectName, type SqlRunner } from "./reporting-schema";
