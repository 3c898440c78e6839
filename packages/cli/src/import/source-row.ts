import type { Channel, FieldValue, Level3, Priority } from "@spoc/core";
import type { Mapping, StateTarget } from "./mapping";
import { compileTimeFormat } from "./time-format";

/** One source row, read through a mapping: what the row says, in spoc's terms, and nothing decided yet. */
export interface SourceRow {
  readonly line: number;
  readonly key: string;
  /** The event time (epoch ms). */
  readonly at: number;
  readonly openedAt: number | undefined;
  readonly actor: string | undefined;
  readonly openedBy: string | undefined;
  /** The raw source state (columns joined). */
  readonly state: string;
  readonly target: StateTarget;
  readonly subject: string;
  readonly channel: Channel;
  readonly requester: string | undefined;
  readonly organization: string | undefined;
  readonly category: string | undefined;
  readonly priority: Priority | undefined;
  readonly impact: Level3 | undefined;
  readonly urgency: Level3 | undefined;
  readonly group: string | undefined;
  readonly assignee: string | undefined;
  /** Raw custom fields of the row. */
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** Final-value ("enrichment") fields, read only when the row resolves or closes the ticket. */
  readonly atResolution: Readonly<Record<string, FieldValue>>;
}

/** A row that cannot be imported, and why. */
export interface BadRow {
  readonly line: number;
  readonly reason: string;
}

/** Reads data rows (field arrays) of one file into `SourceRow`s. */
export type RowReader = (fields: ReadonlyArray<string>, line: number) => SourceRow | BadRow;

/** Whether a read row is bad. */
export const isBadRow = (r: SourceRow | BadRow): r is BadRow => "reason" in r;

/**
 * Compiles a mapping against a file's header into a row reader; throws when a column is missing.
 * Pure: no I/O, time comes from the row.
 * @example const read = compileRowReader(servicenowIncident, header); const row = read(fields, 2)
 */
