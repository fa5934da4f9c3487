import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { CliUsageError, type CliIo } from './command';

/** `--in FILE` (or `-` for stdin) → the input stream. */
export function inputFrom(args: string[], io: CliIo): Readable {
  const i = args.indexOf('--in');
  if (i === -1) throw new CliUsageError('--in FILE is required (use - for stdin)');
  const file = args[i + 1];
  if (!file) throw new CliUsageError('--in needs a file path, or - for stdin');
  return file === '-' ? io.stdin : createReadStream(file, 'utf8');
}

/** Reads non-empty lines, keeping their 1-based line numbers for error messages. */
export async function readLines(input: Readable): Promise<{ line: number; text: string }[]> {
  const out: { line: number; text: string }[] = [];
  let n = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    n += 1;
    if (raw.trim()) out.push({ line: n, text: raw });
  }
  return out;
}

/** Maps every input line through a pure `lines → lines` transform and prints the result. */
export async function transformLines(args: string[], io: CliIo, transform: (lines: string[]) => string[]): Promise<number> {
  const lines = (await readLines(inputFrom(args, io))).map((l) => l.text);
  for (const out of transform(lines)) io.stdout.write(`${out}\n`);
  return 0;
}
