import { createDesk, type ServiceId, timeline } from "@spoc/core";
import { openStore } from "@spoc/store-kysely";
import { CliError, type Command, dbOption, dbUrl } from "./command";
import { about } from "./catalog";

/** `spoc ticket show`: a ticket with its full history. */
export const ticket: Command = {
  ...about.ticket,
  usage: "spoc ticket show <NUMBER> --db URL [--json]\n\n  NUMBER: a ticket number such as IT-000123 (its prefix names the service)",
  options: { ...dbOption, json: { type: "boolean" } },
  async run({ values, positionals }) {
    const [verb, number] = positionals;
    if (verb !== "show" || !number) throw new CliError(`usage: ${ticket.usage.split("\n")[0]}`);
    const opened = await openStore(dbUrl(values));
    try {
      const desk = createDesk({ store: opened.store, automation: false });
      const key = number.split("-")[0];
      const service = (await opened.store.listServices()).find((s) => s.key === key);
      if (!service) throw new CliError(`no service has the key ${key}`, 1);
      const system = { kind: "system", name: "cli" } as const;
      const t = await desk.getTicketByNumber(system, service.id as ServiceId, number).catch(() => undefined);
      if (!t) throw new CliError(`ticket ${number} not found`, 1);
      const history = await desk.history(system, service.id, t.id);
      if (values.json) {
        console.log(JSON.stringify({ ticket: t, history: history.map((h) => ({ version: h.version, ...h.event })) }, null, 2));
      } else {
        console.log(`${t.number} — ${t.subject}  [${t.status}, ${t.priority}]`);
        for (const line of timeline(history.map((h) => h.event))) console.log(line);
      }
      return 0;
    } finally {
      await opened.close();
    }
  },
};
