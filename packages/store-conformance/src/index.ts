export { storeConformance, type ConformanceOptions, type StoreHandle } from "./suite";
export { fx as conformanceFixture, seed as seedConformanceFixture } from "./fixtures";
export { oddSearchTexts, searchConformance } from "./search-suite";
