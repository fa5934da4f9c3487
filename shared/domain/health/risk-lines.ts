import * as z from 'zod';
import { HealthFormSchema } from './form';
import { mapJsonLines } from './json-lines';
import { assessRisk } from './risk';

/** Consent is not needed to compute a tier; a saved submission line is accepted as it is. */
const withoutConsent = (value: unknown) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('consent' in value)) return value;
  const { consent: _consent, ...rest } = value as Record<string, unknown>;
  return rest;
};

const RiskLineSchema = z.preprocess(withoutConsent, HealthFormSchema);

/** `risk --in FILE`: one `{"tier","score","factors"}` JSON line per form line, in order. */
export function riskLines(lines: readonly string[]): string[] {
  return mapJsonLines(lines, RiskLineSchema, (form) => assessRisk(form));
}
