import { classifyLines } from '../../../shared/domain/triage';
import { inputFrom, readLines } from '../json-lines';
import type { CliCommand } from '../command';

/**
 * `classify --in FILE`: one `{"text": "..."}` per line → one
 * `{"intent","role","emergency","redFlags","confidence"}` per line, in order. A bad line yields an
 * error line naming its line number in the file (blank lines are kept for the numbering).
 */
export const command: CliCommand = {
  name: 'classify',
  summary: 'triage of customer messages: {"text"} lines in, {"intent","role","emergency","redFlags","confidence"} lines out',
  usage: 'npm run -s cli -- classify --in FILE|-',
  async run(args, io) {
    const read = await readLines(inputFrom(args, io));
    const lines: string[] = Array.from({ length: read.at(-1)?.line ?? 0 }, () => '');
    for (const l of read) lines[l.line - 1] = l.text;
    for (const out of classifyLines(lines)) io.stdout.write(`${out}\n`);
    return 0;
  },
};
