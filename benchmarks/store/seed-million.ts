import { type Kysely, sql } from "kysely";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

/**
 * Fills the ticket projection with `n` tickets over 10 services in one SQL statement: 10 % open
 * work with a deadline spread over 30 days (about 30 % of them due on 10 January 2025), the rest
 * closed. Each row carries a ticket document of realistic size.
 */
export async function seedMillion(db: Kysely<any>, n: number): Promise<void> {
  const doc = JSON.stringify({ subject: "Printer on floor 3 is jammed again", description: "x".repeat(600), tags: ["printer"], customFields: { floor: 3 } });
  const chunk = 200_000;
  for (let from = 1; from <= n; from += chunk) {
    const to = Math.min(n, from + chunk - 1);
    await sql`
      insert into spoc_tickets (id, service_id, number, version, status, priority, active, group_id, assignee_id, requester_id,
        created_at, updated_at, resolved_at, closed_at, next_deadline, doc)
      select 'm-' || g, 'svc-' || (g % 10), 'M' || (g % 10) || '-' || g, 3,
        case when (g / 10) % 10 = 0 then 'open' else 'closed' end,
        (array['low','normal','high','urgent'])[1 + (g / 7) % 4],
        case when (g / 10) % 10 = 0 then 1 else 0 end,
        'g-' || (g % 20), case when g % 3 = 0 then 'ag-' || (g % 50) end, 'c-' || (g % 50000),
        ${T0}::bigint + g * 30000, ${T0}::bigint + g * 30000 + 60000, null,
        case when (g / 10) % 10 = 0 then null else ${T0}::bigint + g * 30000 + ${DAY} end,
        case when (g / 10) % 10 = 0 then ${Date.UTC(2025, 0, 1)}::bigint + (g * 7919) % ${30 * DAY} end,
        ${doc}::json
      from generate_series(${from}::bigint, ${to}::bigint) g`.execute(db);
  }
  await sql`analyze spoc_tickets`.execute(db);
}
