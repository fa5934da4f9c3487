import { SCENES, type Scene } from '../../../shared/domain/team/roles';
import { createContactWay, listContactWays, type ContactWayRequest } from '../../../shared/services/welcome/contact-ways';
import { decodeSceneState } from '../../../shared/services/welcome/scene-state';
import { registerGroupWelcomeTemplate } from '../../../shared/services/welcome/group-template';
import { CliUsageError, type CliCommand, type CliIo } from '../command';
import { teamTarget } from '../team-target';

/**
 * 「联系我」 codes whose state names the entry scene (externalcontact/add_contact_way), and the group
 * welcome template. Against a running `npm start` (same DATA_DIR) through its /api/team routes, so the
 * stack's own WeCom (sandbox or real) and store are used; otherwise the environment's (team-target.ts).
 */
const flag = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new CliUsageError(`${name} needs a value`);
  return value;
};

const print = (io: CliIo, value: unknown) => io.stdout.write(`${JSON.stringify(value)}\n`);

async function create(args: string[], io: CliIo): Promise<number> {
  const scene = flag(args, '--scene');
  if (!scene || !(SCENES as readonly string[]).includes(scene)) throw new CliUsageError(`--scene must be one of ${SCENES.join(', ')}`);
  const staff = flag(args, '--staff')?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  if (!staff.length) throw new CliUsageError('--staff needs one or more WeCom userids, comma separated');
  const campaign = flag(args, '--campaign');
  const remark = flag(args, '--remark');
  const style = flag(args, '--style') ?? 'qr';
  if (style !== 'qr' && style !== 'miniprogram') throw new CliUsageError('--style must be qr or miniprogram');
  const request: ContactWayRequest = { scene: scene as Scene, staff, style, ...(campaign && { campaign }), ...(remark && { remark }) };
  const target = await teamTarget();
  if (target.kind === 'stack') {
    print(io, await target.client.call('POST', '/api/team/contact-ways', request));
    return 0;
  }
  const way = await createContactWay(target.deps, request, 'cli');
  print(io, { state: way._id, scene: way.scene, campaign: way.campaign ?? null, configId: way.configId, qrCode: way.qrCode ?? null, staff: way.staff });
  return 0;
}

async function list(io: CliIo): Promise<number> {
  const target = await teamTarget();
  const ways =
    target.kind === 'stack'
      ? (await target.client.call<{ contactWays: Record<string, unknown>[] }>('GET', '/api/team/contact-ways')).contactWays.map(({ createdAtMs: _at, ...w }) => w)
      : (await listContactWays(target.deps.store)).map((w) => ({ state: w._id, scene: w.scene, campaign: w.campaign ?? null, status: w.status, configId: w.configId ?? null, staff: w.staff }));
  for (const w of ways) print(io, w);
  return 0;
}

async function groupTemplate(args: string[], io: CliIo): Promise<number> {
  const text = flag(args, '--text');
  const notify = !args.includes('--no-notify');
  const target = await teamTarget();
  const templateId =
    target.kind === 'stack'
      ? (await target.client.call<{ templateId: string }>('POST', '/api/team/group-welcome-templates', { ...(text && { text }), notify })).templateId
      : (await registerGroupWelcomeTemplate(target.deps, { ...(text && { text }), notify, createdBy: 'cli' }))._id;
  print(io, { templateId, env: `WECOM_GROUP_WELCOME_TEMPLATE_ID=${templateId}` });
  return 0;
}

export const command: CliCommand = {
  name: 'contact-way',
  summary: '「联系我」 codes with a scene state; decode a state; register the group welcome template',
  usage: [
    'npm run -s cli -- contact-way create --scene policy_delivery|claims_service|reactivation --staff USERID[,USERID…] [--campaign ID] [--remark TEXT] [--style qr|miniprogram]',
    '       contact-way list',
    '       contact-way decode STATE',
    '       contact-way group-template [--text TEXT] [--no-notify]   (prints WECOM_GROUP_WELCOME_TEMPLATE_ID)',
  ].join('\n'),
  async run(args, io) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'create':
        return create(rest, io);
      case 'list':
        return list(io);
      case 'decode': {
        const state = rest[0];
        if (!state) throw new CliUsageError('decode needs a STATE');
        const decoded = decodeSceneState(state);
        print(io, decoded ?? { scene: null, note: 'not a state this system issued' });
        return decoded ? 0 : 1;
      }
      case 'group-template':
        return groupTemplate(rest, io);
      default:
        throw new CliUsageError('expected create, list, decode or group-template');
    }
  },
};
