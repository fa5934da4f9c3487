import { createHttpApp, type HttpApp } from '../../shared/http/app';
import { mountHealth } from '../../shared/http/health';
import type { AppDeps } from '../../shared/runtime/deps';

export function triageRoutes(deps: AppDeps): HttpApp {
  const app = createHttpApp('triage', deps.log);
  mountHealth(app, ['/wecom/triage', '/api/triage'], 'triage', deps.store);
  return app;
}
