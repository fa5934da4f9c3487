import { loadDeps, type AppDeps } from '../../../shared/runtime/deps';
import { SCENES, type Scene } from '../../../shared/domain/team/roles';
import { createContactWay, listContactWays } from '../../../shared/services/welcome/contact-ways';
import { decodeSceneState } from '../../../shared/services/welcome/scene-state';
import { registerGroupWelcomeTemplate } from '../../../shared/services/welcome/group-template';
import { CliUsageError, type CliCommand, type CliIo } from '../command';

/**
 * 「联系我」 codes whose state names the entry scene (externalcontact/add_contact_way), and the group
 * welcome template. Runs against the environment's store and WeCom (STORE=…, WECOM_*); for a running
 * `npm start` use POST /api/team/contact-ways instead.
 */
const flag = (args: string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new CliUsageError(`${name} needs a value`);
  return value;
};

/** The CLI exits when the command returns (scripts/cli.ts), so the store is left open. */
const withDeps = async <T>(run: (deps: AppDeps) => Promise<T>): Promise<T> => run(await loadDeps());

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
  const way = await withDeps((deps) =>
    createContactWay(deps, { scene: scene as Scene, staff, style, ...(campaign && { campaign }), ...(remark && { remark }) }, 'cli'),
  );
  print(io, { state: way._id, scene: way.scene, campaign: way.campaign ?? null, configId: way.configId, qrCode: way.qrCode ?? null, staff: way.staff });
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
        for (const w of await withDeps((deps) => listContactWays(deps.store))) {
          print(io, { state: w._id, scene: w.scene, campaign: w.campaign ?? null, status: w.status, configId: w.configId ?? null, staff: w.staff });
        }
        return 0;
      case 'decode': {
        const state = rest[0];
        if (!state) throw new CliUsageError('decode needs a STATE');
        const decoded = decodeSceneState(state);
        print(io, decoded ?? { scene: null, note: 'not a state this system issued' });
        return decoded ? 0 : 1;
      }
      case 'group-template': {
        const text = flag(rest, '--text');
        const doc = await withDeps((deps) => registerGroupWelcomeTemplate(deps, { ...(text && { text }), notify: !rest.includes('--no-notify'), createdBy: 'cli' }));
        print(io, { templateId: doc._id, env: `WECOM_GROUP_WELCOME_TEMPLATE_ID=${doc._id}` });
        return 0;
      }
      default:
        throw new CliUsageError('expected create, list, decode or group-template');
    }
  },
};
