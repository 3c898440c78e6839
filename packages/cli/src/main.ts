import { type Command, CliError, parse } from "./commands/command";
import { about, type CommandAbout } from "./commands/catalog";
// Inlined by the bundler: the version the package was built as.
import { version } from "../package.json";

/**
 * A subcommand as `spoc --help` lists it; `load` imports its module, only when it runs.
 * @example
 * const command = await commands.find((c) => c.name =
 */
export interface LazyCommand extends CommandAbout {
  /** Imports the command's module and returns the command. */
  readonly load: () => Promise<Command>;
}

/**
 * Every subcommand of `spoc`, in the order `--help` lists them. Each module is imported on first
 * use: `spoc import` then loads neither @spoc/reporting nor @spoc/email (~300 modules, ~40 MB).
 * @example
 * commands.map((c) => `${c.name}  ${c.summary}`) // what `spoc --help` lists
 */
export const commands: ReadonlyArray<LazyCommand> = [
  { ...about.demo, load: async () => (await import("./commands/demo-command")).demo },
  { ...about.migrate, load: async () => (await import("./commands/migrate")).migrate },
  { ...about.import, load: async () => (await import("./commands/import")).importCommand },
  { ...about.simulate, load: async () => (await import("./commands/simulate")).simulate },
  { ...about.sweep, load: async () => (await import("./commands/sweep")).sweep },
  { ...about.ticket, load: async () => (await import("./commands/ticket")).ticket },
  { ...about.email, load: async () => (await import("./commands/email")).email },
  { ...about.report, load: async () => (await import("./commands/report")).report },
  { ...about.apply, load: async () => (await import("./commands/apply")).apply },
  { ...about.export, load: async () => (await import("./commands/export")).exportCommand },
];

const usage = () => `spoc — single point of contact service desks

Usage: spoc <command> [options]
       spoc --version

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join("\n")}

Run "spoc <command> --help" for a command's options.
Exit codes: 0 done, 1 failed (including bad input files), 2 bad usage (an unknown command or option, a bad option value).`;

/**
 * The version of @spoc/cli, as `spoc --version` prints it.
 * @example cliVersion // "0.1.0"
 */
export const cliVersion: string = version;

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
    if (name === "--version" || name === "-v") {
      console.log(cliVersion);
      return 0;
    }
    const entry = commands.find((c) => c.name === name);
    if (!entry) throw new CliError(`unknown command "${name}"; run "spoc --help"`);
    const command = await entry.load();
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
