import { scoreIntent } from './intent';
import { normalizeText, splitClauses } from './normalize';
import { detectRedFlags } from './red-flags';
import { ROLE_FOR_INTENT, type Classification, type RedFlag } from './types';

/**
 * Deterministic triage of one customer message: intent, the 4R role to route to, and red flags.
 * Any live red flag makes it an emergency for the family doctor; borderline wording errs that way.
 * Pure: no I/O, no clock, no model.
 */
export function classify(text: string): Classification {
  const normalised = normalizeText(text);
  const clauses = splitClauses(normalised);
  const hits = detectRedFlags(normalised, clauses);
  const [first, ...rest] = hits;
  if (first) {
    const redFlags: [RedFlag, ...RedFlag[]] = [first.flag, ...rest.map((h) => h.flag)];
    const confidence = Math.max(...hits.map((h) => h.confidence));
    return { intent: 'medical', role: 'family_doctor', emergency: true, redFlags, confidence };
  }
  const { intent, confidence } = scoreIntent(normalised);
  return { intent, role: ROLE_FOR_INTENT[intent], emergency: false, redFlags: [], confidence };
}
