/** One CSV record: its fields and the physical line (1-based) it starts on. */
export interface CsvRecord {
  readonly fields: ReadonlyArray<string>;
  readonly line: number;
}

/** A malformed record (an unterminated quote at end of input, or text after a closing quote). */
export interface CsvProblem {
  readonly line: number;
  readonly reason: string;
}

/**
 * An incremental RFC 4180 parser: feed it text in chunks of any size, get whole records back.
 * Handles quoted fields, doubled quotes, CRLF or LF line ends and newlines inside quotes; a
 * chunk may end anywhere, even between the two characters of `""` or `\r\n`.
 * @example
 * const p = new CsvParser()
 * p.push('a,"b ""c"""\r\n1,2\n') // [{ fields: ["a", 'b "c"'], line: 1 }, { fields: ["1", "2"], line: 2 }]
 * p.end() // []
 */
export class CsvParser {
  private field = "";
  private fields: string[] = [];
  private quoted = false;
  /** Inside quotes. */
  private inQuotes = false;
  /** Saw a quote inside quotes: either the closing quote or the first of a doubled one. */
  private quotePending = false;
  /** Saw a CR outside quotes: a following LF belongs to the same line end. */
  private crPending = false;
  /** The quoted text so far ends with CR: an LF right after it ends the same line. */
  private quotedCr = false;
  private line = 1;
  private recordLine = 1;
  private problem: string | undefined;
  /** Problems found so far (each record with one is still returned, so nothing is lost silently). */
  readonly problems: CsvProblem[] = [];

  private readonly delimiter: string;

  constructor(delimiter = ",") {
    this.delimiter = delimiter;
  }

  /** Parses the next chunk and returns the records it completed. */
  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const d = this.delimiter;
    let i = 0;
    const n = text.length;
    while (i < n) {
      const c = text[i] as string;
      if (this.crPending) {
        this.crPending = false;
        if (c === "\n") {
          i++;
          continue;
        }
      }
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === '"') {
            this.field += '"';
            i++;
            continue;
          }
          this.inQuotes = false;
          // fall through: c is handled as a character after the closing quote
        } else {
          // Copy a run of ordinary quoted characters at once.
          const q = text.indexOf('"', i);
          const end = q === -1 ? n : q;
          const run = text.slice(i, end);
          this.line += countNewlines(run, this.quotedCr);
          this.quotedCr = run.length > 0 ? run.endsWith("\r") : this.quotedCr;
          this.field += run;
          i = end;
          if (q !== -1) {
            this.quotePending = true;
            i++;
          }
          continue;
        }
      }
      if (c === d) {
        this.endField();
        i++;
      } else if (c === "\n" || c === "\r") {
        out.push(this.endRecord());
        this.line++;
        this.recordLine = this.line;
        this.crPending = c === "\r";
        i++;
      } else if (c === '"' && this.field === "" && !this.quoted) {
        this.quoted = true;
        this.inQuotes = true;
        i++;
      } else {
        if (this.quoted) this.problem ??= "text after a closing quote";
        // Copy a run of ordinary unquoted characters at once.
        let j = i + 1;
        while (j < n) {
          const x = text[j];
          if (x === d || x === "\n" || x === "\r" || x === '"') break;
          j++;
        }
        this.field += text.slice(i, j);
        i = j;
      }
    }
    return out;
  }

  /** Ends the input and returns the last record if the text did not end with a line end. */
  end(): CsvRecord[] {
    if (this.inQuotes && !this.quotePending) this.problem ??= "unterminated quoted field";
    this.inQuotes = false;
    this.quotePending = false;
    if (this.field === "" && this.fields.length === 0 && !this.quoted) return [];
    return [this.endRecord()];
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = "";
    this.quoted = false;
  }

  private endRecord(): CsvRecord {
    this.endField();
    const record = { fields: this.fields, line: this.recordLine };
    if (this.problem !== undefined) this.problems.push({ line: this.recordLine, reason: this.problem });
    this.problem = undefined;
    this.fields = [];
    return record;
  }
}

/** Line ends in a run of quoted text: LF, CRLF or a lone CR each count once. */
const countNewlines = (s: string, afterCr: boolean): number => {
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 13) k++;
    else if (c === 10 && !(i === 0 ? afterCr : s.charCodeAt(i - 1) === 13)) k++;
  }
  return k;
};

/**
 * Parses CSV text arriving in chunks, yielding records as soon as they are complete.
 * @example for await (const r of readCsv(textChunks)) console.log(r.line, r.fields)
 */
export async function* readCsv(chunks: AsyncIterable<string>, delimiter = ","): AsyncGenerator<CsvRecord> {
  const p = new CsvParser(delimiter);
  for await (const chunk of chunks) yield* p.push(chunk);
  yield* p.end();
}
