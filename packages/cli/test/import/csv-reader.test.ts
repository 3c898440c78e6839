import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvParser } from "../../src/import/csv-reader";

const parseAll = (chunks: ReadonlyArray<string>) => {
  const p = new CsvParser();
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
