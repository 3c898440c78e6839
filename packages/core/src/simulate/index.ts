export * from "./routing-outcome";
export * from "./sla-outcome";
export * from "./simulate";
export * from "./changes";
export * from "./compare-replay";
