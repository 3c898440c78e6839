import { sql, type Kysely } from "kysely";

/**
 * A run of a schedule: one (service, schedule, fire time).
 * @example
 * const key: RunKey = { serviceId: "svc-it", scheduleId: "weekly-backlog", fireTime: Date.parse("2026-03-02T07:00:00Z") }
 */
export interface RunKey {
  readonly serviceId: string;
  readonly scheduleId: string;
  readonly fireTime: number;
}

/**
 * A claimed run: what the claimant needs to send it, and to send it again recognisably.
 * @example
 * const run: ClaimedRun | undefined = await claims.claim({ serviceId, scheduleId, fireTime, workerId: "w1", at: now, leaseMs: 600_000, messageId })
 */
export interface ClaimedRun extends RunKey {
  /** The Message-ID every attempt of this run is sent with (set at the first claim, kept on takeover). */
  readonly messageId: string;
  /** Attempts before this one (0 on the first claim). */
  readonly attempts: number;
  /** When the run was first claimed (epoch ms): retries stop at this plus the delivery deadline. */
  readonly firstClaimedAt: number;
}

/**
 * A recorded run, as `list` returns it.
 * @example
 * (await claims.list("svc-it", "weekly-backlog")).filter((r: RunRecord) => r.status === "failed")
 */
export interface RunRecord extends RunKey {
  readonly status: "claimed" | "retrying" | "sent" | "failed";
  readonly workerId: string;
  readonly attempts: number;
  readonly messageId: string;
  readonly leaseUntil: number;
  readonly error: string | null;
}

/**
 * Records runs of schedules, keyed by (service, schedule, fire time). A claim holds a lease: a run
 * whose claimant died, or that waits for a retry, can be claimed again once its lease has expired.
 * @example
 * const claims: RunClaims = sqlRunClaims(db) // or memoryRunClaims() with the memory store
 */
export interface RunClaims {
  /** Claims a run that is new or whose lease expired before `at`; undefined when another holder has it or it ended. */
  claim(run: RunKey & { readonly workerId: string; readonly at: number; readonly leaseMs: number; readonly messageId: string }): Promise<ClaimedRun | undefined>;
  /** Unfinished runs whose lease expired before `at` (a dead claimant's, or due for a retry). */
  expired(at: number): Promise<ReadonlyArray<RunKey>>;
  /** Leaves a run to be retried after `retryAt`, recording the transient error. */
  retry(run: RunKey, outcome: { readonly at: number; readonly retryAt: number; readonly error: string }): Promise<void>;
  /** Records how a claimed run ended. */
  finish(run: RunKey, outcome: { readonly status: "sent" | "failed"; readonly at: number; readonly error?: string }): Promise<void>;
  /** Runs of a service's schedule, newest first. */
  list(serviceId: string, scheduleId: string): Promise<ReadonlyArray<RunRecord>>;
}

const TABLE = "spoc_schedule_runs";

/**
 * Creates the `spoc_schedule_runs` table (primary key (service_id, schedule_id, fire_time)) if it is missing.
 * It replaces `spoc_report_runs`, which was keyed without the service; that table is left as it was.
 * @example await migrateReportRuns(opened.db)
 */
