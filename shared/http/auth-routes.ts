import { readJson, type HttpApp } from './app';
import { callerKey, principalOf, resolveCaller } from './caller';
import { clientAddress, rateLimit } from './rate-limit';
import { ForbiddenError } from '../errors';
import { parseInput } from '../validation';
import { exchangeStaffCode, StaffSessionRequestSchema } from '../services/identity/staff-session';
import { StaffLoginQuerySchema, staffLoginUrl } from '../services/identity/staff-login';
import { PageSignatureRequestSchema, signPage } from '../services/identity/page-signature';
import type { AppDeps } from '../runtime/deps';

/**
 * Staff sign-in and JS-SDK signatures for the workbench pages:
 * - `GET /api/auth/staff-login?redirect=` → the WeCom authorize URL and its `state`;
 * - `POST /api/auth/staff-session {code}` → staff session token;
 * - `POST /api/auth/jsapi-signature {url}` → corp and app signatures for one of our pages.
 * The first two are public, so limited per client address, each on its own counter: in WeCom every
 * textcard opens a fresh page that signs in again (the session lives in sessionStorage), and a clinic
 * behind one address signs in often in an emergency burst. The exchange calls WeCom, so it is the
 * tighter one; a code is single-use, so a high limit lends no guessing power. Signatures are asked on
 * every page load: they count per staff member, so colleagues do not use up each other's.
 */
export function mountAuthRoutes(app: HttpApp, deps: AppDeps): void {
  app.use('/api/auth/staff-login', rateLimit({ store: deps.store, clock: deps.clock, name: 'auth-login', limit: 120, windowS: 60 }));
  app.use('/api/auth/staff-session', rateLimit({ store: deps.store, clock: deps.clock, name: 'auth', limit: 60, windowS: 60 }));
  app.use('/api/auth/jsapi-signature', resolveCaller(deps));
  app.use(
    '/api/auth/jsapi-signature',
    rateLimit({ store: deps.store, clock: deps.clock, name: 'auth-signature', limit: 60, windowS: 60, key: (c) => callerKey(c) ?? `address:${clientAddress(c)}` }),
  );

  app.get('/api/auth/staff-login', (c) => {
    const { redirect } = parseInput(StaffLoginQuerySchema, c.req.query(), 'staff login request');
    return c.json(staffLoginUrl(deps.config, redirect));
  });

  app.post('/api/auth/staff-session', async (c) => {
    const { code } = parseInput(StaffSessionRequestSchema, await readJson(c), 'staff session request');
    const session = await exchangeStaffCode(
      { store: deps.store, wecom: deps.wecom, audit: deps.audit, clock: deps.clock, tokens: deps.tokens },
      code,
    );
    return c.json(session);
  });

  app.post('/api/auth/jsapi-signature', async (c) => {
    const principal = principalOf(c);
    if (principal.kind !== 'staff') throw new ForbiddenError('staff_only', 'JS-SDK signatures are for staff sessions only');
    await deps.staffSessions(principal);
    const { url } = parseInput(PageSignatureRequestSchema, await readJson(c), 'signature request');
    return c.json(await signPage(deps, url));
  });
}
