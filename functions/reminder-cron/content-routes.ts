import * as z from 'zod';
import { actorFromPrincipal } from '../../shared/services/access/actor';
import { principalOf, resolveCaller } from '../../shared/http/caller';
import { readJson, type HttpApp } from '../../shared/http/app';
import type { AppDeps } from '../../shared/runtime/deps';
import { servicesOf } from './wiring';
import { ContentIdSchema, ContentItemSchema } from '../../shared/services/content/schemas';
import { parseInput } from '../../shared/validation';
import { idempotentAnswer } from '../../shared/http/replay';

const PREFIX = '/api/content';
const ImportSchema = z.strictObject({ items: z.array(ContentItemSchema).min(1).max(500) });
const IdParam = z.strictObject({ id: ContentIdSchema });
const CalendarIdParam = z.strictObject({ id: z.string().regex(/^cal_[a-z0-9_-]{1,100}$/, 'a calendar entry id') });
const SEASON_QUERY = z.strictObject({ season: z.string().max(20).optional() });
const FROM_QUERY = z.strictObject({ fromMs: z.coerce.number().int().nonnegative().optional() });

/**
 * The content library and its calendar (docs/prd.md §2.1.3): ops in the workbench, and the CLI
 * through the machine key ('content.manage'). Items hold no member data.
 */
export function mountContentRoutes(app: HttpApp, deps: AppDeps): void {
  app.use(`${PREFIX}/*`, resolveCaller(deps));
  const { contentLibrary: library, contentCalendar: calendar } = servicesOf(deps);
  const manager = async (c: Parameters<typeof principalOf>[0] & { get(k: 'requestId'): string }) => {
    const principal = principalOf(c);
    await deps.authorize(principal, 'content.manage', undefined, { requestId: c.get('requestId') });
    return actorFromPrincipal(principal);
  };

  app.get(`${PREFIX}/items`, async (c) => {
    await manager(c);
    const { season } = parseInput(SEASON_QUERY, c.req.query(), 'query');
    return c.json({ items: await library.list(season ? { season } : {}) });
  });

  /** The whole file at once (cli content import): every item is checked first; one bad item imports nothing. */
  app.put(`${PREFIX}/items`, async (c) => {
    const actor = await manager(c);
    const { items } = parseInput(ImportSchema, await readJson(c), 'content import');
    return c.json(await library.importMany(items, actor));
  });

  app.get(`${PREFIX}/items/:id`, async (c) => {
    await manager(c);
    const { id } = parseInput(IdParam, { id: c.req.param('id') }, 'path');
    return c.json(await library.get(id));
  });

  app.put(`${PREFIX}/items/:id`, async (c) => {
    const actor = await manager(c);
    const { id } = parseInput(IdParam, { id: c.req.param('id') }, 'path');
    const body = (await readJson(c)) as Record<string, unknown>;
    const result = await library.put({ ...body, id }, actor);
    return c.json({ ...(await library.get(id)), created: result.created }, result.created ? 201 : 200);
  });

  app.get(`${PREFIX}/calendar`, async (c) => {
    await manager(c);
    const { fromMs } = parseInput(FROM_QUERY, c.req.query(), 'query');
    const entries = await calendar.list(fromMs !== undefined ? { fromMs } : {});
    return c.json({ entries: entries.map(({ _id, ...e }) => ({ id: _id, ...e })) });
  });

  app.post(`${PREFIX}/calendar`, async (c) => {
    const actor = await manager(c);
    const { entry, created } = await calendar.schedule(await readJson(c), actor);
    const { _id, ...rest } = entry;
    return idempotentAnswer(c, { id: _id, ...rest }, !created);
  });

  app.delete(`${PREFIX}/calendar/:id`, async (c) => {
    const actor = await manager(c);
    const { id } = parseInput(CalendarIdParam, { id: c.req.param('id') }, 'path');
    const { _id, ...rest } = await calendar.cancel(id, actor);
    return c.json({ id: _id, ...rest });
  });
}
