import { type Command, CliError, parse } from "./commands/command";
import { demo } from "./commands/demo-command";
import { email } from "./commands/email";
import { importCommand } from "./commands/import";
import { migrate } from "./commands/migrate";
import { report } from "./commands/report";
import { sweep } from "./commands/sweep";
import { ticket } from "./commands/ticket";

/** Every subcommand of `spoc`, in the order `--help` lists them. */
export const commands: ReadonlyArray<Command> = [demo, migrate, importCommand, sweep, ticket, email, report];

const usage = () => `spoc — single point of contact service desks

Usage: spoc <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join("\n")}

Run "spoc <command> --help" for a command's options.`;

/**
 * Runs the `spoc` command with its arguments; returns the exit code. Errors are one line on stderr.
 * @example process.exitCode = await main(["demo"])
 */
export async function main(argv: ReadonlyArray<string>): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      console.log(usage());
      return 0;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) throw new CliError(`unknown command "${name}"; run "spoc --help"`);
    if (command.runRaw) return await command.runRaw(rest);
    const { values, positionals } = parse(command, rest);
    if (values.help) {
      console.log(`Usage: ${command.usage}\n\n${command.summary}`);
      return 0;
    }
    return await command.run({ values, positionals });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`spoc: ${message.split("\n")[0]?.replace(/^spoc: /, "")}`);
    return e instanceof CliError ? e.exitCode : 1;
  }
}

export { CliError };
