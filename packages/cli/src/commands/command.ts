import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * A failure to show the user as one line, with an exit code.
 * @example
 * throw new CliError("--db is required", 2) // printed as one line, the process exits with 2
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

/**
 * One `spoc` subcommand: its name, a one-line summary, its usage text and what it does.
 * @example
 * const hello: Command = { name: "hello", summary: "say hello", usage: "spoc hello", options: {}, run: async () => 0 }
 */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig["options"]>;
  /** Runs the command with its parsed options and positionals; resolves to the exit code. */
  readonly run: (args: { values: Record<string, unknown>; positionals: ReadonlyArray<string> }) => Promise<number>;
  /** False for a command that takes options only: a stray argument (a URL without --db) is then a usage error. */
  readonly positionals?: false;
  /** For a command that parses its own arguments: gets them unparsed instead of `run`. */
  readonly runRaw?: (argv: ReadonlyArray<string>) => Promise<number>;
}

/** Parses a command's arguments strictly; unknown options are a one-line error. */
export const parse = (command: Command, argv: ReadonlyArray<string>) => {
  try {
    const parsed = parseArgs({ args: [...argv], options: { ...command.options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
    const stray = command.positionals === false ? parsed.positionals[0] : undefined;
    if (stray !== undefined) throw new CliError(`${command.name}: unexpected argument "${stray}": ${command.name} takes no arguments (a database is --db URL); run "spoc ${command.name} --help"`);
    return parsed;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${command.name}: ${(e as Error).message}`);
  }
};

/** The `--db` URL: the option, else `SPOC_DB`, else the embedded default file. */
export const dbUrl = (values: Record<string, unknown>, fallback = "sqlite:spoc.sqlite"): string =>
  (typeof values.db === "string" && values.db) || process.env.SPOC_DB || fallback;

/** The `--db` option every command that touches a database takes. */
export const dbOption = { db: { type: "string" } } as const;
