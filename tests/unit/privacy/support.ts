import { generateDevSecrets } from '../../../dev/dev-env';
import { parseConfig } from '../../../shared/config';
import { buildDeps, type AppDeps } from '../../../shared/runtime/deps';
import { createEmbeddedStore } from '../../../shared/adapters/store/embedded';
import { createLogger } from '../../../shared/adapters/log/logger';
import { ManualClock } from '../../../shared/ports/clock';
import { isEncrypted } from '../../../shared/ports/field-cipher';
import type { WecomApi, MarkTagInput } from '../../../shared/ports/wecom-api';
import { MEMBERS, type Member } from '../../../shared/services/members/member';
import type { FourRRole } from '../../../shared/domain/team/roles';
import { servicesOf as intakeServicesOf } from '../../../functions/intake/wiring';
import { submitHealthForm } from '../../../shared/services/intake/submit-form';
import { submitReading } from '../../../shared/services/intake/readings';
import { recordExamReport } from '../../../shared/services/intake/reports';
import { nextLocalTime } from '../../../shared/domain/reminders/shanghai-time';
import { createTriageService } from '../../../shared/services/triage';
import { createGapAnalysisService } from '../../../shared/services/gap-analysis/gap-analysis-service';

/**
 * The next 10:00 Shanghai (today's if still ahead, else tomorrow's): the embedded store expires TTL
 * documents (rate-limit windows, audit entries) by the real clock, so the test clock must not lag behind
 * it; and a fixed time of day keeps what is due (plan tasks a reading completes, quiet hours) the same
 * whenever the suite runs.
 */
export const NOW = nextLocalTime(Date.now(), { hour: 10, minute: 0 });

/** A WeCom stand-in for what privacy touches: tags (mark_tag, corp tag list) and staff notices. */
export class FakeWecom {
  marks: MarkTagInput[] = [];
  failMarkTag = false;
  private nextId = 0;
  private readonly id = () => ++this.nextId;

  api(): WecomApi {
    const impl: Partial<WecomApi> = {
      markTag: async (input) => {
        if (this.failMarkTag) throw new Error('wecom unreachable');
        this.marks.push(input);
      },
      getTagList: async () => [],
      addCorpTag: async (input) =>
        ({ groupId: `g_${input.groupName ?? input.groupId ?? 'x'}`, groupName: input.groupName ?? 'group', tags: input.tags.map((t) => ({ id: `tag_${this.id()}`, name: t.name })) }) as never,
      sendAppMessage: async () => ({ msgid: `msg_${this.id()}`, invalidUsers: [], invalidParties: [], invalidTags: [] }),
      kfSendMsg: async () => ({ msgid: `kf_${this.id()}` }),
    };
    return new Proxy(impl as WecomApi, {
      get: (target, prop) => (prop in target ? target[prop as keyof WecomApi] : () => Promise.reject(new Error(`fake wecom: ${String(prop)} not faked`))),
    });
  }
}

export interface Harness {
  deps: AppDeps;
  clock: ManualClock;
  wecom: FakeWecom;
  lines: string[];
}

export function harness(): Harness {
  const config = parseConfig({ ...generateDevSecrets(), NODE_ENV: 'test', LOG_LEVEL: 'debug' });
  const clock = new ManualClock(NOW);
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', write: (l) => lines.push(l), nowMs: () => clock.nowMs() });
  const wecom = new FakeWecom();
  const base = buildDeps({ config, store: createEmbeddedStore({ inMemory: true }), clock, log });
  return { deps: { ...base, wecom: wecom.api() }, clock, wecom, lines };
}

export const TEAM: Record<FourRRole, string> = { family_doctor: 'doc_a', health_butler: 'butler_a', rights_consultant: 'rights_a', insurance_consultant: 'ins_a' };

export async function seedMember(deps: AppDeps, memberId: string, extra: Partial<Member> = {}): Promise<Member> {
  const now = deps.clock.nowMs();
  const member: Member = { _id: memberId, team: { ...TEAM }, status: 'active', intakeStatus: 'pending', joinedAtMs: now, updatedAtMs: now, ...extra };
  await deps.store.collection<Member>(MEMBERS).insert(member);
  return member;
}

