import { createHttpApp, type HttpApp } from '../../shared/http/app';
import { mountHealth } from '../../shared/http/health';
import type { AppDeps } from '../../shared/runtime/deps';

export function intakeRoutes(deps: AppDeps): HttpApp {
  const app = createHttpApp('intake', deps.log);
  mountHealth(app, ['/api/intake'], 'intake', deps.store);
  return app;
}
