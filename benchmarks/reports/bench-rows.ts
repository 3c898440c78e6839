/** The benchmark's report: 8 columns of service-desk figures, deterministic rows, non-Latin names. */
export const columns = [
  { key: "ticket", label: "Ticket", kind: "text", width: 12 },
  { key: "service", label: "Service", kind: "text", width: 14 },
  { key: "agent", label: "Agent", kind: "text", width: 22 },
  { key: "opened", label: "Opened", kind: "datetime" },
  { key: "minutes", label: "Resolution", kind: "duration-minutes", aggregate: "mean" },
  { key: "reopened", label: "Reopened", kind: "integer" },
  { key: "sla", label: "SLA met", kind: "percent" },
  { key: "cost", label: "Cost", kind: "currency", currency: "EUR" },
] as const;

export const meta = {
  title: "Benchmark: tickets",
  period: { from: new Date("2025-01-01T00:00:00Z"), to: new Date("2025-04-01T00:00:00Z"), timeZone: "Europe/Madrid" },
  generatedAt: new Date("2025-04-01T06:00:00Z"),
  serviceNames: ["IT Help Desk"],
};

const agents = ["Ζωή Παπαδοπούλου", "Дмитрий Иванов", "José Núñez", "Ingrid Søndergård", "Łukasz Wróblewski", "Chloé Lefèvre"];
const services = ["IT Help Desk", "Facilities", "HR Services", "Payroll"];
const start = Date.UTC(2025, 0, 1);

/** Row `i`: same index, same values, for every case. */
export const row = (i: number): Record<string, unknown> => ({
  ticket: `INC${String(1_000_000 + i)}`,
  service: services[i % services.length],
  agent: agents[(i * 7) % agents.length],
  opened: new Date(start + i * 7_777),
  minutes: 5 + ((i * 37) % 900),
  reopened: i % 13 === 0 ? 1 : 0,
  sla: ((i * 53) % 100) / 100,
  cost: Math.round(((i * 97) % 20_000) + 150) / 100,
});

/** `count` rows as the async stream a data set would give. */
export async function* rows(count: number): AsyncGenerator<Record<string, unknown>> {
  for (let i = 0; i < count; i++) yield row(i);
}
