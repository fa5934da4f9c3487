import { randomBytes } from 'node:crypto';
import { byteLength, newId, obj, ok, str, strArray, wxError, type ApiRequest, type Reply, type SandboxContext } from '../reply';
import { isMember } from '../state';

const STATE_MAX_CHARS = 30;
const REMARK_MAX_CHARS = 30;

/** POST externalcontact/add_contact_way (92228): returns config_id, and qr_code for scene 2. */
export function addContactWay(ctx: SandboxContext, { body }: ApiRequest): Reply {
  if (body.type === undefined) return wxError(41037);
  if (body.scene === undefined) return wxError(41038);
  const type = Number(body.type);
  const scene = Number(body.scene);
  if (type !== 1 && type !== 2) return wxError(41039);
  if (scene !== 1 && scene !== 2) return wxError(41040);
  const users = strArray(body.user);
  if (!users.length) return wxError(40063, 'user empty');
  if (type === 1 && users.length !== 1) return wxError(40058, 'type 1 takes exactly one user');
  if (users.some((u) => !isMember(ctx.state, u))) return wxError(40003);
  const state = str(body.state) ?? '';
  if ([...state].length > STATE_MAX_CHARS) return wxError(40058, 'state longer than 30 characters');
  if ([...(str(body.remark) ?? '')].length > REMARK_MAX_CHARS) return wxError(40058, 'remark longer than 30 characters');
  const configId = randomBytes(16).toString('hex');
  ctx.state.contactWays.set(configId, { type, scene, state, user: users, createdAtMs: ctx.nowMs() });
  return ok({ config_id: configId, ...(scene === 2 && { qr_code: `${ctx.baseUrl()}/_sandbox/qr/${configId}` }) });
}

/** POST externalcontact/group_welcome_template/add (92366): at most 100 templates, text ≤ 3000 bytes. */
export function addGroupWelcomeTemplate(ctx: SandboxContext, { body }: ApiRequest): Reply {
  const { state } = ctx;
  const text = str(obj(body.text)?.content);
  const hasMedia = ['image', 'link', 'miniprogram', 'file', 'video'].some((k) => obj(body[k]));
  if (!text && !hasMedia) return wxError(40063, 'text and attachments both empty');
  if (text && byteLength(text) > state.limits.groupWelcomeTextMaxBytes) return wxError(45002);
  if (state.groupWelcomeTemplates.size >= state.limits.groupWelcomeTemplateMax) return wxError(41055);
  const templateId = newId('msg', 16);
  state.groupWelcomeTemplates.set(templateId, { text: text ?? '', createdAtMs: ctx.nowMs() });
  return ok({ template_id: templateId });
}

/** GET /_sandbox/qr/:configId — a stand-in QR image so demos have something to show. */
export function qrSvg(configId: string): string {
  const safe = configId.replace(/[^A-Za-z0-9]/g, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><rect width="240" height="240" fill="#fff" stroke="#000"/><text x="120" y="110" text-anchor="middle" font-size="14">联系我 (sandbox)</text><text x="120" y="140" text-anchor="middle" font-size="10">${safe}</text></svg>`;
}
