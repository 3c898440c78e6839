export * from "./desk";
export * from "./errors";
export * from "./hooks";
export * from "./run-hooks";
export * from "./promise";
export { handOffSummary } from "./hand-off";
export { fromThrown, storeCall } from "./store-call";
