import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** One `npm run -s cli -- <name> …` command; each lives in scripts/cli/commands/<name>.ts. */
export interface CliCommand {
  name: string;
  /** One line for `cli help`. */
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** A CLI mistake: printed as `error: …` with the usage, exit code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}