export function compileRowReader(mapping: Mapping, header: ReadonlyArray<string>): RowReader {
  const names = mapping.csv?.columns ?? header;
  const index = new Map<string, number>();
  names.forEach((n, i) => {
    if (!index.has(n)) index.set(n, i);
  });
  const col = (name: string): number => {
    const i = index.get(name);
    if (i === undefined) throw new Error(`mapping "${mapping.name}": column "${name}" is not in the file (columns: ${names.join(", ")})`);
    return i;
  };
  const opt = (name: string | undefined) => (name === undefined ? undefined : col(name));
  const missing = new Set(mapping.missing ?? []);
  const parseTime = compileTimeFormat(mapping.time.format, mapping.time.zone ?? "UTC");
  const keyCol = col(mapping.key);
  const timeCol = col(mapping.time.column);
  const openedCol = opt(mapping.openedAt);
  const actorCol = opt(mapping.actor);
  const openedByCol = opt(mapping.openedBy);
  const stateCols = mapping.state.columns.map(col);
  const separator = mapping.state.separator ?? "/";
  const subjectParts = compileTemplate(mapping.subject, col);
  const channel = mapping.channel ? { i: col(mapping.channel.column), ...mapping.channel } : undefined;
  const requesterCol = opt(mapping.requester);
  const orgCol = opt(mapping.organization);
  const categoryCol = opt(mapping.category);
  const mapped = <T>(m: { column: string; map: Record<string, T> } | undefined) => (m ? { i: col(m.column), map: m.map } : undefined);
  const priority = mapped(mapping.priority);
  const impact = mapped(mapping.impact);
  const urgency = mapped(mapping.urgency);
  const groupCol = opt(mapping.group);
  const assigneeCol = opt(mapping.assignee);
  const fieldCols = Object.entries(mapping.fields ?? {}).map(([name, c]) => [name, col(c)] as const);
  const resolutionCols = Object.entries(mapping.atResolution ?? {}).map(([name, f]) => [name, col(f.column), f.type] as const);
  const width = names.length;

  const fieldNames = fieldCols.map(([name]) => name);
  const fieldIndexes = fieldCols.map(([, i]) => i);
  // Hot path: no closures or arrays made per row (an import reads hundreds of thousands of rows).
  const refIn = (fields: ReadonlyArray<string>, i: number | undefined): string | undefined => {
    if (i === undefined) return undefined;
    const v = (fields[i] as string).trim();
    return v === "" || missing.has(v) ? undefined : v;
  };
  const lookupIn = <T>(fields: ReadonlyArray<string>, m: { i: number; map: Record<string, T> } | undefined, what: string, line: number): T | undefined | BadRow => {
    if (m === undefined) return undefined;
    const raw = refIn(fields, m.i);
    if (raw === undefined) return undefined;
    const v = m.map[raw];
    return v === undefined ? { line, reason: `${what} "${raw}" is not in the mapping` } : v;
  };

  return (fields, line) => {
    if (fields.length !== width) return { line, reason: `expected ${width} fields, found ${fields.length}` };
    const key = refIn(fields, keyCol);
    if (key === undefined) return { line, reason: `no ticket key in column "${mapping.key}"` };
    const timeText = fields[timeCol] as string;
    const at = parseTime(timeText);
    if (at === undefined) return { line, reason: `time "${timeText}" in column "${mapping.time.column}" does not match ${mapping.time.format}` };
    let openedAt: number | undefined;
    if (openedCol !== undefined) {
      openedAt = parseTime(fields[openedCol] as string);
      if (openedAt === undefined) return { line, reason: `time "${fields[openedCol]}" in column "${mapping.openedAt}" does not match ${mapping.time.format}` };
    }
    let state = fields[stateCols[0] as number] as string;
    for (let k = 1; k < stateCols.length; k++) state += separator + (fields[stateCols[k] as number] as string);
    const target = mapping.state.map[state] ?? (mapping.state.unknown === "keep" ? {} : undefined);
    if (target === undefined) return { line, reason: `state "${state}" is not in the mapping` };
    const p = lookupIn(fields, priority, "priority", line);
    if (typeof p === "object") return p;
    const im = lookupIn(fields, impact, "impact", line);
    if (typeof im === "object") return im;
    const ur = lookupIn(fields, urgency, "urgency", line);
    if (typeof ur === "object") return ur;
    const resolution: Record<string, FieldValue> = {};
    for (const [name, i, type] of resolutionCols) {
      const raw = fields[i] as string;
      if (type === "text") resolution[name] = raw;
      else if (refIn(fields, i) === undefined) resolution[name] = null;
      else {
        const t = parseTime(raw);
        if (t === undefined) return { line, reason: `time "${raw}" in column "${name}" does not match ${mapping.time.format}` };
        resolution[name] = t;
      }
    }
    const custom: Record<string, FieldValue> = {};
    for (let k = 0; k < fieldNames.length; k++) custom[fieldNames[k] as string] = fields[fieldIndexes[k] as number] as string;
    let subject = "";
    for (const part of subjectParts) subject += typeof part === "string" ? part : (fields[part] as string);
    const channelRaw = channel ? refIn(fields, channel.i) : undefined;
    return {
      line, key, at, openedAt,
      actor: refIn(fields, actorCol),
      openedBy: refIn(fields, openedByCol),
      state, target,
      subject: subject.slice(0, 500) || key,
      channel: channel ? (channelRaw !== undefined ? channel.map[channelRaw] : undefined) ?? channel.default : "web",
      requester: refIn(fields, requesterCol),
      organization: refIn(fields, orgCol),
      category: refIn(fields, categoryCol),
      priority: p as Priority | undefined,
      impact: im as Level3 | undefined,
      urgency: ur as Level3 | undefined,
      group: refIn(fields, groupCol),
      assignee: refIn(fields, assigneeCol),
      fields: custom,
      atResolution: resolution,
    };
  };
}

/** Splits `"{a}: {b}"` into literal strings and column indexes. */
const compileTemplate = (template: string, col: (name: string) => number): ReadonlyArray<string | number> =>
  template.split(/(\{[^}]+\})/).filter((s) => s !== "").map((s) => (s.startsWith("{") && s.endsWith("}") ? col(s.slice(1, -1)) : s));
