import { parseArgs } from "node:util";
import { runDemo } from "./commands/demo";

const usage = `spoc — single point of contact service desks

Usage: spoc <command> [options]

Commands:
  demo      play the IT Support scenario and print a ticket's timeline

Run "spoc <command> --help" for a command's options.`;

/** A failure to show the user as one line, with an exit code. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/**
 * Runs the `spoc` command with its arguments; returns the exit code.
 * @example process.exitCode = await main(["demo"])
 */
export async function main(argv: ReadonlyArray<string>): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case "--help":
      case "-h":
      case "help":
        console.log(usage);
        return 0;
      case "demo": {
        const { values } = parseArgs({ args: [...rest], options: { help: { type: "boolean", short: "h" } }, strict: true });
        if (values.help) {
          console.log("Usage: spoc demo\n\nPlays the IT Support scenario and prints the timeline.");
          return 0;
        }
        await runDemo();
        return 0;
      }
      default:
        throw new CliError(`unknown command "${command}"; run "spoc --help"`);
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`spoc: ${message.split("\n")[0]}`);
    return e instanceof CliError ? e.exitCode : 1;
  }
}
