export * from "./schema";
export * from "./limits";
