import { type Actor, appendAll, type ContactId, isStoreError, maxSearchTextLength, type Store, type TicketId } from "@spoc/core";
import { describe, expect, it } from "vitest";
import { apply, fx, note, openingEvents, seed } from "./fixtures";
import type { ConformanceOptions, StoreHandle } from "./suite";

/**
 * User text that is syntax in some engine's query language, or odd in other ways.
 * @example for (const text of oddSearchTexts) await desk.listTickets(agent, serviceId, { text }) // never a SQL error
 */
export const oddSearchTexts: ReadonlyArray<string> = [
  '"', '""', "-", "*", "OR", "AND NOT", "a OR b", "-printer", "printer*", '"printer', "NEAR(printer paper)", "subject:printer",
  "^printer", "printer + - > < ( ) ~ @ *", "'); DROP TABLE spoc_tickets; --", "%_\\", "\\\"\\", "{subject}: x", "🙂 ünïcödé 中文 العربية",
  "\u200b\u00a0\t\n", "x".repeat(maxSearchTextLength), "a b c d e f g h i j k l m n o p",
];

const contact = (id: string): Actor => ({ kind: "contact", id: id as ContactId });
const agentA: Actor = { kind: "agent", id: fx.agentA };

/**
 * Full-text search through the store and the Desk: part of `storeConformance`; skipped with a
 * printed reason when the store's `capabilities.search` is not true.
 * @example searchConformance(options, () => handle) // inside a describe block, as storeConformance does
 */
