import type { Column } from "../src/model/column";
import type { ReportMeta } from "../src/model/report-meta";

/** A week of service-desk figures in Athens time, with non-Latin names. */
export const sampleMeta: ReportMeta = {
  title: "Weekly agent performance",
  subtitle: "Tickets handled per agent, grouped by service",
  period: {
    from: new Date("2025-03-02T22:00:00Z"),
    to: new Date("2025-03-09T22:00:00Z"),
    timeZone: "Europe/Athens",
  },
  generatedAt: new Date("2025-03-10T05:30:00Z"),
  serviceNames: ["IT Help Desk", "Facilities", "HR Services"],
};

export const sampleColumns: ReadonlyArray<Column> = [
  { key: "service", label: "Service", kind: "text", width: 16 },
  { key: "agent", label: "Agent", kind: "text", width: 22 },
  { key: "lastActivity", label: "Last activity", kind: "datetime" },
  { key: "tickets", label: "Tickets", kind: "integer" },
  { key: "resolved", label: "Resolved", kind: "integer" },
  { key: "avgResolution", label: "Avg resolution", kind: "duration-minutes", aggregate: "mean" },
  { key: "slaMet", label: "SLA met", kind: "percent" },
  { key: "cost", label: "Cost", kind: "currency", currency: "EUR" },
];

const agents = [
  "Ζωή Παπαδοπούλου",
  "Дмитрий Иванов",
  "José Núñez",
  "Ingrid Søndergård",
  "Łukasz Wróblewski",
  "Chloé Lefèvre",
  "Αλέξανδρος Κωνσταντινίδης-Οικονόμου",
  "Анна Кузнецова",
];
const services = ["IT Help Desk", "Facilities", "HR Services"];

/** A deterministic row: same index, same values. */
export const sampleRow = (i: number, count = 48): Record<string, unknown> => {
  const r = (k: number): number => ((i * 2654435761 + k * 40503) % 1000) / 1000;
  const tickets = 10 + Math.floor(r(1) * 60);
  return {
    service: services[Math.min(services.length - 1, Math.floor((i * services.length) / Math.max(1, count)))],
    agent: agents[i % agents.length],
    lastActivity: new Date(Date.UTC(2025, 2, 3 + (i % 7), 6 + (i % 11), (i * 7) % 60)),
    tickets,
    resolved: Math.floor(tickets * (0.6 + r(2) * 0.4)),
    avgResolution: 20 + Math.floor(r(3) * 400),
    slaMet: 0.7 + r(4) * 0.3,
    cost: Math.round(tickets * (18 + r(5) * 9) * 100) / 100,
  };
};

/** `count` sample rows, streamed, ordered by service. */
export async function* sampleRows(count: number): AsyncGenerator<Record<string, unknown>> {
  for (let i = 0; i < count; i++) yield sampleRow(i, count);
}

/** Rows from an array, streamed. */
export async function* rowsOf(rows: ReadonlyArray<Record<string, unknown>>): AsyncGenerator<Record<string, unknown>> {
  for (const row of rows) yield row;
}

/** Collects everything written to a Writable into one Buffer. */
export const collect = async (): Promise<{ stream: import("node:stream").Writable; buffer: () => Buffer }> => {
  const { PassThrough } = await import("node:stream");
  const chunks: Array<Buffer> = [];
  const stream = new PassThrough();
  stream.on("data", (c: Buffer) => chunks.push(c));
  return { stream, buffer: () => Buffer.concat(chunks) };
};
