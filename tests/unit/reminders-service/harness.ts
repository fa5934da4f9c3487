import { randomBytes } from 'node:crypto';
import { createFieldCipher } from '../../../shared/adapters/crypto/field-cipher';
import type { FieldCipher } from '../../../shared/ports/field-cipher';
import { createLogger } from '../../../shared/adapters/log/logger';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { AppError } from '../../../shared/errors';
import { shanghaiInstant } from '../../../shared/domain/reminders/shanghai-time';
import { ManualClock } from '../../../shared/ports/clock';
import type { DocumentStore } from '../../../shared/ports/document-store';
import {
  WecomApiError,
  type AppMessage,
  type KfSendInput,
  type MsgTemplateInput,
  type RateLimitEvent,
  type SubscribeMessageInput,
  type WecomApi,
} from '../../../shared/ports/wecom-api';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import { createMemberRepository } from '../../../shared/services/members/member-repository';
import { KF_SESSIONS, type KfSession } from '../../../shared/services/reminders/kf-window';
import { createReminderService, type ReminderServiceExtras } from '../../../shared/services/reminders/reminder-service';
import { planTaskDueHook } from '../../../shared/services/plan-tasks/plan-task-deps';
import { SUBSCRIPTIONS, subscriptionId } from '../../../shared/services/reminders/subscriptions';
import { DEFAULT_SUBSCRIBE_TEMPLATE } from '../../../shared/services/reminders/settings';

/** The names the real client gives these APIs in its rate-limit events. */
const CLIENT_API = { kf: 'kf/send_msg', subscribe: 'wechat/subscribe/send', mass: 'externalcontact/add_msg_template', app: 'message/send' } as const;

export type Sent =
  | { api: 'kf'; atMs: number; input: KfSendInput }
  | { api: 'subscribe'; atMs: number; input: SubscribeMessageInput }
  | { api: 'mass'; atMs: number; input: MsgTemplateInput }
  | { api: 'app'; atMs: number; input: AppMessage };

type Api = Sent['api'];
type Delivery = { api: Api; to: string; text: string; atMs: number };

/**
 * A WeCom stand-in that records what each channel would deliver; `failNext(api, errcode)` makes the
 * next calls of one channel fail the way the real client reports errcodes.
 */
export class FakeWecom {
  sent: Sent[] = [];
  /** When set, add_msg_template only reaches customers who have the sender as a contact (sender → external ids). */
  contacts: Map<string, Set<string>> | undefined;
  private failures: { api: Api; errcode: number | null; kind?: 'timeout'; error?: Error }[] = [];
  /** False: the deployment has no mini-program credentials (the real client refuses subscribe sends). */
  miniProgramConfigured = true;
  /** subscribeMessage.send calls made, refused ones included. */
  subscribeAttempts = 0;
  private listeners = new Set<(e: RateLimitEvent) => void>();
  constructor(private readonly clock: ManualClock) {}

  failNext(api: Api, errcode: number | null, times = 1, kind?: 'timeout'): void {
    for (let i = 0; i < times; i += 1) this.failures.push({ api, errcode, ...(kind && { kind }) });
  }

  /** The next call of `api` throws `error` before anything goes on the wire (as the client does when reading its token fails). */
  throwNext(api: Api, error: Error): void {
    this.failures.push({ api, errcode: null, error });
  }

  emitRateLimit(event: RateLimitEvent): void {
    for (const l of this.listeners) l(event);
  }

  private slowNext: { api: Api; delayMs: number }[] = [];

  /** The next call of `api` is rate-limited once and succeeds on the client's own retry (as transport.ts does). */
  rateLimitNext(api: Api, delayMs: number): void {
    this.slowNext.push({ api, delayMs });
  }

  private maybeFail(api: Api): void {
    const slow = this.slowNext.findIndex((f) => f.api === api);
    if (slow >= 0) {
      const [f] = this.slowNext.splice(slow, 1);
      this.emitRateLimit({ api: CLIENT_API[api], errcode: 45033, attempt: 1, delayMs: f?.delayMs ?? 0, willRetry: true });
    }
    const i = this.failures.findIndex((f) => f.api === api);
    if (i < 0) return;
    const [f] = this.failures.splice(i, 1);
    if (!f) return;
    if (f.error) throw f.error;
    if (f.kind === 'timeout') {
      throw new WecomApiError({ api, kind: 'timeout', errcode: null, errmsg: 'timeout', retryable: true, outcomeUnknown: true });
    }
    throw new WecomApiError({ api, kind: 'errcode', errcode: f.errcode, errmsg: 'injected', retryable: false, outcomeUnknown: false });
  }

