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

/**
 * Reads non-empty lines, keeping their 1-based line numbers for error messages. A UTF-8 byte-order
 * mark (what Windows editors put first) is not part of line 1's JSON.
 */
export async function readLines(input: Readable): Promise<{ line: number; text: string }[]> {
  const out: { line: number; text: string }[] = [];
  let n = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    n += 1;
    const text = n === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim()) out.push({ line: n, text });
  }
  return out;
}

/**
 * Every line of the input, blank ones included (as ''), so that index + 1 is the line number an
 * editor shows. The line transforms skip blank lines themselves and number by index.
 */
async function readAllLines(input: Readable): Promise<{ lines: string[]; numbered: number[] }> {
  const read = await readLines(input);
  const lines: string[] = Array.from({ length: read.at(-1)?.line ?? 0 }, () => '');
  for (const l of read) lines[l.line - 1] = l.text;
  return { lines, numbered: read.map((l) => l.line) };
}

const isErrorLine = (out: string): boolean => {
  try {
    const parsed = JSON.parse(out) as unknown;
    return typeof parsed === 'object' && parsed !== null && 'error' in parsed;
  } catch {
    return false;
  }
};

/**
 * Maps the input through a pure `lines → lines` transform (one output per non-blank line, in order)
 * and prints the result. Exit status 1 when any line failed, with a summary on stderr naming the
 * lines, so a script can trust `$?`; the `{"error":…}` lines themselves stay on stdout, in place.
 */
export async function transformLines(args: string[], io: CliIo, transform: (lines: string[]) => string[]): Promise<number> {
  const { lines, numbered } = await readAllLines(inputFrom(args, io));
  const failed: number[] = [];
  transform(lines).forEach((out, i) => {
    io.stdout.write(`${out}\n`);
    if (isErrorLine(out)) failed.push(numbered[i] ?? i + 1);
  });
  if (!failed.length) return 0;
  const shown = failed.slice(0, 20).join(', ') + (failed.length > 20 ? ', …' : '');
  io.stderr.write(`error: ${failed.length} of ${numbered.length} line(s) failed (line ${shown}); see their {"error"} lines on stdout\n`);
  return 1;
}
