export * from "./strategy";
export * from "./candidate";
export * from "./filters";
export * from "./choosers";
export * from "./assign";
export * from "./assigned-event";
