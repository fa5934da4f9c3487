import * as z from 'zod';
import { NotFoundError } from '../../errors';
import {
  currentConsentText,
  isOptionalConsentPurpose,
  OPTIONAL_CONSENT_PURPOSES,
  type OptionalConsentPurpose,
} from '../../domain/consent/optional-consents';
import type { AuditActor, AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { DocumentStore } from '../../ports/document-store';
import { parseInput } from '../../validation';
import { createOptionalConsents, type OptionalConsentState } from './optional-consents';

/**
 * 「我的授权」 (GET /api/intake/members/:id/consents, PUT …/consents/:purpose): each optional purpose
 * with the text currently shown and where the member stands. Decisions go through
 * createOptionalConsents (member-only, audited, repeat decisions change nothing).
 */
export interface ConsentView {
  purpose: OptionalConsentPurpose;
  titleZh: string;
  textZh: string;
  /** The version a grant now records. */
  textVersion: string;
  state: OptionalConsentState;
}

type Deps = { store: DocumentStore; clock: Clock; audit: AuditLog };

export const ConsentDecisionSchema = z.strictObject({
  granted: z.boolean(),
  /** The text version the member was shown (required to grant). */
  textVersion: z.string().min(1).max(64).optional(),
});

/** A purpose's current text beside the member's decision: what 「我的授权」 shows for it. */
function consentView(purpose: OptionalConsentPurpose, state: ConsentView['state']): ConsentView {
  const text = currentConsentText(purpose);
  return { purpose, titleZh: text.titleZh, textZh: text.textZh, textVersion: text.version, state };
}

export async function listOptionalConsents(deps: Deps, memberId: string): Promise<{ consents: ConsentView[] }> {
  const consents = createOptionalConsents(deps);
  return {
    consents: await Promise.all(
      OPTIONAL_CONSENT_PURPOSES.map(async (purpose) => consentView(purpose, await consents.get(memberId, purpose))),
    ),
  };
}

export async function decideOptionalConsent(deps: Deps, memberId: string, purpose: string, body: unknown, actor: AuditActor): Promise<ConsentView> {
  if (!isOptionalConsentPurpose(purpose)) throw new NotFoundError('consent purpose');
  const decision = parseInput(ConsentDecisionSchema, body, 'consent decision');
  const state = await createOptionalConsents(deps).set(memberId, purpose, { granted: decision.granted, ...(decision.textVersion !== undefined && { textVersion: decision.textVersion }) }, actor);
  return consentView(purpose, state);
}
