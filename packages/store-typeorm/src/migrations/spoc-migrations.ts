import { SpocInitial1735689600001 } from "./0001-initial";
import { SpocOutboxDelivery1735689600002 } from "./0002-outbox-delivery";
import { SpocEventStreamIndex1735689600003 } from "./0003-event-stream-index";
import { SpocSweepLeases1735689600004 } from "./0004-sweep-leases";
import { SpocReportingViews1735689600005 } from "./0005-reporting-views";
import { SpocCommandIds1735689600006 } from "./0006-command-ids";

/**
 * spoc's migrations as TypeORM migration classes, in order; add them to the host's `migrations`
 * and its own `migration:run` (or `dataSource.runMigrations()`) creates spoc's tables.
 * @example new DataSource({ type: "postgres", url, entities: [...spocEntities], migrations: [...spocMigrations] })
 */
export const spocMigrations = [SpocInitial1735689600001, SpocOutboxDelivery1735689600002, SpocEventStreamIndex1735689600003, SpocSweepLeases1735689600004, SpocReportingViews1735689600005, SpocCommandIds1735689600006] as const;
