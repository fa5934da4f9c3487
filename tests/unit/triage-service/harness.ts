import { startWecomSandbox, type WecomSandbox } from '../../../dev/wecom-sandbox/server';
import { sandboxEnv } from '../../../dev/wecom-sandbox/config';
import { SandboxClient } from '../../../dev/wecom-sandbox/inspect';
import type { SentRecord } from '../../../dev/wecom-sandbox/state';
import { generateDevSecrets } from '../../../dev/dev-env';
import { parseConfig } from '../../../shared/config';
import { buildDeps, type AppDeps } from '../../../shared/runtime/deps';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { ManualClock } from '../../../shared/ports/clock';
import type { Llm, LlmRequest, LlmResponse } from '../../../shared/ports/llm';
import type { FourRRole } from '../../../shared/domain/team/roles';
import { MEMBERS, memberIdForExternalUser, type Member } from '../../../shared/services/members/member';
import { importRoster, type StaffLine } from '../../../shared/services/team/roster';
import { createTriageService, type TriageService } from '../../../shared/services/triage';
import type { TriageOptions } from '../../../shared/services/triage/context';
import type { InboundMessage } from '../../../shared/services/triage/schemas';
import { EVENTS, TICKETS, type Ticket, type TicketEvent } from '../../../shared/services/triage/records';

/** Monday 2026-03-02 10:00 Shanghai: inside working hours. */
export const MONDAY_10_SHANGHAI = Date.UTC(2026, 2, 2, 2, 0, 0);
export const OPEN_KF_ID = 'wkUnitTriage';

export const TEAM = { family_doctor: 'doc-1', health_butler: 'butler-1', rights_consultant: 'rights-1', insurance_consultant: 'ins-1' } as const;

const ROSTER: StaffLine[] = [
  { userId: 'doc-1', name: '王医生', role: 'family_doctor', scenes: ['policy_delivery'] },
  { userId: 'butler-1', name: '李管家', role: 'health_butler', scenes: ['policy_delivery'] },
  { userId: 'rights-1', name: '赵顾问', role: 'rights_consultant', scenes: ['policy_delivery'] },
  { userId: 'ins-1', name: '钱顾问', role: 'insurance_consultant', scenes: ['policy_delivery'] },
  { userId: 'oncall-1', name: '值班一', role: 'family_doctor', scenes: ['policy_delivery'], onCall: true },
  { userId: 'oncall-2', name: '值班二', role: 'family_doctor', scenes: ['policy_delivery'], onCall: true },
];

/** A model stand-in (Hunyuan is unreachable here): answers what the test scripts, or never, or fails. */
export class FakeLlm implements Llm {
  readonly name = 'fake-model';
  readonly asked: string[] = [];
  constructor(private readonly behaviour: { answer?: string; delayMs?: number; fail?: boolean; ignoreAbort?: boolean }) {}

  async chat(request: LlmRequest): Promise<LlmResponse> {
    this.asked.push(request.messages.at(-1)?.content ?? '');
    const { answer = '', delayMs = 0, fail = false, ignoreAbort = false } = this.behaviour;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, delayMs);
      if (!ignoreAbort) {
        request.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        });
      }
    });
    if (fail) throw new Error('model unavailable');
    return { text: answer };
  }
}

export interface Harness {
  deps: AppDeps;
  clock: ManualClock;
  sandbox: WecomSandbox;
  admin: SandboxClient;
  service: TriageService;
  /** Rebuilds the service with a model and/or options. */
  withService(o: { llm?: Llm; options?: Partial<TriageOptions> }): TriageService;
  addMember(externalUserId: string, team?: Partial<Record<FourRRole, string>>): Promise<string>;
  /** The customer writes to 微信客服; returns what WeCom's sync would deliver as the inbound message. */
  kfMessage(externalUserId: string, text: string): Promise<InboundMessage>;
  sent(api: string, touser?: string): SentRecord[];
  ticket(id: string): Promise<Ticket>;
  events(ticketId: string): Promise<TicketEvent[]>;
  close(): Promise<void>;
}

/** Real triage service on an in-memory store, talking to the in-process WeCom sandbox. */
export async function startHarness(startMs = MONDAY_10_SHANGHAI): Promise<Harness> {
  const clock = new ManualClock(startMs);
  const sandbox = await startWecomSandbox({ clock });
  const config = parseConfig({
    ...generateDevSecrets(),
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    ...sandboxEnv(sandbox.url),
    PUBLIC_BASE_URL: 'https://health.example.test',
  });
  const store = createEmbeddedStore({ inMemory: true });
  const deps = buildDeps({ config, store, clock, wecomRetry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } });
  await importRoster(store, ROSTER, { nowMs: startMs });
  const admin = new SandboxClient(sandbox.url);

  const h: Harness = {
    deps,
    clock,
    sandbox,
    admin,
    service: createTriageService(deps),
    withService(o) {
      h.service = createTriageService(deps, o);
      return h.service;
    },
    async addMember(externalUserId, team = TEAM) {
      const memberId = memberIdForExternalUser(config.WECOM_CORP_ID, externalUserId);
      const now = clock.nowMs();
      await store.collection<Member>(MEMBERS).insert({ _id: memberId, externalUserId, team: { ...team }, status: 'active', joinedAtMs: now, updatedAtMs: now });
      return memberId;
    },
    async kfMessage(externalUserId, text) {
      const { msgid } = await admin.kfCustomerMessage({ openKfId: OPEN_KF_ID, externalUserId, text });
      return { channel: 'kf', msgKey: `kf:${msgid}`, text, atMs: clock.nowMs(), openKfId: OPEN_KF_ID, externalUserId };
    },
    sent: (api, touser) => sandbox.state.sent.filter((s) => s.api === api && (!touser || s.touser.includes(touser))),
    ticket: async (id) => (await store.collection<Ticket>(TICKETS).get(id)) as Ticket,
    events: (ticketId) => store.collection<TicketEvent>(EVENTS).find({ ticketId }, { sort: { atMs: 1, seq: 1, _id: 1 } }),
    async close() {
      await sandbox.close();
      await store.close();
    },
  };
  return h;
}

/** Ingests a kf message the way a sync would: member resolved from the external_userid. */
export async function ingestKf(h: Harness, externalUserId: string, text: string) {
  const inbound = await h.kfMessage(externalUserId, text);
  const memberId = memberIdForExternalUser(h.deps.config.WECOM_CORP_ID, externalUserId);
  const member = await h.deps.members.get(memberId);
  return h.service.ingest(inbound, { memberId, member, memberKnown: member?.status === 'active' });
}

export const cardTitle = (s: SentRecord): string => (s.body as { textcard?: { title: string } }).textcard?.title ?? '';
export const textOf = (s: SentRecord | undefined): string => (s?.body as { text?: { content?: string } } | undefined)?.text?.content ?? '';
