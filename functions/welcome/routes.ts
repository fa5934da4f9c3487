import { createHttpApp, type HttpApp } from '../../shared/http/app';
import { mountHealth } from '../../shared/http/health';
import type { AppDeps } from '../../shared/runtime/deps';

export function welcomeRoutes(deps: AppDeps): HttpApp {
  const app = createHttpApp('welcome', deps.log);
  mountHealth(app, ['/wecom/welcome'], 'welcome', deps.store);
  return app;
}
