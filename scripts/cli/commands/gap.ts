import { gapLines } from '../../../shared/domain/gap/gap-lines';
import { transformLines } from '../json-lines';
import type { CliCommand } from '../command';

export const command: CliCommand = {
  name: 'gap',
  summary: 'protection-gap analysis: JSON lines of inputs in, one report line out each',
  usage: 'npm run -s cli -- gap --in FILE|-',
  run: (args, io) => transformLines(args, io, gapLines),
};
