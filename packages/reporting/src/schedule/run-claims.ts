import { sql, type Kysely } from "kysely";

/** Records runs of schedules, keyed by (schedule id, fire time); a key is claimed at most once, ever. */
export interface RunClaims {
  /** Claims a run; true for exactly one caller across every host sharing the database. */
  claim(run: { scheduleId: string; fireTime: number; serviceId: string; workerId: string; at: number }): Promise<boolean>;
  /** Records how a claimed run ended. */
  finish(scheduleId: string, fireTime: number, outcome: { status: "sent" | "failed"; at: number; error?: string }): Promise<void>;
  /** Runs of a schedule, newest first. */
  list(scheduleId: string): Promise<ReadonlyArray<{ fireTime: number; status: string; workerId: string; error: string | null }>>;
}

/**
 * Creates the `spoc_report_runs` table (unique (schedule_id, fire_time)) if it is missing.
 * @example await migrateReportRuns(opened.db)
 */
export const migrateReportRuns = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable("spoc_report_runs")
    .ifNotExists()
    .addColumn("schedule_id", sql`varchar(191)`, (c) => c.notNull())
    .addColumn("fire_time", "bigint", (c) => c.notNull())
    .addColumn("service_id", sql`varchar(191)`, (c) => c.notNull())
    .addColumn("worker_id", sql`varchar(191)`, (c) => c.notNull())
    .addColumn("claimed_at", "bigint", (c) => c.notNull())
    .addColumn("status", sql`varchar(16)`, (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .addColumn("error", "text")
    .addPrimaryKeyConstraint("spoc_report_runs_pk", ["schedule_id", "fire_time"])
    .execute();
};

/**
 * Run claims in the database: an `insert … on conflict do nothing` on the primary key is the atomic
 * "claim this key once", so two hosts on one database never send the same run twice.
 * @example const claims = sqlRunClaims(opened.db); await migrateReportRuns(opened.db)
 */
export const sqlRunClaims = (db: Kysely<any>): RunClaims => ({
  async claim({ scheduleId, fireTime, serviceId, workerId, at }) {
    const r = await db
      .insertInto("spoc_report_runs")
      .values({ schedule_id: scheduleId, fire_time: fireTime, service_id: serviceId, worker_id: workerId, claimed_at: at, status: "claimed" })
      .onConflict((oc) => oc.columns(["schedule_id", "fire_time"]).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },
  async finish(scheduleId, fireTime, { status, at, error }) {
    await db
      .updateTable("spoc_report_runs")
      .set({ status, finished_at: at, error: error ?? null })
      .where("schedule_id", "=", scheduleId)
      .where("fire_time", "=", fireTime)
      .execute();
  },
  async list(scheduleId) {
    const rows = await db.selectFrom("spoc_report_runs").selectAll().where("schedule_id", "=", scheduleId).orderBy("fire_time", "desc").execute();
    return rows.map((r) => ({ fireTime: Number(r.fire_time), status: String(r.status), workerId: String(r.worker_id), error: (r.error as string | null) ?? null }));
  },
});

/** Run claims in memory, for the memory store (one process). */
export const memoryRunClaims = (): RunClaims => {
  const runs = new Map<string, { scheduleId: string; fireTime: number; status: string; workerId: string; error: string | null }>();
  const key = (s: string, t: number) => `${s}\u0000${t}`;
  return {
    async claim({ scheduleId, fireTime, workerId }) {
      if (runs.has(key(scheduleId, fireTime))) return false;
      runs.set(key(scheduleId, fireTime), { scheduleId, fireTime, status: "claimed", workerId, error: null });
      return true;
    },
    async finish(scheduleId, fireTime, { status, error }) {
      const r = runs.get(key(scheduleId, fireTime));
      if (r) runs.set(key(scheduleId, fireTime), { ...r, status, error: error ?? null });
    },
    async list(scheduleId) {
      return [...runs.values()].filter((r) => r.scheduleId === scheduleId).sort((a, b) => b.fireTime - a.fireTime);
    },
  };
};
