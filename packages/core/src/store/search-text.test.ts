import { describe, expect, it } from "vitest";
import { createDesk } from "../desk/promise";
import { defaultServiceSettings } from "../service/schema";
import { memoryStore } from "./memory-store";
import { foldSearchText, maxSearchTerms, maxTermLength, searchDocPart, searchTerms } from "./search-text";

describe("search text", () => {
  it("folds case, accents and compatibility forms; every non-word character separates words", () => {
    expect(foldSearchText("¿Canción-Nº 5?  ÉXITO")).toBe("cancion no 5 exito");
    expect(foldSearchText("user@example.com")).toBe("user example com");
    expect(foldSearchText('"a" OR -b* NEAR(c) {d}:e ^f')).toBe("a or b near c d e f");
    expect(foldSearchText("Ζωή 中文 ﬁle")).toBe("ζωη 中文 file");
    expect(foldSearchText("*-\"'\\%_ \u0000")).toBe("");
  });

  it("keeps each search word once, at most 8, each cut to 40 characters; * right after a word makes it a prefix", () => {
    const words = (text: string) => searchTerms(text).map((t) => `${t.word}${t.prefix ? "*" : ""}`);
    expect(words("Printer printer PRINTER paper")).toEqual(["printer", "paper"]);
    expect(words("a b c d e f g h i j")).toHaveLength(maxSearchTerms);
    expect(words("x".repeat(1000))).toEqual(["x".repeat(maxTermLength)]);
    expect(words("  -- ** ")).toEqual([]);
    expect(words("IMPRES* atasc * \"b\"* user@exam* Canción*")).toEqual(["impres*", "atasc", "b", "user", "exam*", "cancion*"]);
  });

  it("puts notes in the staff part and everything the requester sees in the public part", () => {
    const base = { at: 1, by: { kind: "system", name: "t" }, messageId: "m", channel: "api", subject: null, externalId: null, automatic: false } as const;
    const part = searchDocPart([
      { ...base, type: "MessageAdded", kind: "customer", body: "Help, ÜBER urgent" },
      { ...base, type: "MessageAdded", kind: "note", body: "Secret note" },
      { ...base, type: "MessageAdded", kind: "reply", body: "On it" },
    ] as never, "Subject Line", { name: "Ana Núñez", emails: ["ana@x.es"] });
    expect(part).toEqual({ subject: "subject line", publicText: "ana nunez ana x es help uber urgent on it", staffText: "secret note" });
  });

  it("the Desk refuses a search on a store without full-text search, naming text", async () => {
    const store = memoryStore();
    const desk = createDesk({ store: { ...store, capabilities: { ...store.capabilities, search: false } } });
    const system = { kind: "system", name: "t" } as const;
    await desk.configure.contactList(system, { id: "cl", name: "List" });
    await desk.configure.service(system, { id: "svc", key: "SV", name: "Service", contactListId: "cl", settings: defaultServiceSettings });
    expect((await desk.listTickets(system, "svc")).items).toEqual([]);
    const e = await desk.listTickets(system, "svc", { text: "printer" }).catch((x: unknown) => x);
    expect(e).toMatchObject({ _tag: "InvalidInput", issues: [{ path: "query.text" }] });
  });
});
