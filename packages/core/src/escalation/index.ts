export * from "./rule";
export * from "./arming";
export * from "./ladder";
export * from "./events";
export * from "./sweep";
export * from "./sla-adapters";
