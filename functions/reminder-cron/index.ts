import { createMainHandler } from '../../shared/adapters/triggers/main-handler';
import { loadDeps } from '../../shared/runtime/deps';
import { reminderCronRoutes } from './routes';

/** Every-minute timer delivering due reminders; staff reminder routes. */
export const main_handler = createMainHandler({ name: 'reminder-cron', http: reminderCronRoutes }, loadDeps);
