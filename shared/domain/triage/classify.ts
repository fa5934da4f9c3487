import { CHAT_EMOJI_RE, scoreIntent, SYMPTOMS_THAT_COUNT } from './intent';
import { normalizeText, splitClauses } from './normalize';
import { detect } from './red-flags';
import { ROLE_FOR_INTENT, type Classification, type RedFlag } from './types';

/** How sure an urgent verdict from the general criteria (no red-flag kind) is. */
const URGENT_OTHER_CONFIDENCE = 0.75;

/**
 * Deterministic triage of one customer message: disposition (emergency / urgent / routine), intent,
 * the 4R role to route to, and the red-flag kinds. Any emergency criterion makes it an emergency for
 * the family doctor; an urgent one sends it to the family doctor for today; borderline wording errs
 * towards the more urgent disposition (docs/reference/clinical-triage.md §2). Pure: no I/O, no
 * clock, no model.
 */
export function classify(text: string): Classification {
  const normalised = normalizeText(text);
  const clauses = splitClauses(normalised);
  const { hits, urgentOther, liveSymptoms } = detect(normalised, clauses, SYMPTOMS_THAT_COUNT);
  const emergencies = hits.filter((h) => h.disposition === 'emergency');
  const [first, ...rest] = emergencies;
  if (first) {
    const redFlags: [RedFlag, ...RedFlag[]] = [first.flag, ...rest.map((h) => h.flag)];
    const confidence = Math.max(...emergencies.map((h) => h.confidence));
    return { intent: 'medical', role: 'family_doctor', disposition: 'emergency', emergency: true, redFlags, confidence };
  }
  if (hits.length > 0 || urgentOther) {
    const confidence = hits.length ? Math.max(...hits.map((h) => h.confidence)) : URGENT_OTHER_CONFIDENCE;
    const watchFor = hits.map((h) => h.flag);
    return { intent: 'medical', role: 'family_doctor', disposition: 'urgent', emergency: false, redFlags: [], watchFor, confidence };
  }
  // The question mark and emoji are gone from normalised text (the mark ends a sentence there): whether they were typed
  // is told apart.
  const { intent, confidence } = scoreIntent(normalised, { liveSymptoms, asked: /[?？]/.test(text), chatEmoji: CHAT_EMOJI_RE.test(text) });
  return { intent, role: ROLE_FOR_INTENT[intent], disposition: 'routine', emergency: false, redFlags: [], confidence };
}
