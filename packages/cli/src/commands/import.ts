import { runImportCommand } from "../import/import-command";
import type { Command } from "./command";
import { about } from "./catalog";

/** `spoc import`: replays a service-desk event log through the Desk (parses its own arguments). */
export const importCommand: Command = {
  ...about.import,
  usage: "spoc import <mapping-name | mapping.json> <file> --db URL [--json] [--max-bad N]",
  options: {},
  run: async () => 2,
  runRaw: (argv) => runImportCommand(argv),
};
