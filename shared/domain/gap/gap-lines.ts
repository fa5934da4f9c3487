import { mapJsonLines } from '../health/json-lines';
import { analyseGap } from './analyse';
import { GapInputSchema } from './input';

/** The CLI prices for a known tier, so riskTier is required on every line. */
const GapLineSchema = GapInputSchema.required({ riskTier: true });

/** `gap --in FILE`: one report JSON line per input line, in order; a bad line yields {"error":{…}}. */
export function gapLines(lines: readonly string[]): string[] {
  return mapJsonLines(lines, GapLineSchema, (input) => analyseGap(input));
}
