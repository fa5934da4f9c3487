import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../dev/local-stack';
import { SandboxClient } from '../../dev/wecom-sandbox/inspect';
import { buildCallbackRequest, callbackUrl } from '../../dev/wecom-sandbox/callback-builder';
import { createLogger } from '../../shared/adapters/log/logger';
import { TAG_CATALOGUE } from '../../shared/domain/health/tag-catalogue';
import { memberIdForExternalUser } from '../../shared/services/members/member';
import { tokenFromFormUrl } from '../../shared/services/welcome/member-link';

/*
 * PIPL at rest and in logs: one member goes through the real flows (join → welcome link → health
 * form with free text → a reading → a question to the team → the doctor reading the profile) on a
 * file-backed stack with debug logging. Then every file the store wrote is read back, and every log
 * line: no free text, no condition the member entered, no medication, no phone number, no token.
 */

const PHONE = '13912345678';
const FREE_TEXT = {
  allergies: `对青霉素和头孢过敏，急事请打${PHONE}`,
  medications: '每天服用二甲双胍500毫克和阿托伐他汀钙片',
  readingNote: '凌晨起夜后测的，有点心慌手抖',
  question: `我吃了二甲双胍以后一直恶心反胃，晚上睡不好，需要停药吗？我的手机${PHONE}`,
};
const CONDITIONS = ['diabetes', 'hyperlipidemia'] as const;
/** How a condition could show up: its code and its Chinese label. */
const CONDITION_WORDS = CONDITIONS.flatMap((c) => [c, (TAG_CATALOGUE.health_status as Record<string, string>)[c] as string]);

const ROSTER = [
  { userId: 'pipl_doc', name: '孙医生', role: 'family_doctor', scenes: ['policy_delivery'] },
  { userId: 'pipl_butler', name: '周管家', role: 'health_butler', scenes: ['policy_delivery'] },
  { userId: 'pipl_rights', name: '吴顾问', role: 'rights_consultant', scenes: ['policy_delivery'] },
  { userId: 'pipl_ins', name: '郑顾问', role: 'insurance_consultant', scenes: ['policy_delivery'] },
];

let dataDir: string;
let stack: LocalStack;
const lines: string[] = [];
const tokensSeen: string[] = [];
let memberId = '';
let storeFiles = '';
/** Every stored document, one JSON object per collection line, for the field-level checks. */
const storedDocs: { collection: string; doc: Record<string, unknown> }[] = [];

const machine = () => ({ 'x-internal-key': stack.config.INTERNAL_API_KEY, 'content-type': 'application/json' });

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pipl-'));
  const log = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  stack = await startLocalStack({ dataDir, log, env: { LOG_LEVEL: 'debug' } });
  const sandbox = new SandboxClient(stack.sandbox.url);
  const cfg = stack.config;
  tokensSeen.push(cfg.INTERNAL_API_KEY);

  expect((await fetch(`${stack.url}/api/team/staff`, { method: 'PUT', headers: machine(), body: JSON.stringify({ staff: ROSTER }) })).status).toBe(200);
  const way = (await (await fetch(`${stack.url}/api/team/contact-ways`, { method: 'POST', headers: machine(), body: JSON.stringify({ scene: 'policy_delivery', staff: ['pipl_ins'] }) })).json()) as { state: string };

  // Join: the encrypted add_external_contact callback, as WeCom sends it.
  const minted = await sandbox.mintWelcomeCode({ userid: 'pipl_ins', state: way.state });
  const req = buildCallbackRequest({
    token: cfg.WECOM_CALLBACK_TOKEN,
    encodingAesKey: cfg.WECOM_CALLBACK_AES_KEY,
    corpId: cfg.WECOM_CORP_ID,
    event: { kind: 'change_external_contact', userId: 'pipl_ins', externalUserId: minted.externalUserId, state: way.state, welcomeCode: minted.welcomeCode } as never,
  });
  expect((await fetch(`${stack.url}${callbackUrl('/wecom/welcome', req.query)}`, { method: 'POST', body: req.body, headers: { 'content-type': 'text/xml' } })).status).toBe(200);
  memberId = memberIdForExternalUser(cfg.WECOM_CORP_ID, minted.externalUserId);
  const [welcome] = await sandbox.sent({ api: 'externalcontact/send_welcome_msg', touser: minted.externalUserId });
  const url = (welcome?.body as { attachments: { link: { url: string } }[] }).attachments[0]?.link.url ?? '';
  const token = tokenFromFormUrl(url) ?? '';
  expect(token.length).toBeGreaterThan(20);
  tokensSeen.push(token);
  const asMember = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  const form = {
    age: 52, sex: 'female', heightCm: 160, weightKg: 70, systolic: 138, diastolic: 88, fastingGlucose: 7.8, smoking: 'never', drinking: 'never',
    exerciseDaysPerWeek: 2, familyHistory: ['diabetes'], conditions: [...CONDITIONS], allergies: FREE_TEXT.allergies, medications: FREE_TEXT.medications,
    consent: { healthDataProcessing: true, textVersion: 'health-data-v1' },
  };
  expect((await fetch(`${stack.url}/api/intake/forms`, { method: 'POST', headers: asMember, body: JSON.stringify(form) })).status).toBe(201);
  const reading = { readingId: 'pipl-reading-0001', type: 'fasting_glucose', mmolL: 8.4, source: 'manual', measuredAtMs: Date.now() - 60_000, note: FREE_TEXT.readingNote };
  expect((await fetch(`${stack.url}/api/intake/readings`, { method: 'POST', headers: asMember, body: JSON.stringify(reading) })).status).toBe(201);

  // The question, from the mini-program (callFunction ask) after binding it with the link token.
  const openId = 'o_pipl_member_0001';
  const call = (fn: string, body: unknown) => fetch(`${stack.url}/_dev/call/${fn}`, { method: 'POST', headers: { 'x-dev-openid': openId }, body: JSON.stringify(body) });
  expect(((await (await call('intake', { action: 'bindOpenId', data: { token } })).json()) as { ok: boolean }).ok).toBe(true);
  const asked = (await (await call('triage', { action: 'ask', data: { text: FREE_TEXT.question } })).json()) as { ok: boolean; data: { ticketId: string } };
  expect(asked.ok).toBe(true);

  // Staff read it: the doctor's session token is another secret that must stay out of the logs.
  const doctorToken = stack.staffToken('pipl_doc', 'family_doctor');
  tokensSeen.push(doctorToken);
  const asDoctor = { authorization: `Bearer ${doctorToken}` };
  const profile = await fetch(`${stack.url}/api/intake/members/${memberId}/profile`, { headers: asDoctor });
  expect(((await profile.json()) as { current: { form: { medications: string } } }).current.form.medications).toBe(FREE_TEXT.medications);
  const ticket = await fetch(`${stack.url}/api/triage/tickets/${asked.data.ticketId}`, { headers: asDoctor });
  expect(JSON.stringify(await ticket.json())).toContain('恶心反胃');
  // A forged token and a wrong internal key are logged as failures at most, never echoed.
  await fetch(`${stack.url}/api/intake/members/${memberId}/profile`, { headers: { authorization: `Bearer ${doctorToken.slice(0, -3)}abc` } });

  await stack.close();
  for (const file of filesUnder(dataDir)) {
    const text = readFileSync(file, 'utf8');
    storeFiles += `\n${text}`;
    const collection = file.slice(dataDir.length + 1).replace(/\.db$/, '');
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const doc = JSON.parse(line) as Record<string, unknown>;
      if (!('$$indexCreated' in doc) && !('$$deleted' in doc)) storedDocs.push({ collection, doc });
    }
  }
}, 30_000);

afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('PIPL: nothing sensitive in clear at rest', () => {
  it('wrote the member’s data to files (the check below reads real data)', () => {
    expect(storedDocs.some((d) => d.collection === 'profile_versions' && d.doc.memberId === memberId)).toBe(true);
    expect(storedDocs.some((d) => d.collection === 'readings' && d.doc.memberId === memberId)).toBe(true);
    expect(storedDocs.some((d) => d.collection === 'triage_messages' && d.doc.memberId === memberId)).toBe(true);
  });

  it('holds no free text, medication or phone number in any file', () => {
    for (const text of [...Object.values(FREE_TEXT), PHONE, '二甲双胍', '青霉素', '恶心反胃']) expect({ text, found: storeFiles.includes(text) }).toEqual({ text, found: false });
  });

  it('names the member’s conditions nowhere but in the member’s smart tags (stored in clear by design, mirrored to WeCom)', () => {
    const hits: string[] = [];
    for (const { collection, doc } of storedDocs) {
      const { tags: _tags, ...rest } = doc;
      const checked = collection === 'members' ? rest : doc;
      // The corp tag dictionary names tags, not members.
      if (collection === 'wecom_corp_tags') continue;
      const json = JSON.stringify(checked);
      for (const word of CONDITION_WORDS) if (json.includes(word)) hits.push(`${collection}/${String(doc._id)}: ${word}`);
    }
    expect(hits).toEqual([]);
    const member = storedDocs.find((d) => d.collection === 'members' && d.doc._id === memberId)?.doc as { tags?: { code: string }[] };
    expect(member.tags?.map((t) => t.code)).toEqual(expect.arrayContaining(['diabetes']));
  });
});

describe('PIPL: nothing sensitive in the logs', () => {
  it('logged the run at debug level (the check below reads real lines)', () => {
    // The join and the tag mirroring log at info/debug with the member's opaque id.
    expect(lines.some((l) => l.includes('"level":"debug"') && l.includes(memberId))).toBe(true);
    expect(lines.some((l) => l.includes('member joined'))).toBe(true);
    for (const l of lines) expect(() => JSON.parse(l) as unknown).not.toThrow();
  });

  it('holds no phone number, no form or question text, no token or key', () => {
    const all = lines.join('\n');
    for (const text of [...Object.values(FREE_TEXT), '二甲双胍', '青霉素', '恶心反胃', '心慌']) expect({ text, found: all.includes(text) }).toEqual({ text, found: false });
    expect(all).not.toMatch(/1[3-9]\d{9}/);
    for (const secret of tokensSeen) expect({ secret: `${secret.slice(0, 8)}…`, found: all.includes(secret) }).toEqual({ secret: `${secret.slice(0, 8)}…`, found: false });
    // Not even the signature half of a token.
    for (const secret of tokensSeen.filter((t) => t.includes('.'))) expect(all).not.toContain(secret.split('.')[1] as string);
  });
});
