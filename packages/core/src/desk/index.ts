export * from "./desk";
export * from "./errors";
export * from "./hooks";
export * from "./run-hooks";
export * from "./promise";
export * from "./inputs";
export { handOffKey, handOffSummary } from "./hand-off";
export { fromThrown, storeCall } from "./store-call";
export { simulateService, type DeskSimulation, type SimulateOptions } from "./simulate";
