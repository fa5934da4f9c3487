import { readJson, type HttpApp } from './app';
import { rateLimit } from './rate-limit';
import { parseInput } from '../validation';
import { exchangeStaffCode, StaffSessionRequestSchema } from '../services/identity/staff-session';
import type { AppDeps } from '../runtime/deps';

/**
 * `POST /api/auth/staff-session {code}`: WeCom OAuth code → staff session token.
 * Public, so rate limited per client address.
 */
export function mountAuthRoutes(app: HttpApp, deps: AppDeps): void {
  app.use('/api/auth/*', rateLimit({ store: deps.store, clock: deps.clock, name: 'auth', limit: 20, windowS: 60 }));
  app.post('/api/auth/staff-session', async (c) => {
    const { code } = parseInput(StaffSessionRequestSchema, await readJson(c), 'staff session request');
    const session = await exchangeStaffCode(
      { store: deps.store, wecom: deps.wecom, audit: deps.audit, clock: deps.clock, signingSecret: deps.config.TOKEN_SIGNING_SECRET },
      code,
    );
    return c.json(session);
  });
}
