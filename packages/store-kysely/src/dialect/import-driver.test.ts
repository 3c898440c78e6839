import { describe, expect, it } from "vitest";
import { importDriver, MissingDriverError } from "./import-driver";

// What Node throws for `import("pg")` when pg is not installed.
const notFound = (name: string) =>
  Object.assign(new Error(`Cannot find package '${name}' imported from /host/node_modules/@spoc/store-kysely/dist/index.js`), { code: "ERR_MODULE_NOT_FOUND" });

describe("importDriver", () => {
  it("a missing driver is a MissingDriverError naming the package to install", async () => {
    const e = await importDriver("pg", "PostgreSQL", () => Promise.reject(notFound("pg"))).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MissingDriverError);
    expect((e as MissingDriverError).driver).toBe("pg");
    expect((e as Error).message).toContain("npm install pg");
    expect((e as Error).message).toContain("PostgreSQL");
  });

  it("a package the driver itself fails to find is passed on unchanged", async () => {
    const inner = notFound("pg-native");
    await expect(importDriver("pg", "PostgreSQL", () => Promise.reject(inner))).rejects.toBe(inner);
  });

  it("a real import of a package that is not installed is reported by name", async () => {
    const e = await importDriver("mysql2", "MySQL/MariaDB", () => import("spoc-no-such-driver" as string).then(() => {
      throw new Error("unreachable");
    }).catch((x: Error & { code?: string }) => {
      // Node names the missing package; this one stands in for mysql2.
      throw Object.assign(new Error(x.message.replace("spoc-no-such-driver", "mysql2")), { code: x.code });
    })).catch((x: unknown) => x);
    expect((e as Error).message).toBe('spoc: MySQL/MariaDB needs the "mysql2" package, which is not installed (npm install mysql2)');
  });
});