export const migrateReportRuns = async (db: Kysely<any>): Promise<void> => {
  const table = db.schema
    .createTable(TABLE)
    .ifNotExists()
    .addColumn("service_id", sql`varchar(191)`, (c) => c.notNull())
    .addColumn("schedule_id", sql`varchar(191)`, (c) => c.notNull())
    .addColumn("fire_time", "bigint", (c) => c.notNull())
    .addColumn("worker_id", sql`varchar(191)`, (c) => c.notNull())
    .addColumn("first_claimed_at", "bigint", (c) => c.notNull())
    .addColumn("lease_until", "bigint", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("message_id", sql`varchar(255)`, (c) => c.notNull())
    .addColumn("status", sql`varchar(16)`, (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .addColumn("error", "text")
    .addPrimaryKeyConstraint("spoc_schedule_runs_pk", ["service_id", "schedule_id", "fire_time"]);
  // MySQL/MariaDB: ids compare case-sensitively, as in the store's own tables.
  await (isMysql(db) ? table.modifyEnd(sql`character set utf8mb4 collate utf8mb4_bin`) : table).execute();
};

const isMysql = (db: Kysely<any>): boolean => (db.getExecutor().adapter as object).constructor.name.toLowerCase().includes("mysql");

const byKey = <Q extends { where: (...a: any[]) => Q }>(q: Q, k: RunKey): Q =>
  q.where("service_id", "=", k.serviceId).where("schedule_id", "=", k.scheduleId).where("fire_time", "=", k.fireTime);

/**
 * Run claims in the database. A first claim is an `insert … on conflict do nothing` (MySQL: `insert ignore`) on the key; a
 * takeover is an `update … where lease_until < now` on an unfinished run, which one caller wins.
 * @example const claims = sqlRunClaims(opened.db); await migrateReportRuns(opened.db)
 */
export const sqlRunClaims = (db: Kysely<any>): RunClaims => ({
  async claim({ serviceId, scheduleId, fireTime, workerId, at, leaseMs, messageId }) {
    const key = { serviceId, scheduleId, fireTime };
    const insert = db
      .insertInto(TABLE)
      .values({
        service_id: serviceId, schedule_id: scheduleId, fire_time: fireTime, worker_id: workerId, first_claimed_at: at,
        lease_until: at + leaseMs, attempts: 0, message_id: messageId, status: "claimed",
      });
    // MySQL/MariaDB have no `on conflict`: `insert ignore` skips the duplicate key alike.
    const inserted = await (isMysql(db) ? insert.ignore() : insert.onConflict((oc) => oc.columns(["service_id", "schedule_id", "fire_time"]).doNothing()))
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { ...key, messageId, attempts: 0, firstClaimedAt: at };
    const taken = await byKey(db.updateTable(TABLE), key)
      .set({ worker_id: workerId, lease_until: at + leaseMs, status: "claimed" })
      .where("status", "in", ["claimed", "retrying"])
      .where("lease_until", "<", at)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows ?? 0) !== 1) return undefined;
    const row = await byKey(db.selectFrom(TABLE).selectAll(), key).executeTakeFirstOrThrow();
    return { ...key, messageId: String(row.message_id), attempts: Number(row.attempts), firstClaimedAt: Number(row.first_claimed_at) };
  },
  async expired(at) {
    const rows = await db.selectFrom(TABLE).select(["service_id", "schedule_id", "fire_time"])
      .where("status", "in", ["claimed", "retrying"]).where("lease_until", "<", at).execute();
    return rows.map((r) => ({ serviceId: String(r.service_id), scheduleId: String(r.schedule_id), fireTime: Number(r.fire_time) }));
  },
  async retry(run, { retryAt, error }) {
    await byKey(db.updateTable(TABLE), run)
      .set((eb: any) => ({ status: "retrying", lease_until: retryAt, error, attempts: eb("attempts", "+", 1) }))
      .execute();
  },
  async finish(run, { status, at, error }) {
    await byKey(db.updateTable(TABLE), run)
      .set((eb: any) => ({ status, finished_at: at, error: error ?? null, attempts: eb("attempts", "+", 1) }))
      .execute();
  },
  async list(serviceId, scheduleId) {
    const rows = await db.selectFrom(TABLE).selectAll().where("service_id", "=", serviceId).where("schedule_id", "=", scheduleId)
      .orderBy("fire_time", "desc").execute();
    return rows.map((r) => ({
      serviceId: String(r.service_id), scheduleId: String(r.schedule_id), fireTime: Number(r.fire_time), status: r.status as RunRecord["status"],
      workerId: String(r.worker_id), attempts: Number(r.attempts), messageId: String(r.message_id), leaseUntil: Number(r.lease_until),
      error: (r.error as string | null) ?? null,
    }));
  },
});

/** Run claims in memory, for the memory store (one process). @example await runDueSchedules({ store, claims: memoryRunClaims(), mailer, sourceFor, now: Date.now(), workerId: "w1" }) */
export const memoryRunClaims = (): RunClaims => {
  const runs = new Map<string, RunRecord & { firstClaimedAt: number }>();
  const id = (k: RunKey) => JSON.stringify([k.serviceId, k.scheduleId, k.fireTime]);
  const unfinished = (r: RunRecord) => r.status === "claimed" || r.status === "retrying";
  return {
    async claim({ serviceId, scheduleId, fireTime, workerId, at, leaseMs, messageId }) {
      const key = { serviceId, scheduleId, fireTime };
      const r = runs.get(id(key));
      if (r === undefined) {
        runs.set(id(key), { ...key, status: "claimed", workerId, attempts: 0, messageId, leaseUntil: at + leaseMs, error: null, firstClaimedAt: at });
        return { ...key, messageId, attempts: 0, firstClaimedAt: at };
      }
      if (!unfinished(r) || r.leaseUntil >= at) return undefined;
      runs.set(id(key), { ...r, status: "claimed", workerId, leaseUntil: at + leaseMs });
      return { ...key, messageId: r.messageId, attempts: r.attempts, firstClaimedAt: r.firstClaimedAt };
    },
    async expired(at) {
      return [...runs.values()].filter((r) => unfinished(r) && r.leaseUntil < at).map(({ serviceId, scheduleId, fireTime }) => ({ serviceId, scheduleId, fireTime }));
    },
    async retry(run, { retryAt, error }) {
      const r = runs.get(id(run));
      if (r) runs.set(id(run), { ...r, status: "retrying", leaseUntil: retryAt, error, attempts: r.attempts + 1 });
    },
    async finish(run, { status, error }) {
      const r = runs.get(id(run));
      if (r) runs.set(id(run), { ...r, status, error: error ?? null, attempts: r.attempts + 1 });
    },
    async list(serviceId, scheduleId) {
      return [...runs.values()].filter((r) => r.serviceId === serviceId && r.scheduleId === scheduleId).sort((a, b) => b.fireTime - a.fireTime);
    },
  };
};