export function searchConformance(options: ConformanceOptions, current: () => StoreHandle): void {
  describe("full-text search", () => {
    let told = false;
    const supported = (skip: () => void): Store => {
      const { store } = current();
      if (store.capabilities.search !== true) {
        if (!told) console.log(`[${options.name}] full-text search tests skipped: the store's capabilities.search is not true`);
        told = true;
        skip();
      }
      return store;
    };

    it("finds tickets by subject, description, public messages, requester name and email; staff also by notes", async (ctx) => {
      const store = supported(() => ctx.skip());
      const desk = await seed(store);
      const t = await desk.openTicket(fx.system, { serviceId: fx.a, subject: "Impresora atascada", description: "La bandeja dos no avanza", channel: "api", requesterId: fx.requester });
      await desk.openTicket(fx.system, { serviceId: fx.a, subject: "VPN down", channel: "api", requesterId: fx.requester });
      await desk.addMessage(fx.system, { serviceId: fx.a, ticketId: t.id, kind: "customer", body: "Sigue sin funcionar, ¿podéis mirarlo?" });
      await desk.addMessage(agentA, { serviceId: fx.a, ticketId: t.id, kind: "note", body: "Replace the fuser unit" });
      const ids = async (actor: Actor, text: string) => (await desk.listTickets(actor, fx.a, { text })).items.map((x) => x.id);
      expect(await ids(agentA, "impresora")).toEqual([t.id]);
      expect(await ids(agentA, "IMPRES* atasc*")).toEqual([t.id]); // prefixes with *, any case, every word
      expect(await ids(agentA, "impres atascada")).toEqual([]); // without *, whole words
      expect(await ids(agentA, "bandeja")).toEqual([t.id]);
      expect(await ids(agentA, "podeis")).toEqual([t.id]); // accents ignored
      expect(await ids(agentA, "fuser")).toEqual([t.id]); // staff read notes
      expect(await ids(agentA, "impresora fuser")).toEqual([t.id]); // words across public text and notes
      expect(await ids(agentA, "impresora vpn")).toEqual([]);
      expect((await ids(agentA, "zoe example")).length).toBe(2); // the requester's email
      expect((await ids(agentA, "Ζωή")).length).toBe(2); // and name
      expect(await ids(agentA, "nothinglikethis")).toEqual([]);
    });

    it("a contact's search never matches an internal note, nor another requester's ticket", async (ctx) => {
      const store = supported(() => ctx.skip());
      const desk = await seed(store);
      await desk.configure.contact(fx.system, { id: "c-2", contactListId: fx.list, name: "Other Person", emails: ["other@example.org"], phones: [] });
      const mine = await desk.openTicket(fx.system, { serviceId: fx.a, subject: "Printer jam", channel: "api", requesterId: fx.requester });
      await desk.addMessage(agentA, { serviceId: fx.a, ticketId: mine.id, kind: "note", body: "customer is grumpy, secretword" });
      await desk.addMessage(agentA, { serviceId: fx.a, ticketId: mine.id, kind: "reply", body: "We sent a technician" });
      const theirs = await desk.openTicket(fx.system, { serviceId: fx.a, subject: "Printer jam too", channel: "api", requesterId: "c-2" });
      const ids = async (actor: Actor, text: string) => (await desk.listTickets(actor, fx.a, { text })).items.map((x) => x.id);
      expect(await ids(contact(fx.requester), "printer")).toEqual([mine.id]);
      expect(await ids(contact(fx.requester), "technician")).toEqual([mine.id]);
      expect(await ids(contact(fx.requester), "secretword")).toEqual([]);
      expect(await ids(contact(fx.requester), "printer grumpy")).toEqual([]);
      // Asking for the staff audience changes nothing: the Desk decides it from the caller.
      expect((await desk.listTickets(contact(fx.requester), fx.a, { text: "secretword", audience: "staff" })).items).toEqual([]);
      expect(await ids(contact("c-2"), "printer")).toEqual([theirs.id]);
      expect(await ids(agentA, "secretword")).toEqual([mine.id]);
      // The store's own default is the public part.
      expect((await store.listTickets(fx.a, { text: "secretword" })).items).toEqual([]);
      expect((await store.listTickets(fx.a, { text: "secretword", audience: "staff" })).items.map((x) => x.id)).toEqual([mine.id]);
    });

    it("never crosses services: the store scopes by service, and the Desk refuses a service the caller may not read", async (ctx) => {
      const store = supported(() => ctx.skip());
      const desk = await seed(store);
      const a = await desk.openTicket(fx.system, { serviceId: fx.a, subject: "Shared word kettle", channel: "api", requesterId: fx.requester });
      const b = await desk.openTicket(fx.system, { serviceId: fx.b, subject: "Shared word kettle", channel: "api", requesterId: fx.requester });
      expect((await store.listTickets(fx.a, { text: "kettle", audience: "staff" })).items.map((x) => x.id)).toEqual([a.id]);
      expect((await store.listTickets(fx.b, { text: "kettle", audience: "staff" })).items.map((x) => x.id)).toEqual([b.id]);
      expect((await desk.listTickets(agentA, fx.a, { text: "kettle" })).items.map((x) => x.id)).toEqual([a.id]);
      await expect(desk.listTickets(agentA, fx.b, { text: "kettle" })).rejects.toMatchObject({ _tag: "Forbidden" });
    });

    it("pages newest first with the list's cursor, with the other filters applied", async (ctx) => {
      const store = supported(() => ctx.skip());
      const desk = await seed(store);
      let now = 1_700_000_000_000;
      const open = (subject: string) => desk.openTicket(fx.system, { serviceId: fx.a, subject, channel: "api", requesterId: fx.requester }, { at: (now += 1000) });
      const matching: string[] = [];
      for (let i = 0; i < 7; i++) {
        matching.push((await open(`monitor flicker ${i}`)).id);
        await open(`keyboard ${i}`);
      }
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await desk.listTickets(agentA, fx.a, { text: "monitor flicker", limit: 3, ...(after ? { after } : {}) });
        seen.push(...page.items.map((x) => x.id));
        after = page.nextCursor ?? undefined;
        pages++;
      } while (after);
      expect(pages).toBe(3);
      expect(seen).toEqual([...matching].reverse());
      expect((await desk.listTickets(agentA, fx.a, { text: "monitor", status: ["resolved"] })).items).toEqual([]);
    });

    it("keeps the index current: new messages are found at once, a changed subject replaces the old one", async (ctx) => {
      const store = supported(() => ctx.skip());
      const desk = await seed(store);
      const t = await desk.openTicket(fx.system, { serviceId: fx.a, subject: "Laptop slow", channel: "api", requesterId: fx.requester });
      const ids = async (text: string) => (await desk.listTickets(agentA, fx.a, { text })).items.map((x) => x.id);
      expect(await ids("overheating")).toEqual([]);
      await desk.addMessage(fx.system, { serviceId: fx.a, ticketId: t.id, kind: "customer", body: "It is overheating too" });
      expect(await ids("overheating")).toEqual([t.id]);
      await desk.addMessage(agentA, { serviceId: fx.a, ticketId: t.id, kind: "reply", body: "Thermal paste replaced" });
      expect(await ids("thermal overheating laptop")).toEqual([t.id]);
      await desk.updateFields(agentA, { serviceId: fx.a, ticketId: t.id, subject: "Notebook fan noise" });
      expect(await ids("notebook fan")).toEqual([t.id]);
      expect(await ids("laptop")).toEqual([]);
    });

    it("short words and common words (Spanish and English) still match", async (ctx) => {
      const store = supported(() => ctx.skip());
      const desk = await seed(store);
      const t = await desk.openTicket(fx.system, { serviceId: fx.a, subject: "Error de la red en el piso 3", channel: "api", requesterId: fx.requester });
      await desk.openTicket(fx.system, { serviceId: fx.a, subject: "The printer is on fire", channel: "api", requesterId: fx.requester });
      const ids = async (text: string) => (await desk.listTickets(agentA, fx.a, { text })).items.map((x) => x.id);
      expect(await ids("de la red")).toEqual([t.id]);
      expect(await ids("piso 3")).toEqual([t.id]);
      expect((await ids("the is on")).length).toBe(1);
    });

    it("tickets written in a batch (appendMany, what imports use) are indexed in the same write", async (ctx) => {
      const store = supported(() => ctx.skip());
      await seed(store);
      const requests = [1, 2, 3].map((n) => {
        const ticketId = `00000000-0000-4000-8000-00000000090${n}` as TicketId;
        const events = [...openingEvents(fx.a, ticketId, `AA-90${n}`, 1000 + n), note(2000 + n, n === 2 ? "imported gizmo note" : "plain")];
        return { serviceId: fx.a, ticketId, expectedVersion: 0, events, ticket: apply(undefined, events) };
      });
      await appendAll(store, requests);
      expect((await store.listTickets(fx.a, { text: "gizmo", audience: "staff" })).items.map((x) => x.id)).toEqual([requests[1]?.ticketId]);
      expect((await store.listTickets(fx.a, { text: "gizmo" })).items).toEqual([]);
      expect((await store.listTickets(fx.a, { text: "ticket zoe", audience: "public" })).items).toHaveLength(3);
    });

    it("odd input is bound, never parsed as engine syntax: no error, no match for what is not there", async (ctx) => {
      const store = supported(() => ctx.skip());
      const desk = await seed(store);
      await desk.openTicket(fx.system, { serviceId: fx.a, subject: "Printer paper subject", channel: "api", requesterId: fx.requester });
      for (const text of oddSearchTexts) {
        for (const audience of ["public", "staff"] as const) {
          const page = await store.listTickets(fx.a, { text, audience }).catch((e: unknown) => {
            throw new Error(`search ${JSON.stringify(text)} failed: ${String(e)}`);
          });
          expect(page.items.length).toBeLessThanOrEqual(1);
        }
        await desk.listTickets(agentA, fx.a, { text });
      }
      // Operators are words like any other: "-printer" still finds the printer ticket.
      expect((await store.listTickets(fx.a, { text: "-printer", audience: "staff" })).items).toHaveLength(1);
      expect((await store.listTickets(fx.a, { text: '"printer" -nothere', audience: "staff" })).items).toHaveLength(0);
      // A very long text reaching the store directly is cut to its first words, not an error.
      expect((await store.listTickets(fx.a, { text: `printer ${"z".repeat(100_000)}`, audience: "staff" })).items).toHaveLength(0);
      expect((await store.listTickets(fx.a, { text: "printer ".repeat(10_000), audience: "staff" })).items).toHaveLength(1);
    });

    it("the Desk refuses text that is empty, too long or not a string, naming the field", async (ctx) => {
      const store = supported(() => ctx.skip());
      const desk = await seed(store);
      for (const text of ["", "x".repeat(maxSearchTextLength + 1), 42 as unknown as string]) {
        const e = await desk.listTickets(agentA, fx.a, { text }).then(() => undefined, (x: unknown) => x);
        expect(e).toMatchObject({ _tag: "InvalidInput" });
        expect((e as { issues: Array<{ path: string }> }).issues[0]?.path).toBe("query.text");
        expect(isStoreError(e)).toBe(false);
      }
    });
  });
}
