import { storeConformance } from "@spoc/store-conformance";
import { memoryStore } from "./memory-store";

storeConformance({ name: "memory", makeStore: async () => ({ store: memoryStore() }) });
