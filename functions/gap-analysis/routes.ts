import { createHttpApp, type HttpApp } from '../../shared/http/app';
import { mountHealth } from '../../shared/http/health';
import type { AppDeps } from '../../shared/runtime/deps';

export function gapAnalysisRoutes(deps: AppDeps): HttpApp {
  const app = createHttpApp('gap-analysis', deps.log);
  mountHealth(app, ['/api/gap-analysis'], 'gap-analysis', deps.store);
  return app;
}
