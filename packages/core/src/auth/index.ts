export * from "./actor";
export * from "./authorize";
