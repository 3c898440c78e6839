#!/usr/bin/env node
// The `spoc` command. It runs the built bundle (dist/standalone/bin.js) from a file of its own, so
// that npm can link the command when it installs the package, before `prepare` has built dist/.
import { existsSync } from "node:fs";

const bundle = new URL("../dist/standalone/bin.js", import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write("spoc: @spoc/cli is not built yet (run npm run build)\n");
  process.exit(1);
}
await import(bundle.href);
