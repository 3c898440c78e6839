import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvLimits, CsvParser } from "../../src/import/csv-reader";
import { decodeUtf8, INVALID_UTF8, type TextChunk } from "../../src/import/utf8-chunks";

const parseAll = (chunks: ReadonlyArray<string>, limits: CsvLimits = {}, expectFields?: number) => {
  const p = new CsvParser(",", limits);
  if (expectFields !== undefined) p.expectFields(expectFields);
  const records = chunks.flatMap((c) => p.push(c));
  return { records: [...records, ...p.end()], problems: p.problems };
};

const encodeField = (f: string): string => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);

describe("CsvParser (RFC 4180)", () => {
  it("splits plain fields on commas and records on LF", () => {
    expect(parseAll(["a,b\n1,2\n"]).records.map((r) => r.fields)).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("accepts CRLF line ends", () => {
    expect(parseAll(["a,b\r\n1,2\r\n"]).records.map((r) => r.fields)).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("unescapes doubled quotes inside a quoted field", () => {
    expect(parseAll(['"say ""hi""",x\n']).records[0]?.fields).toEqual(['say "hi"', "x"]);
  });

  it("keeps commas and newlines inside quotes as data", () => {
    expect(parseAll(['"a,b\r\nc",d\n']).records[0]?.fields).toEqual(["a,b\r\nc", "d"]);
  });

  it("numbers each record by the physical line it starts on", () => {
    const { records } = parseAll(['h\n"x\ny"\nz\n']);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it("returns the last record when the input does not end with a line end", () => {
    expect(parseAll(["a,b\n1,2"]).records.map((r) => r.fields)).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(parseAll(["a,,b,\n"]).records[0]?.fields).toEqual(["a", "", "b", ""]);
  });

  it("reports an unterminated quote instead of dropping the record", () => {
    const { records, problems } = parseAll(['a\n"open,1\n']);
    expect(records).toHaveLength(2);
    expect(problems).toEqual([{ line: 2, reason: "a quoted field opened at line 2 is never closed" }]);
  });

  it("parses the same records whatever the chunk boundaries", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r", " ", "é") });
    const record = fc.array(field, { minLength: 2, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.array(fc.nat(40), { maxLength: 8 }), (records, crlf, cuts) => {
        const text = records.map((r) => r.map(encodeField).join(",")).join(crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n");
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let from = 0;
        for (const p of points) {
          chunks.push(text.slice(from, p));
          from = p;
        }
        chunks.push(text.slice(from));
        const parsed = parseAll(chunks);
        expect(parsed.records.map((r) => r.fields)).toEqual(records);
        expect(parsed.problems).toEqual([]);
      }),
    );
  });

  it("counts embedded line ends so later records keep their true line numbers", () => {
    fc.assert(
      fc.property(fc.constantFrom("\n", "\r\n", "\r"), fc.nat(10), (eol, cut) => {
        const text = `"x${eol}y",1\nz,2\n`;
        const at = cut % (text.length + 1);
        const { records } = parseAll([text.slice(0, at), text.slice(at)]);
        expect(records.map((r) => r.line)).toEqual([1, 3]);
      }),
    );
  });
});

/** Cuts a text at the given points (modulo its length). */
const cut = (text: string, cuts: ReadonlyArray<number>): string[] => {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(text.slice(from, p));
    from = p;
  }
  chunks.push(text.slice(from));
  return chunks;
};

describe("CsvParser on malformed input", () => {
  const plain = fc.string({ unit: fc.constantFrom("a", "b", " ", "é", "😀"), maxLength: 6 });
  const table = fc.array(fc.array(plain, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 12 });

  it("a stray quote costs only its own record, wherever the chunks are cut and whatever the limits", () => {
    fc.assert(
      fc.property(table, fc.nat(), fc.nat(2), fc.array(fc.nat(200), { maxLength: 6 }), fc.integer({ min: 2, max: 50 }), (rows, at, col, cuts, maxLines) => {
        const k = at % rows.length;
        const text = rows.map((r, i) => r.map((f, j) => (i === k && j === col ? `"${f}` : f)).join(",")).join("\n") + "\n";
        const { records } = parseAll(cut(text, cuts), { maxRecordLines: maxLines }, 3);
        expect(records.filter((r) => r.problem === undefined).map((r) => [r.line, r.fields])).toEqual(
          rows.flatMap((r, i) => (i === k ? [] : [[i + 1, r]])),
        );
        expect(records.filter((r) => r.problem !== undefined).map((r) => r.line)).toEqual([k + 1]);
      }),
    );
  });

  it("refuses a line over the byte limit with its number, holding none of it, and reads the next", () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 400 }), fc.constantFrom("x", "é", ",", '"', '""'), fc.array(fc.nat(2000), { maxLength: 8 }), (limit, unit, cuts) => {
        const long = unit.repeat(Math.ceil((2 * limit) / unit.length));
        const text = `a,b\n${unit === '"' ? "" : "q,"}${long}\nc,d\n`;
        const { records } = parseAll(cut(text, cuts), { maxRecordBytes: limit });
        expect(records.map((r) => [r.line, r.problem === undefined ? r.fields : "refused"])).toEqual([[1, ["a", "b"]], [2, "refused"], [3, ["c", "d"]]]);
      }),
    );
  });

  it("counts the limit in UTF-8 bytes", () => {
    const { records } = parseAll([`${"é".repeat(60)}\n${"é".repeat(40)}\n`], { maxRecordBytes: 100 });
    expect(records.map((r) => r.problem ?? "ok")).toEqual(["line 1 is longer than 100 bytes (--max-record-bytes)", "ok"]);
  });

  it("refuses the record holding invalid UTF-8, naming the line", () => {
    const p = new CsvParser();
    const records = [...p.push("a,b\n\"x\n"), ...(p.markInvalidUtf8(), p.push("\uFFFDy\",1\n2,3\n")), ...p.end()];
    expect(records.map((r) => [r.line, r.problem ?? "ok"])).toEqual([[1, "ok"], [2, "invalid UTF-8 at line 3 (the file must be UTF-8; convert it with iconv)"], [4, "ok"]]);
  });
});

describe("decodeUtf8", () => {
  const decodeAll = async (bytes: Buffer, cuts: ReadonlyArray<number>) => {
    async function* chunks() {
      for (const c of cut(bytes.toString("latin1"), cuts)) yield Buffer.from(c, "latin1");
    }
    const out: TextChunk[] = [];
    for await (const t of decodeUtf8(chunks())) out.push(t);
    return out;
  };

  it("decodes UTF-8 split anywhere, characters cut between chunks included, with no mark", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", maxLength: 40 }), fc.array(fc.nat(200), { maxLength: 10 }), async (text, cuts) => {
        const out = await decodeAll(Buffer.from(text), cuts);
        expect(out.join("")).toBe(text);
      }),
    );
  });

  it("marks each invalid sequence where it stands, with U+FFFD after the mark", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 10 }), fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x80]), fc.string({ maxLength: 10 }), fc.array(fc.nat(60), { maxLength: 5 }), async (before, bad, after, cuts) => {
        const out = await decodeAll(Buffer.concat([Buffer.from(before), Buffer.from(bad), Buffer.from(`.${after}`)]), cuts);
        const at = out.indexOf(INVALID_UTF8);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(out.slice(0, at).join("")).toBe(before);
        expect(out.filter((t) => t !== INVALID_UTF8).join("")).toMatch(new RegExp(`^${before.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\uFFFD+\\.`));
      }),
    );
  });
});
