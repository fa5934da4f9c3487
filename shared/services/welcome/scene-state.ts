import { randomBytes } from 'node:crypto';
import { ValidationError } from '../../errors';
import { SCENES, type Scene } from '../../domain/team/roles';

/**
 * The `state` of a 「联系我」 code, echoed by WeCom in add_external_contact (<State>) and in
 * externalcontact/get follow_user[].state. WeCom caps it at 30 characters (add_contact_way 92228:
 * "不超过30个字符"), so it is a compact, self-describing code:
 *
 *   h1.<scene>.<ref>[.<campaign>]     e.g. "h1.pd.k3x9"  "h1.ra.7qzp.spring25"
 *
 * - `h1` marks our format (version 1): other states (获客链接 customer_channel, old codes) decode to
 *   "unknown scene" instead of being misread;
 * - scene: pd policy delivery, cs claims service, ra reactivation;
 * - ref: 4 random base-36 characters, so every code has its own state (the contact_ways key);
 * - campaign: optional, [A-Za-z0-9_-], at most 19 characters (what is left of the 30).
 *
 * Nothing about the member is in it: the state travels through WeCom and staff clients.
 */
export const STATE_MAX_CHARS = 30;
const PREFIX = 'h1';
const REF_CHARS = 4;
export const CAMPAIGN_MAX_CHARS = STATE_MAX_CHARS - (PREFIX.length + 1 + 2 + 1 + REF_CHARS + 1);
const CAMPAIGN = /^[A-Za-z0-9_-]+$/;
const REF = /^[0-9a-z]{4}$/;

export const SCENE_CODES: Record<Scene, string> = { policy_delivery: 'pd', claims_service: 'cs', reactivation: 'ra' };
const SCENE_BY_CODE = new Map(SCENES.map((s) => [SCENE_CODES[s], s] as const));

export interface SceneState {
  scene: Scene;
  ref: string;
  campaign?: string;
}

export function newStateRef(): string {
  const n = randomBytes(4).readUInt32BE(0) % 36 ** REF_CHARS;
  return n.toString(36).padStart(REF_CHARS, '0');
}

export function encodeSceneState(input: { scene: Scene; campaign?: string; ref?: string }): string {
  const ref = input.ref ?? newStateRef();
  if (!REF.test(ref)) throw new ValidationError('ref must be 4 characters 0-9a-z', [{ field: 'ref', message: 'must be 4 characters 0-9a-z' }]);
  const { campaign } = input;
  if (campaign !== undefined && (!CAMPAIGN.test(campaign) || campaign.length > CAMPAIGN_MAX_CHARS)) {
    const message = `must be 1–${CAMPAIGN_MAX_CHARS} characters of A-Z a-z 0-9 _ -`;
    throw new ValidationError(`campaign ${message}`, [{ field: 'campaign', message }]);
  }
  return [PREFIX, SCENE_CODES[input.scene], ref, ...(campaign ? [campaign] : [])].join('.');
}

/** `undefined` for anything that is not one of our states (the member's scene is then unknown). */
export function decodeSceneState(state: string | undefined): SceneState | undefined {
  if (!state || state.length > STATE_MAX_CHARS) return undefined;
  const parts = state.split('.');
  if (parts.length < 3 || parts.length > 4 || parts[0] !== PREFIX) return undefined;
  const [, code = '', ref = '', campaign] = parts;
  const scene = SCENE_BY_CODE.get(code);
  if (!scene || !REF.test(ref)) return undefined;
  if (campaign !== undefined && (!CAMPAIGN.test(campaign) || campaign.length > CAMPAIGN_MAX_CHARS)) return undefined;
  return { scene, ref, ...(campaign !== undefined && { campaign }) };
}
