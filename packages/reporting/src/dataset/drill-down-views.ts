import { type Actor, type PromiseDesk, TicketNotFound, type TicketViewFor } from "@spoc/core";
import { scoped, type DataSetSource } from "./data-set-source";
import type { DataSetDefinition } from "./definition";

/**
 * The tickets behind one row, as the actor sees them: each id the drill-down finds is read through the Desk
 * (`desk.getTicket`), so it is authorised and passed through `viewOf` like any other read — a viewer gets no
 * cost, a contact only the public side. Only `serviceIds` are searched; a ticket the actor may not read fails
 * the iteration with the Desk's `Forbidden` rather than being left out silently, so a list never looks complete
 * when it is not. This is the way to show drill-down results to people; the raw ids are for the host's own code.
 *
 * @example
 * for await (const t of drillDownViews(desk, agent, sqlDataSource(db, ["svc-it"]), definition, row.rowKey, ["svc-it"])) console.log(t.number)
 */
export async function* drillDownViews<A extends Actor>(
  desk: PromiseDesk, actor: A, source: DataSetSource, definition: DataSetDefinition, rowKey: string, serviceIds: ReadonlyArray<string>,
): AsyncGenerator<TicketViewFor<A["kind"]>> {
  for await (const id of source.drillDown(scoped(definition, serviceIds), rowKey)) {
    yield await readInAny(desk, actor, serviceIds, id);
  }
}

// A drill-down yields bare ids; the ticket is in one of the services searched (ids are unique across services).
const readInAny = async <A extends Actor>(desk: PromiseDesk, actor: A, serviceIds: ReadonlyArray<string>, id: string): Promise<TicketViewFor<A["kind"]>> => {
  for (const serviceId of serviceIds) {
    try {
      return await desk.getTicket(actor, serviceId, id);
    } catch (e) {
      if (!(e instanceof TicketNotFound)) throw e;
    }
  }
  throw new TicketNotFound({ message: `ticket ${id} not found in services ${serviceIds.join(", ")}`, serviceId: serviceIds.join(","), ticket: id });
};
