export * from "./errors";
export * from "./port";
export { memoryStore } from "./memory-store";
export { allocateTicketNumbers, appendAll, eventsOf, putDirectory } from "./batch";
export * from "./search-text";
