import { Writable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { sampleColumns, sampleMeta, sampleRow } from "../../../test/sample-report";
import { renderXlsx } from "./render-xlsx";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

describe("renderXlsx memory", () => {
  it("writes 200,000 rows with heap growth far below the size of the data", async () => {
    const count = 200_000;
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        cb();
      },
    });
    gc();
    // heap plus Buffers: zip and XML chunks live outside the JS heap
    const used = (): number => {
      const m = process.memoryUsage();
      return m.heapUsed + m.external;
    };
    const base = used();
    let peak = 0;
    const samples: Array<number> = [];
    let rowBytes = 0;
    async function* rows() {
      for (let i = 0; i < count; i++) {
        const row = sampleRow(i, count);
        if (i < 1000) rowBytes += JSON.stringify(row).length * 2; // UTF-16 in memory, at least
        if (i % 20_000 === 0) {
          gc(); // count what is retained, not garbage waiting for collection
          samples.push(used() - base);
          peak = Math.max(peak, used() - base);
        }
        yield row;
      }
    }
    const summary = await renderXlsx(sampleMeta, sampleColumns, rows(), { grouping: { by: "service" } }, sink);
    const dataSize = (rowBytes / 1000) * count;
    expect(summary.rows).toBe(count);
    expect(summary.bytes).toBe(bytes);
    const mib = (n: number): string => (n / 2 ** 20).toFixed(1);
    console.info(`200k rows: data ≈ ${mib(dataSize)} MiB, xlsx ${mib(bytes)} MiB, retained growth every 20k rows (MiB): ${samples.map(mib).join(" ")}`);
    expect(peak).toBeLessThan(dataSize / 3);
    // Bounded, not merely small: the second half of the run holds no more than the first. Zip
    // chunks in flight make single samples swing by about 6 MiB (seen 11–18 MiB on Node 22 and
    // 24), so compare the second half's lowest with the first half's highest: a leak of even
    // 100 bytes a row would lift every later sample by 10 MiB.
    const half = Math.floor(samples.length / 2);
    expect(Math.min(...samples.slice(half))).toBeLessThan(Math.max(...samples.slice(0, half)) + 4 * 2 ** 20);
  }, 120_000);
});
