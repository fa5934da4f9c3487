import { riskLines } from '../../../shared/domain/health/risk-lines';
import { transformLines } from '../json-lines';
import type { CliCommand } from '../command';

export const command: CliCommand = {
  name: 'risk',
  summary: 'risk tier of health forms: JSON lines in, {"tier","score","factors"} lines out',
  usage: 'npm run -s cli -- risk --in FILE|-',
  run: (args, io) => transformLines(args, io, riskLines),
};
