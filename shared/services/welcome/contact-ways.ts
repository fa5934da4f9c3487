import * as z from 'zod';
import { AppError, DuplicateKeyError } from '../../errors';
import { SCENES, type Scene } from '../../domain/team/roles';
import { isWecomApiError, WecomErrcode, type WecomApi } from '../../ports/wecom-api';
import type { Doc, DocumentStore } from '../../ports/document-store';
import type { Clock } from '../../ports/clock';
import { encodeSceneState } from './scene-state';

export const CONTACT_WAYS = 'contact_ways';

const WECOM_USERID = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/, 'must be a WeCom userid');

/** What ops ask for (CLI `contact-way create`, POST /api/team/contact-ways). */
export const ContactWayRequestSchema = z.strictObject({
  scene: z.enum(SCENES),
  /** Campaign id, e.g. a reactivation campaign; becomes part of the state. */
  campaign: z.string().min(1).optional(),
  /** Staff the code adds the customer to; one person gives a personal code (type 1). */
  staff: z.array(WECOM_USERID).min(1).max(100),
  /** Shown to staff in WeCom; add_contact_way caps it at 30 characters. */
  remark: z.string().min(1).max(30).optional(),
  /** `qr` (scene 2, returns a QR image URL) or `miniprogram` (scene 1, a button in the mini-program). */
  style: z.enum(['qr', 'miniprogram']).default('qr'),
  skipVerify: z.boolean().default(true),
});
export type ContactWayRequest = z.input<typeof ContactWayRequestSchema>;

export type ContactWayStatus = 'creating' | 'created' | 'failed' | 'outcome_unknown';

/** What a state means: the record every add_external_contact event is attributed by. */
export interface ContactWay extends Doc {
  /** The state itself. */
  _id: string;
  scene: Scene;
  campaign?: string;
  staff: string[];
  remark?: string;
  style: 'qr' | 'miniprogram';
  status: ContactWayStatus;
  configId?: string;
  qrCode?: string;
  createdBy: string;
  createdAtMs: number;
}

export interface ContactWayDeps {
  store: DocumentStore;
  wecom: WecomApi;
  clock: Clock;
}

/**
 * Creates a 「联系我」 code through externalcontact/add_contact_way with a state naming the scene.
 * The record is written before the call (status `creating`) so that a call whose outcome is unknown
 * (add_contact_way is at-most-once: a retry would create a second code) is still traceable. A call
 * WeCom refused created nothing there, so its record goes too: nothing is left behind. Staff WeCom
 * does not know are the caller's mistake (422 naming `staff`), not an upstream failure.
 */
export async function createContactWay(deps: ContactWayDeps, request: ContactWayRequest, createdBy: string): Promise<ContactWay> {
  const input = ContactWayRequestSchema.parse(request);
  const ways = deps.store.collection<ContactWay>(CONTACT_WAYS);
  let doc: ContactWay | undefined;
  for (let attempt = 0; attempt < 5 && !doc; attempt++) {
    const state = encodeSceneState({ scene: input.scene, ...(input.campaign !== undefined && { campaign: input.campaign }) });
    const candidate: ContactWay = {
      _id: state,
      scene: input.scene,
      ...(input.campaign !== undefined && { campaign: input.campaign }),
      staff: input.staff,
      ...(input.remark !== undefined && { remark: input.remark }),
      style: input.style,
      status: 'creating',
      createdBy,
      createdAtMs: deps.clock.nowMs(),
    };
    try {
      doc = await ways.insert(candidate);
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err;
    }
  }
  if (!doc) throw new Error('could not find a free state reference');

  try {
    const res = await deps.wecom.addContactWay({
      type: input.staff.length === 1 ? 1 : 2,
      scene: input.style === 'qr' ? 2 : 1,
      state: doc._id,
      user: input.staff,
      ...(input.remark !== undefined && { remark: input.remark }),
      skipVerify: input.skipVerify,
    });
    const done = { status: 'created' as const, configId: res.configId, ...(res.qrCode !== undefined && { qrCode: res.qrCode }) };
    await ways.updateOne({ _id: doc._id }, { $set: done });
    return { ...doc, ...done };
  } catch (err) {
    if (isWecomApiError(err) && err.outcomeUnknown) await ways.updateOne({ _id: doc._id }, { $set: { status: 'outcome_unknown' } });
    else await ways.deleteOne({ _id: doc._id });
    if (isWecomApiError(err) && err.errcode !== null && UNKNOWN_STAFF_ERRCODES.includes(err.errcode)) {
      const message = 'WeCom knows no member with one of these userids';
      throw new AppError('unknown_staff', `staff: ${message}`, 422, { fields: [{ field: 'staff', message }] });
    }
    throw err;
  }
}

const UNKNOWN_STAFF_ERRCODES: readonly number[] = [WecomErrcode.invalidUserId, WecomErrcode.userIdNotFound];

export async function findContactWay(store: DocumentStore, state: string): Promise<ContactWay | null> {
  return store.collection<ContactWay>(CONTACT_WAYS).get(state);
}

export async function listContactWays(store: DocumentStore): Promise<ContactWay[]> {
  return store.collection<ContactWay>(CONTACT_WAYS).find({}, { sort: { createdAtMs: 1, _id: 1 } });
}
