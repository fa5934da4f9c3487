import { readJson, type HttpApp, type HttpContext } from '../../shared/http/app';
import { principalOf } from '../../shared/http/caller';
import { actorFromPrincipal } from '../../shared/services/access/actor';
import { decideOptionalConsent, listOptionalConsents } from '../../shared/services/members/consent-routes-service';
import type { IntakeDeps } from '../../shared/services/intake/deps';
import type { AppDeps } from '../../shared/runtime/deps';

/**
 * 「我的授权」, the member's optional consents (shared/domain/consent/optional-consents.ts): the
 * member's own login only (a forwarded welcome link cannot consent). `/consents` is the caller's own
 * (what the member page uses); `/members/:memberId/consents` names the member.
 */
export function mountOptionalConsentRoutes(app: HttpApp, app0: AppDeps, deps: IntakeDeps): void {
  const listConsents = async (c: HttpContext, memberId: string) => {
    await app0.authorize(principalOf(c), 'consent.optional', memberId, { requestId: c.get('requestId') });
    return c.json(await listOptionalConsents(deps, memberId));
  };
  const decideConsent = async (c: HttpContext, memberId: string) => {
    const principal = principalOf(c);
    await app0.authorize(principal, 'consent.optional', memberId, { requestId: c.get('requestId') });
    return c.json(await decideOptionalConsent(deps, memberId, c.req.param('purpose') ?? '', await readJson(c), actorFromPrincipal(principal)));
  };
  // Only a member has consents of their own: anyone else is refused by the policy (an audited 403).
  const ownMemberId = (c: HttpContext): string => {
    const principal = principalOf(c);
    return principal.kind === 'member' ? principal.memberId : '';
  };
  app.get('/api/intake/consents', (c) => listConsents(c, ownMemberId(c)));
  app.put('/api/intake/consents/:purpose', (c) => decideConsent(c, ownMemberId(c)));
  app.get('/api/intake/members/:memberId/consents', (c) => listConsents(c, c.req.param('memberId')));
  app.put('/api/intake/members/:memberId/consents/:purpose', (c) => decideConsent(c, c.req.param('memberId')));
}
