import { utf8Length } from "./utf8-length";

/**
 * One CSV record: its fields and the physical line (1-based) it starts on. A record with a
 * `problem` is reported, never imported: its fields are what could be read (none when the record
 * was refused whole: a line over the limit, a quoted field that never closes).
 */
export interface CsvRecord {
  readonly fields: ReadonlyArray<string>;
  readonly line: number;
  readonly problem?: string;
}

/** A malformed record: where it starts and why. */
export interface CsvProblem {
  readonly line: number;
  readonly reason: string;
}

/** How far one record may run before it is refused; both have defaults sized for real exports. */
export interface CsvLimits {
  /** Longest record, in UTF-8 bytes (default 1 MiB): a longer line is refused with its number. */
  readonly maxRecordBytes?: number;
  /** Most physical lines one record may span through quoted line ends (default 1,000). */
  readonly maxRecordLines?: number;
}

/** `CsvLimits` defaults. */
export const defaultCsvLimits = { maxRecordBytes: 1024 * 1024, maxRecordLines: 1000 } as const;

const mib = (bytes: number) => (bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`);

/**
 * An incremental RFC 4180 parser: feed it text in chunks of any size, get whole records back.
 * Handles quoted fields, doubled quotes, CRLF or LF line ends and newlines inside quotes; a
 * chunk may end anywhere, even between the two characters of `""` or `\r\n`.
 *
 * It never lets one bad record take others with it, and never holds more than one record:
 * - a line longer than `maxRecordBytes` is refused with its number and skipped to its end,
 *   without being held;
 * - a quoted field that runs past `maxRecordBytes` or `maxRecordLines`, reaches the end of the
 *   input unclosed, or closes lines later into a malformed record (text after the closing quote, or
 *   a field count other than `expectFields`) is refused at the line it started on, and reading
 *   resumes at the next line: a stray quote costs one row, not the rest of the file;
 * - invalid UTF-8 (`markInvalidUtf8`, from the byte decoder) is a problem of the record holding it.
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
  /** Characters of the current record so far (a lower bound of its UTF-8 bytes). */
  private size = 0;
  /** Exact UTF-8 bytes of the current record, counted once `size` passes a third of the limit. */
  private bytes = -1;
  /** Skipping the rest of a line over the limit (the reason to report at its end). */
  private skipping: string | undefined;
  /**
   * The raw text after the first line end of a record that spans lines (only such records keep
   * it): where reading resumes if the record turns out bad. Bounded by the record limits.
   */
  private resume: string | undefined;
  /** Where the capture into `resume` starts in the text being scanned. */
  private captureFrom = 0;
  /** The captured line end was a CR: an LF right after it belongs to it. */
  private resumeAfterCr = false;
  /** Physical lines holding invalid UTF-8, not yet given to a record. */
  private badUtf8Lines: number[] = [];
  private expected: number | undefined;
  /** Problems found so far (each record with one is returned too, with its `problem`). */
  readonly problems: CsvProblem[] = [];

  private readonly delimiter: string;
  private readonly maxBytes: number;
  private readonly maxLines: number;

  constructor(delimiter = ",", limits: CsvLimits = {}) {
    this.delimiter = delimiter;
    this.maxBytes = limits.maxRecordBytes ?? defaultCsvLimits.maxRecordBytes;
    this.maxLines = limits.maxRecordLines ?? defaultCsvLimits.maxRecordLines;
  }

  /** The number of fields every record should have (the header's): a record spanning lines with another count is refused. */
  expectFields(count: number): void {
    this.expected = count;
  }

  /** Says that invalid UTF-8 stood here, between the text pushed so far and the next: its record is refused. */
  markInvalidUtf8(): void {
    if (this.badUtf8Lines.at(-1) !== this.line) this.badUtf8Lines.push(this.line);
  }

  /** Parses the next chunk and returns the records it completed. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let text: string | undefined = chunk;
    while (text !== undefined) text = this.scan(text, out);
    return out;
  }

  /** Ends the input and returns the last record if the text did not end with a line end. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    for (;;) {
      if (this.skipping !== undefined) {
        out.push(this.refused(this.skipping));
        break;
      }
      const unclosed = this.inQuotes && !this.quotePending;
      if (this.resume !== undefined && (unclosed || this.suspect() !== undefined)) {
        // Read again from the line after the record's first, then end again.
        const rest = this.rewind(out, unclosed ? `a quoted field opened at line ${this.recordLine} is never closed` : (this.suspect() as string));
        out.push(...this.push(rest));
        continue;
      }
      if (unclosed) this.problem ??= "unterminated quoted field";
      this.inQuotes = false;
      this.quotePending = false;
      if (this.field === "" && this.fields.length === 0 && !this.quoted) break;
      out.push(this.endRecord());
      break;
    }
    return out;
  }

  /** Scans one text; returns text to scan again after a rewind, or undefined when done. */
  private scan(text: string, out: CsvRecord[]): string | undefined {
    const d = this.delimiter;
    let i = 0;
    const n = text.length;
    this.captureFrom = 0;
    while (i < n) {
      if (this.skipping !== undefined) {
        const lf = text.indexOf("\n", i);
        const cr = text.indexOf("\r", i);
        const k = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
        if (k === -1) return undefined;
        out.push(this.refused(this.skipping));
        this.lineEnd(text[k] === "\r");
        i = k + 1;
        continue;
      }
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
            this.size += 2;
            i++;
            if (this.size > this.maxBytes) {
              const again = this.overflow(out, this.overReason(), text);
              if (again !== undefined) return again;
            }
            continue;
          }
          this.inQuotes = false;
          // fall through: c is handled as a character after the closing quote
        } else {
          // Copy a run of ordinary quoted characters at once.
          const q = text.indexOf('"', i);
          const end = q === -1 ? n : q;
          const run = text.slice(i, end);
          const lines = countNewlines(run, this.quotedCr);
          if (lines > 0 && this.resume === undefined) this.startCapture(text, i);
          this.line += lines;
          this.quotedCr = run.length > 0 ? run.endsWith("\r") : this.quotedCr;
          this.field += run;
          this.size += run.length;
          i = end;
          if (q !== -1) {
            this.quotePending = true;
            i++;
          }
          const over = this.over(run);
          if (over !== undefined || this.line - this.recordLine >= this.maxLines) {
            const again = this.overflow(out, over ?? `a quoted field opened at line ${this.recordLine} runs past ${this.maxLines} lines (--max-record-lines)`, text);
            if (again !== undefined) return again;
          }
          continue;
        }
      }
      if (c === d) {
        this.endField();
        this.size++;
        i++;
        // A line of nothing but delimiters must not pile up fields either.
        if (this.size > this.maxBytes) {
          const again = this.overflow(out, this.overReason(), text);
          if (again !== undefined) return again;
        }
      } else if (c === "\n" || c === "\r") {
        const suspect = this.resume !== undefined ? this.suspect() : undefined;
        if (suspect !== undefined) return this.rewind(out, suspect, text);
        out.push(this.endRecord());
        this.lineEnd(c === "\r");
        i++;
      } else if (c === '"' && this.field === "" && !this.quoted) {
        this.quoted = true;
        this.inQuotes = true;
        this.size++;
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
        const run = text.slice(i, j);
        this.field += run;
        this.size += run.length;
        i = j;
        if (this.size > this.maxBytes / 3) {
          const over = this.over(run);
          if (over !== undefined) {
            const again = this.overflow(out, over, text);
            if (again !== undefined) return again;
          }
        }
      }
    }
    if (this.resume !== undefined) this.resume += text.slice(this.captureFrom);
    return undefined;
  }

  /** Whether the record is over the byte limit with `run` (just added to the field), and the reason if so. */
  private over(run: string): string | undefined {
    if (this.size <= this.maxBytes / 3) return undefined;
    if (this.bytes < 0) {
      // From here on bytes are counted exactly (only long records get here).
      this.bytes = this.fields.reduce((n, f) => n + utf8Length(f) + 1, 0) + utf8Length(this.field);
    } else this.bytes += utf8Length(run) + 1;
    if (this.size <= this.maxBytes && this.bytes <= this.maxBytes) return undefined;
    return this.overReason();
  }

  private overReason(): string {
    return this.line === this.recordLine
      ? `line ${this.recordLine} is longer than ${mib(this.maxBytes)} (--max-record-bytes)`
      : `a quoted field opened at line ${this.recordLine} runs past ${mib(this.maxBytes)} (--max-record-bytes)`;
  }

  /**
   * A record past a limit: one spanning lines is refused and read again from its second line
   * (returned: the text to scan); one still on its first line is skipped to that line's end.
   */
  private overflow(out: CsvRecord[], reason: string, text: string): string | undefined {
    if (this.resume !== undefined) return this.rewind(out, reason, text);
    this.skip(reason);
    return undefined;
  }

  /** Why a record spanning lines looks like a stray quote's work, if it does. */
  private suspect(): string | undefined {
    const count = this.fields.length + 1;
    if (this.problem !== undefined) return `a quoted field opened at line ${this.recordLine} closes at line ${this.line}: ${this.problem}`;
    if (this.expected !== undefined && count !== this.expected) {
      return `a quoted field opened at line ${this.recordLine} closes at line ${this.line} leaving ${count} fields, not ${this.expected} (a stray quote?)`;
    }
    return undefined;
  }

  private startCapture(text: string, from: number): void {
    // The record's first line end is inside this run: reading would resume right after it.
    let k = from;
    while (text[k] !== "\n" && text[k] !== "\r") k++;
    this.resume = "";
    this.captureFrom = k + 1;
    this.resumeAfterCr = text[k] === "\r";
  }

  /** Refuses the record at its first line and returns the text to read again from the line after it. */
  private rewind(out: CsvRecord[], reason: string, text?: string): string {
    const rest = (this.resume as string) + (text === undefined ? "" : text.slice(this.captureFrom));
    const next = this.recordLine + 1;
    out.push(this.refused(reason, this.recordLine));
    this.line = next;
    this.recordLine = next;
    this.crPending = this.resumeAfterCr;
    return rest;
  }

  /** Drops the rest of the current line (over the limit): nothing more of it is held. */
  private skip(reason: string): void {
    this.skipping = reason;
    this.field = "";
    this.fields = [];
    this.inQuotes = false;
    this.quotePending = false;
  }

  private lineEnd(cr: boolean): void {
    this.line++;
    this.recordLine = this.line;
    this.crPending = cr;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = "";
    this.quoted = false;
  }

  /** A record refused whole: no fields, its first line and the reason. */
  private refused(reason: string, last = this.line): CsvRecord {
    const record = { fields: [], line: this.recordLine, problem: reason };
    this.problems.push({ line: this.recordLine, reason });
    this.takeBadUtf8(last);
    this.reset();
    return record;
  }

  private endRecord(): CsvRecord {
    this.endField();
    const bad = this.takeBadUtf8(this.line);
    if (bad !== undefined) this.problem ??= `invalid UTF-8 at line ${bad} (the file must be UTF-8; convert it with iconv)`;
    const problem = this.problem;
    const record: CsvRecord = problem === undefined ? { fields: this.fields, line: this.recordLine } : { fields: this.fields, line: this.recordLine, problem };
    if (problem !== undefined) this.problems.push({ line: this.recordLine, reason: problem });
    this.reset();
    return record;
  }

  /** The first line with invalid UTF-8 from the record's first line to `last`, forgetting those lines. */
  private takeBadUtf8(last: number): number | undefined {
    if (this.badUtf8Lines.length === 0) return undefined;
    const mine = this.badUtf8Lines.filter((l) => l >= this.recordLine && l <= last);
    this.badUtf8Lines = this.badUtf8Lines.filter((l) => l > last);
    return mine[0];
  }

  private reset(): void {
    this.problem = undefined;
    this.fields = [];
    this.field = "";
    this.quoted = false;
    this.inQuotes = false;
    this.quotePending = false;
    this.quotedCr = false;
    this.size = 0;
    this.bytes = -1;
    this.skipping = undefined;
    this.resume = undefined;
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
export async function* readCsv(chunks: AsyncIterable<string>, delimiter = ",", limits: CsvLimits = {}): AsyncGenerator<CsvRecord> {
  const p = new CsvParser(delimiter, limits);
  for await (const chunk of chunks) yield* p.push(chunk);
  yield* p.end();
}
