import { createHttpApp, type HttpApp } from '../../shared/http/app';
import { mountHealth } from '../../shared/http/health';
import { callbackCryptoFor, mountWecomCallback } from '../../shared/http/wecom-callback';
import { mountAuthRoutes } from '../../shared/http/auth-routes';
import { handleWelcomeEvent, welcomeActsOn, welcomeReplaySafe } from '../../shared/services/welcome/handle-event';
import type { AppDeps } from '../../shared/runtime/deps';
import { mountTeamRoutes } from './team-routes';
import { servicesOf } from './wiring';

/** Customer-contact callback (/wecom/welcome), team set-up for ops (/api/team), staff sign-in (/api/auth). */
export function welcomeRoutes(deps: AppDeps): HttpApp {
  const cfg = deps.config;
  const app = createHttpApp('welcome', deps.log);
  const { events } = servicesOf(deps);
  mountHealth(app, ['/wecom/welcome', '/api/team', '/api/auth'], 'welcome', deps.store);
  mountWecomCallback(app, {
    path: '/wecom/welcome',
    source: 'welcome',
    crypto: callbackCryptoFor(cfg, 'welcome'),
    maxSkewS: cfg.WECOM_CALLBACK_MAX_SKEW_S,
    clock: deps.clock,
    inbox: deps.inbox,
    handle: (event) => handleWelcomeEvent(events, event),
    acts: welcomeActsOn,
    replaySafe: welcomeReplaySafe,
  });
  mountTeamRoutes(app, deps);
  mountAuthRoutes(app, deps);
  return app;
}
