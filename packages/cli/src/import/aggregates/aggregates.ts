import type { ServiceId } from "@spoc/core";
import type { DatasetKind } from "../mapping";
import { bpic2013Aggregates } from "./bpic2013-aggregates";
import { helpdeskAggregates } from "./helpdesk-aggregates";
import { type HistorySource, type ImportedCase, importedCases } from "./imported-cases";
import { servicenowAggregates } from "./servicenow-aggregates";

/**
 * The reference aggregates of a data set, computed from what the store holds for a service
 * (never from the file): the same JSON the data set's `aggregates.py` prints.
 * @example JSON.stringify(await aggregates(storeHistories(store), "svc-servicenow", "uci-incident-event-log"), null, 2)
 */
export async function aggregates(source: HistorySource, serviceId: string, dataset: DatasetKind): Promise<Record<string, unknown>> {
  const cases: ImportedCase[] = [];
  for await (const c of importedCases(source, serviceId as ServiceId)) cases.push(c);
  switch (dataset) {
    case "uci-incident-event-log":
      return servicenowAggregates(cases);
    case "helpdesk-italian-software-company":
      return helpdeskAggregates(cases);
    case "bpic2013-volvo-incidents":
      return bpic2013Aggregates(cases);
  }
}
