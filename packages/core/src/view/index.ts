export * from "./visibility";
export * from "./public-ticket";
export * from "./public-events";
export * from "./staff-view";
export * from "./view-of";
