// Bundles a package's declarations with declaration maps (tsup's own dts step turns them off):
// `go to definition` in a host then lands in the package's TypeScript source, which the tarball ships.
// Usage, from a package folder: node ../../scripts/build-types.mjs src/index.ts [render/index=src/render/index.ts …]
import { rollup } from "rollup";
import { dts } from "rollup-plugin-dts";

const input = Object.fromEntries(process.argv.slice(2).map((arg) => {
  const [name, file] = arg.includes("=") ? arg.split("=") : [arg.replace(/^src\//, "").replace(/\.ts$/, ""), arg];
  return [name, file];
}));
if (Object.keys(input).length === 0) throw new Error("build-types: name at least one entry (src/index.ts)");

const bundle = await rollup({
  input,
  plugins: [dts({ tsconfig: "tsconfig.json", sourcemap: true, compilerOptions: { skipLibCheck: true } })],
  onwarn(warning, warn) {
    if (warning.code === "CIRCULAR_DEPENDENCY" || warning.code === "EMPTY_BUNDLE") return;
    warn(warning);
  },
});
await bundle.write({ dir: "dist", format: "es", sourcemap: true, entryFileNames: "[name].d.ts", chunkFileNames: "[name]-[hash].d.ts" });
await bundle.close();
