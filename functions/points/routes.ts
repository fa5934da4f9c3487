import { createHttpApp, type HttpApp } from '../../shared/http/app';
import { mountHealth } from '../../shared/http/health';
import type { AppDeps } from '../../shared/runtime/deps';

export function pointsRoutes(deps: AppDeps): HttpApp {
  const app = createHttpApp('points', deps.log);
  mountHealth(app, ['/api/points'], 'points', deps.store);
  return app;
}
