export * from "./commands";
export * from "./decide";
export * from "./errors";
export * from "./events";
export * from "./evolve";
export * from "./priority-matrix";
export * from "./schema";
export * from "./status";
