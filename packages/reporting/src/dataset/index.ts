/**
 * Data sets: dimensions × measures × filters over a period, evaluated in memory or in SQL with the
 * same numbers, streamed as rows; every row drills down to its tickets.
 * @example for await (const row of sqlDataSource(db, ["svc-it"]).rows(definition)) console.log(row)
 */
export { DataSetDefinition, DataSetFilters, DataSetPeriod, Dimension, Granularity, Measure, fixedMeasures } from "./definition";
export { resolvePeriod, localMidnight, maxBuckets, autoGranularity, type PeriodBucket, type ResolvedPeriod } from "./period-buckets";
export { planOf, planAll, type Anchor, type Fact, type MeasurePlan, type RawAggregate } from "./measure-plan";
export { factOf, dimensionOf, anchored, type TicketWithHistory } from "./ticket-facts";
export { encodeRowKey, decodeRowKey, type DataSetRow } from "./data-set-row";
export { evaluateInMemory, drillDownInMemory, storeTickets, passesFilters, type TicketSource } from "./evaluate-memory";
export { evaluateInSql, drillDownInSql, compileDataSet, type SqlDataSetOptions } from "./sql/evaluate-sql";
export { dialectOfDb, dataSetDialectOfDb, type SqlDialect, type DataSetDialect } from "./sql/sql-dialect";
export { memoryDataSource, sqlDataSource, scoped, type DataSetSource } from "./data-set-source";
export { drillDownViews } from "./drill-down-views";
