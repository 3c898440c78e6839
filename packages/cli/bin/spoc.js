#!/usr/bin/env node
// The `spoc` command. It runs the built bundle (dist/standalone/bin.js) from a file of its own, so
// that npm can link the command when it installs the package, before `prepare` has built dist/.
// It checks the Node version first: on an older Node the native drivers the bundle loads can crash
// the process with no message at all (a segmentation fault on Node 20).
import { existsSync } from "node:fs";
import { refusal } from "./node-version.js";

const tooOld = refusal(process.versions.node);
if (tooOld) {
  process.stderr.write(tooOld + "\n");
  process.exit(1);
}
const bundle = new URL("../dist/standalone/bin.js", import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write("spoc: @spoc/cli is not built yet (run npm run build)\n");
  process.exit(1);
}
await import(bundle.href);
