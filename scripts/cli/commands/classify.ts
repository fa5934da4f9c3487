import { classifyLines } from '../../../shared/domain/triage';
import { transformLines } from '../json-lines';
import type { CliCommand } from '../command';

/**
 * `classify --in FILE`: one `{"text": "..."}` per line → one
 * `{"intent","role","emergency","redFlags","confidence"}` per line, in order. A bad line yields an
 * error line naming its line number in the file (blank lines are kept for the numbering), and the
 * command exits 1.
 */
export const command: CliCommand = {
  name: 'classify',
  summary: 'triage of customer messages: {"text"} lines in, {"intent","role","emergency","redFlags","confidence"} lines out',
  usage: 'npm run -s cli -- classify --in FILE|-',
  run: (args, io) => transformLines(args, io, classifyLines),
};