/** Free text a member (or staff about them) wrote, unique per member so a leak is attributable. */
export function sensitiveOf(tag: string) {
  return {
    allergies: `青霉素过敏${tag}`,
    medications: `二甲双胍每日两次${tag}`,
    readingNote: `饭后头晕${tag}`,
    reportInstitution: `协和体检中心${tag}`,
    question: `我最近胸口有点闷，吃降压药后还是头晕，需要去医院吗${tag}`,
    adjustReason: `会员反映血糖仪故障补偿${tag}`,
  };
}

export const FORM = {
  age: 58,
  sex: 'male',
  heightCm: 170,
  weightKg: 82,
  systolic: 146,
  diastolic: 92,
  fastingGlucose: 6.4,
  smoking: 'current',
  drinking: 'occasional',
  exerciseDaysPerWeek: 1,
  familyHistory: ['diabetes'],
  conditions: ['hypertension', 'thyroid_nodule'],
  consent: { healthDataProcessing: true, textVersion: 'health-data-v1' },
};

export const GAP_INPUT = {
  age: 35,
  annualIncome: 300_000,
  debts: 1_000_000,
  liquidAssets: 200_000,
  dependants: { children: 1, parents: 0, spouse: true },
  socialInsurance: true,
  policies: [{ type: 'medical', sumAssured: 1_000_000, annualPremium: 300 }],
};

/**
 * Fills every capability's collections for one member through the capabilities' own writers, so
 * the privacy map is tested against the encryption each of them really uses.
 */
export async function seedMemberData(deps: AppDeps, memberId: string, tag: string): Promise<ReturnType<typeof sensitiveOf>> {
  const s = sensitiveOf(tag);
  const intake = intakeServicesOf(deps).intake;
  const self = { kind: 'member' as const, id: memberId };
  const now = deps.clock.nowMs();
  await submitHealthForm(intake, memberId, { ...FORM, allergies: s.allergies, medications: s.medications }, self);
  await submitReading(intake, memberId, { readingId: `reading-${tag}-1`, type: 'blood_pressure', systolic: 150, diastolic: 95, source: 'manual', measuredAtMs: now - 60_000, note: s.readingNote }, self);
  await recordExamReport(intake, memberId, { reportId: `report-${tag}-1`, fileRef: 'cloud://reports/exam-2026.pdf', institution: s.reportInstitution, examDate: '2026-01-05' }, self);
  const member = (await deps.members.get(memberId)) as Member;
  await createTriageService(deps).ask(member, { text: s.question, clientMsgId: `ask-${tag}` });
  await createGapAnalysisService(deps).analyze({ kind: 'machine', id: 'test' }, { ...GAP_INPUT, memberId } as never);
  const points = intakeServicesOf(deps).points;
  await points.adjust({ memberId, amount: 20, reason: s.adjustReason, idempotencyKey: `adjust-${tag}`, actor: { kind: 'staff', id: TEAM.rights_consultant, role: 'rights_consultant' } });
  await points.redeem({ memberId, rightId: 'free_checkup', idempotencyKey: `redeem-${tag}`, actor: { kind: 'member', id: memberId } });
  return s;
}

/**
 * Every document of the collections as JSON text, with every encrypted field opened (trying the
 * owners' AAD conventions: member id, document id): what someone holding both store and key reads.
 */
export async function plainDump(deps: AppDeps, collections: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const name of collections) {
    for (const doc of await deps.store.collection(name).find({})) {
      const open: Record<string, unknown> = { ...doc };
      for (const [key, value] of Object.entries(doc)) {
        if (!isEncrypted(value)) continue;
        const aads = [doc.memberId, doc._id].filter((a): a is string => typeof a === 'string');
        open[key] = '[unopened]';
        for (const aad of aads) {
          try {
            open[key] = deps.cipher.decryptFields({ [key]: value }, [key], aad)[key];
            break;
          } catch {
            // another convention
          }
        }
      }
      parts.push(JSON.stringify({ collection: name, ...open }));
    }
  }
  return parts.join('\n');
}
