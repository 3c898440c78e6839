export * from "./routing-outcome";
export * from "./sla-outcome";
export * from "./simulate";
