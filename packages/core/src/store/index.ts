export * from "./errors";
export * from "./port";
export { memoryStore } from "./memory-store";
export { appendAll, eventsOf } from "./batch";
export { defaultDatabaseUrl, lazyDefaultStore } from "./default-store";
