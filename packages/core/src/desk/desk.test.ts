import { describe, expect, it } from "vitest";
import { agent, ids, itSupport, system } from "../../test/it-support";
import { InvalidInput } from "../validation/invalid-input";
import { Forbidden } from "../ticket/errors";

describe("Desk input and authority", () => {
  it("bad input is a typed error naming the field, and changes nothing", async () => {
    const desk = await itSupport();
    // @ts-expect-error "fax" is no channel: a compile error for TypeScript hosts, InvalidInput for the rest.
    const err = await desk.execute(agent(ids.ana), { type: "OpenTicket", serviceId: ids.support, subject: "", channel: "fax", requesterId: ids.carla })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidInput);
    const paths = (err as InvalidInput).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["subject", "channel"]));
    expect((await desk.listTickets(agent(ids.ana), ids.support)).items).toHaveLength(0);
  });

  it("an unknown requester is refused with the field named", async () => {
    const desk = await itSupport();
    const err = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "x", channel: "web", requesterId: "c-nobody" }).catch((e: unknown) => e);
    expect((err as InvalidInput).issues[0]?.path).toBe("requesterId");
  });

  it("only the system actor may backdate a command", async () => {
    const desk = await itSupport();
    const open = { serviceId: ids.support, subject: "x", channel: "web", requesterId: ids.carla } as const;
    await expect(desk.openTicket(agent(ids.ana), open, { at: 0 })).rejects.toBeInstanceOf(Forbidden);
    expect((await desk.openTicket(system, open, { at: 1_000 })).createdAt).toBe(1_000);
  });

  it("an agent of Billing cannot configure Support's groups", async () => {
    const desk = await itSupport();
    await expect(desk.configure.group(agent(ids.bea), { id: "g-x", serviceId: ids.support, name: "X", level: "2", members: [] }))
      .rejects.toBeInstanceOf(Forbidden);
  });

  it("merging closes the source and links the target back to it", async () => {
    const desk = await itSupport();
    const o = { serviceId: ids.support, channel: "email", requesterId: ids.carla } as const;
    const a = await desk.openTicket(agent(ids.ana), { ...o, subject: "VPN down" });
    const b = await desk.openTicket(agent(ids.ana), { ...o, subject: "VPN still down" });
    await desk.merge(agent(ids.boss), { serviceId: ids.support, ticketId: b.id, into: a.id });
    expect((await desk.getTicket(agent(ids.ana), ids.support, b.id)).mergedInto?.number).toBe(a.number);
    expect((await desk.getTicket(agent(ids.ana), ids.support, a.id)).links.map((l) => l.ticket.number)).toEqual([b.number]);
  });

  it("runs hooks on every change and appends their events in the same write", async () => {
    const { createDesk } = await import("./promise");
    const { memoryStore } = await import("../store/memory-store");
    const store = memoryStore();
    const seen: string[] = [];
    const base = await itSupport({ store });
    const desk = createDesk({ store, hooks: [{ name: "deadline", afterChange: (c) => {
      seen.push(c.newEvents.map((e) => e.type).join("+"));
      return [{ type: "DeadlineSet", at: c.now, by: { kind: "system", name: "t" }, nextDeadline: c.now + 1, reason: "test" }];
    } }] });
    const t = await desk.openTicket(agent(ids.ana), { serviceId: ids.support, subject: "x", channel: "web", requesterId: ids.carla });
    expect(t.nextDeadline).toBe(t.createdAt + 1);
    expect(seen).toEqual(["TicketOpened"]);
    expect((await base.history(agent(ids.ana), ids.support, t.id)).map((e) => e.event.type)).toEqual(["TicketOpened", "DeadlineSet"]);
  });
});
