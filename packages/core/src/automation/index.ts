export * from "./config";
export * from "./routing-hook";
export * from "./sla-hook";
export * from "./deadline-hook";
export * from "./sweep";
export * from "./standard";