  readonly api: WecomApi = {
    kfSendMsg: async (input) => {
      this.maybeFail('kf');
      this.sent.push({ api: 'kf', atMs: this.clock.nowMs(), input });
      return { msgid: `kf${this.sent.length}` };
    },
    sendSubscribeMessage: async (input) => {
      this.subscribeAttempts += 1;
      if (!this.miniProgramConfigured) throw new AppError('wecom_not_configured', 'mini-program appId/secret are not configured', 500);
      this.maybeFail('subscribe');
      this.sent.push({ api: 'subscribe', atMs: this.clock.nowMs(), input });
    },
    addMsgTemplate: async (input) => {
      this.maybeFail('mass');
      const reachable = (id: string) => !id.startsWith('gone') && (!this.contacts || (this.contacts.get(input.sender)?.has(id) ?? false));
      const accepted = input.externalUserIds.filter(reachable);
      // 41048 无可发送的客户: none of them is a contact of the sender.
      if (this.contacts && accepted.length === 0) throw new WecomApiError({ api: 'mass', kind: 'errcode', errcode: 41048, errmsg: 'no customer', retryable: false, outcomeUnknown: false });
      this.sent.push({ api: 'mass', atMs: this.clock.nowMs(), input: { ...input, externalUserIds: accepted } });
      return { msgid: `mt${this.sent.length}`, failList: input.externalUserIds.filter((id) => !reachable(id)) };
    },
    sendAppMessage: async (input) => {
      this.maybeFail('app');
      this.sent.push({ api: 'app', atMs: this.clock.nowMs(), input });
      return { msgid: `am${this.sent.length}`, invalidUsers: [], invalidParties: [], invalidTags: [] };
    },
    onRateLimit: (listener) => {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    },
    sendWelcomeMsg: unused,
    getExternalContact: unused,
    markTag: unused,
    addContactWay: unused,
    addGroupWelcomeTemplate: unused,
    getTagList: unused,
    addCorpTag: unused,
    kfSyncMsg: unused,
    oauthGetUserInfo: unused,
    jsapiTicket: unused,
  };

  /** One entry per recipient reached (a mass task to three customers counts three). */
  deliveries(): Delivery[] {
    const texts = this.texts();
    return this.sent.flatMap((s, i): Delivery[] => {
      const text = texts[i] ?? '';
      if (s.api === 'mass') return s.input.externalUserIds.map((to) => ({ api: s.api, to, text, atMs: s.atMs }));
      const to = s.api === 'app' ? [s.input.touser ?? []].flat().join('|') : s.input.touser;
      return [{ api: s.api, to, text, atMs: s.atMs }];
    });
  }

  /** Text each delivery carried (kf/mass/app text, subscribe thing1), by api. */
  texts(api?: Api): string[] {
    return this.sent
      .filter((s) => !api || s.api === api)
      .map((s) => (s.api === 'kf' ? s.input.text.content : s.api === 'subscribe' ? (s.input.data.thing1 ?? '') : s.api === 'mass' ? s.input.text : s.input.msgtype === 'text' ? s.input.text.content : ''));
  }
}

async function unused(): Promise<never> {
  throw new Error('not used by reminders');
}

/** 2026-03-02 (Monday) 10:00 Shanghai. */
export const T0 = shanghaiInstant(2026, 3, 2, 10, 0);

export interface Harness {
  store: DocumentStore;
  clock: ManualClock;
  wecom: FakeWecom;
  /** The field cipher the services encrypt with (for callers that create reminders themselves). */
  cipher: FieldCipher;
  service: ReturnType<typeof createReminderService>;
  addMember(id: string, extra?: Partial<Member>): Promise<Member>;
  openKf(memberId: string, atMs?: number, sentSinceThen?: number): Promise<void>;
  subscribe(memberId: string, remaining: number, templateId?: string): Promise<void>;
  /** Another service over the same store, clock and WeCom (a second function instance). */
  twin(extras?: ReminderServiceExtras): ReturnType<typeof createReminderService>;
}

export interface HarnessOptions {
  /** The store the services use (e.g. one that fails on purpose); `Harness.store` stays the plain one. */
  wrapStore?: (store: DocumentStore) => DocumentStore;
}

export function createHarness(extras: ReminderServiceExtras = {}, start = T0, options: HarnessOptions = {}): Harness {
  const store = createEmbeddedStore({ inMemory: true });
  const serviceStore = options.wrapStore ? options.wrapStore(store) : store;
  const clock = new ManualClock(start);
  const wecom = new FakeWecom(clock);
  const cipher = createFieldCipher(`k1:${randomBytes(32).toString('base64')}`);
  const log = createLogger({ level: 'silent' });
  const members = createMemberRepository(store);
  const make = (x: ReminderServiceExtras) =>
    createReminderService({ store: serviceStore, clock, wecom: wecom.api, log, members, cipher, contentKey: 'test-key', random: () => 0.5, onOccurrenceDue: planTaskDueHook({ store: serviceStore, log }), ...x, settings: { concurrency: 4, ...x.settings } });
  return {
    store,
    clock,
    cipher,
    wecom,
    service: make(extras),
    twin: (x = {}) => make({ ...extras, ...x }),
    async addMember(id, extra = {}) {
      const member: Member = {
        _id: id,
        externalUserId: `ext-${id}`,
        openId: `openid-${id}`,
        team: { family_doctor: 'doc-1', health_butler: 'hb-1', insurance_consultant: 'ic-1', rights_consultant: 'rc-1' },
        status: 'active',
        joinedAtMs: clock.nowMs(),
        updatedAtMs: clock.nowMs(),
        ...extra,
      };
      await store.collection<Member>(MEMBERS).insert(member);
      return member;
    },
    async openKf(memberId, atMs = clock.nowMs(), sentSinceThen = 0) {
      await store.collection<KfSession>(KF_SESSIONS).updateOne(
        { _id: memberId },
        { $set: { openKfId: 'wkKF1', externalUserId: `kfext-${memberId}`, lastCustomerMsgAtMs: atMs, sentSinceThen, updatedAtMs: atMs } },
        { upsert: true },
      );
    },
    async subscribe(memberId, remaining, templateId = DEFAULT_SUBSCRIBE_TEMPLATE) {
      await store.collection(SUBSCRIPTIONS).updateOne(
        { _id: subscriptionId(memberId, templateId) },
        { $set: { memberId, openId: `openid-${memberId}`, templateId, remaining, updatedAtMs: clock.nowMs() } },
        { upsert: true },
      );
    },
  };
}
