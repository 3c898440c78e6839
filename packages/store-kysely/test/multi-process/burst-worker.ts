// One process of the burst test: notes and openings, each under its own idempotency key, while
// the parent terminates this store's backends. A command the Desk gave up on (its store retries
// exhausted) is run again with the same key until it is answered: that is what a host does.
import { createDesk, type ServiceId, type TicketId } from "@spoc/core";
import { openStore } from "../../src/open.ts";

const [url, workerId, idsJson, commandsArg] = process.argv.slice(2);
const ids = JSON.parse(idsJson ?? "[]") as TicketId[];
const commands = Number(commandsArg ?? 100);
const serviceId = "svc-burst" as ServiceId;
const system = { kind: "system", name: "burst" } as const;

const opened = await openStore(url ?? "", { migrate: false, poolSize: 3 });
const desk = createDesk({ store: opened.store, storeRetry: { times: 4, baseDelayMs: 10 } });
const outcome = { answered: [] as string[], unsure: [] as string[], hostRetries: 0, errors: [] as string[] };

for (let i = 0; i < commands; i++) {
  const key = `${workerId}-${i}`;
  const run = () => i % 5 === 0
    ? desk.openTicket(system, { serviceId, subject: key, channel: "api", requesterId: "c-burst" }, { commandId: key })
    : desk.addMessage(system, { serviceId, ticketId: ids[i % ids.length] as TicketId, kind: "note", body: key }, { commandId: key });
  let answered = false;
  for (let attempt = 0; attempt < 30 && !answered; attempt++) {
    try {
      await run();
      answered = true;
    } catch (e) {
      const error = e as { _tag?: string; reason?: string; message?: string };
      if (error._tag !== "StoreError" || error.reason !== "Unavailable") {
        outcome.errors.push(`${key}: ${error._tag}/${error.reason}: ${error.message}`);
        break;
      }
      outcome.hostRetries++;
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 30));
    }
  }
  (answered ? outcome.answered : outcome.unsure).push(key);
}
await opened.close();
process.send?.(outcome);
