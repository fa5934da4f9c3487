import * as z from 'zod';
import { readJson, type HttpApp } from '../../shared/http/app';
import { principalOf, resolveCaller } from '../../shared/http/caller';
import { parseInput } from '../../shared/validation';
import { principalId } from '../../shared/domain/access/principal';
import { importRoster, listRoster, StaffLineSchema } from '../../shared/services/team/roster';
import { ContactWayRequestSchema, createContactWay, listContactWays } from '../../shared/services/welcome/contact-ways';
import { registerGroupWelcomeTemplate } from '../../shared/services/welcome/group-template';
import type { AppDeps } from '../../shared/runtime/deps';

const RosterImportSchema = z.strictObject({ staff: z.array(StaffLineSchema).min(1).max(2000), replace: z.boolean().optional() });
/** group_welcome_template/add caps the text at 3000 bytes (1000 Chinese characters); WeCom answers 45002 beyond. */
const GroupTemplateSchema = z.strictObject({ text: z.string().min(1).max(1000).optional(), notify: z.boolean().optional() });

/**
 * Ops set-up of the welcome flow, the HTTP twin of `cli staff` and `cli contact-way` (which use these
 * routes against a running local stack, whose embedded store only that process may open).
 * Gated by `team.assign`: supervisors, ops admins and the machine key.
 */
export function mountTeamRoutes(app: HttpApp, deps: AppDeps): void {
  app.use('/api/team/*', resolveCaller(deps));

  app.put('/api/team/staff', async (c) => {
    const principal = principalOf(c);
    await deps.authorize(principal, 'team.assign', undefined, { requestId: c.get('requestId') });
    const input = parseInput(RosterImportSchema, await readJson(c), 'roster');
    return c.json(await importRoster(deps.store, input.staff, { nowMs: deps.clock.nowMs(), log: deps.log, ...(input.replace !== undefined && { replace: input.replace }) }));
  });

  app.get('/api/team/staff', async (c) => {
    const principal = principalOf(c);
    await deps.authorize(principal, 'team.assign', undefined, { requestId: c.get('requestId') });
    const staff = await listRoster(deps.store);
    return c.json({ staff: staff.map(({ _id, name, role, scenes, onCall, active, load }) => ({ userId: _id, name, role, scenes, onCall, active, load })) });
  });

  app.post('/api/team/contact-ways', async (c) => {
    const principal = principalOf(c);
    await deps.authorize(principal, 'team.assign', undefined, { requestId: c.get('requestId') });
    const request = parseInput(ContactWayRequestSchema, await readJson(c), 'contact way');
    const way = await createContactWay(deps, request, principalId(principal));
    return c.json({ state: way._id, scene: way.scene, campaign: way.campaign ?? null, configId: way.configId, qrCode: way.qrCode ?? null, staff: way.staff }, 201);
  });

  app.get('/api/team/contact-ways', async (c) => {
    const principal = principalOf(c);
    await deps.authorize(principal, 'team.assign', undefined, { requestId: c.get('requestId') });
    const ways = await listContactWays(deps.store);
    return c.json({ contactWays: ways.map((w) => ({ state: w._id, scene: w.scene, campaign: w.campaign ?? null, status: w.status, configId: w.configId ?? null, staff: w.staff, createdAtMs: w.createdAtMs })) });
  });

  app.post('/api/team/group-welcome-templates', async (c) => {
    const principal = principalOf(c);
    await deps.authorize(principal, 'team.assign', undefined, { requestId: c.get('requestId') });
    const input = parseInput(GroupTemplateSchema, (await readJson(c)) ?? {}, 'group welcome template');
    const doc = await registerGroupWelcomeTemplate(deps, { ...input, createdBy: principalId(principal) });
    return c.json({ templateId: doc._id }, 201);
  });
}
