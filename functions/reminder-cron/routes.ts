import { createHttpApp, type HttpApp } from '../../shared/http/app';
import { mountHealth } from '../../shared/http/health';
import type { AppDeps } from '../../shared/runtime/deps';

export function reminderCronRoutes(deps: AppDeps): HttpApp {
  const app = createHttpApp('reminder-cron', deps.log);
  mountHealth(app, ['/api/reminders'], 'reminder-cron', deps.store);
  return app;
}
