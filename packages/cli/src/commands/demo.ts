import { createDesk, type Store, timeline } from "@spoc/core";
import { company, names, playScenario, setUpCompany } from "../demo/scenario";

/** Options of `spoc demo`. */
export interface DemoOptions {
  readonly store?: Store;
  readonly out?: (line: string) => void;
}

/**
 * Plays the IT Support scenario and prints the ticket's timeline.
 * @example await runDemo({ out: console.log })
 */
export async function runDemo(options: DemoOptions = {}): Promise<void> {
  const out = options.out ?? ((l: string) => console.log(l));
  // A scripted morning: each step of the story happens a few minutes after the last.
  let now = Date.UTC(2026, 10, 2, 8, 47);
  const steps = [0, 4, 9, 6, 12, 23, 8, 31, 47, 12, 95, 3, 26, 240, 5];
  let step = 0;
  const clock = () => (now += (steps[step++ % steps.length] ?? 5) * 60_000);
  const desk = createDesk({ clock, ...(options.store ? { store: options.store } : {}) });
  await setUpCompany(desk);
  const { support, billing } = await playScenario(desk);
  const history = await desk.history({ kind: "agent", id: company.lee } as never, company.support, support.id);
  out(`\n${support.number} — ${support.subject}  [${support.status}, ${support.priority}]`);
  out(`Requester: ${names[support.requesterId] ?? support.requesterId}; opened by ${names[(support.openedBy as { id: string }).id] ?? "?"}; ` +
    `first response by ${names[support.responders[0] ?? ""] ?? "nobody"}`);
  out("─".repeat(100));
  for (const line of timeline(history.map((h) => h.event), (id) => names[id])) out(line);
  out("─".repeat(100));
  out(`Time logged ${support.timeMinutes} min, cost ${(support.costCents / 100).toFixed(2)}; ` +
    `handed off to ${billing?.number ?? "?"} in Billing & Collections (${billing?.status ?? "?"}).`);
}
