import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Readable, Writable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setDeps } from '../../../shared/runtime/deps';
import { command as staff } from '../../../scripts/cli/commands/staff';
import { command as contactWay } from '../../../scripts/cli/commands/contact-way';
import { STAFF_ROSTER } from '../../../shared/services/team/roster';
import { CONTACT_WAYS } from '../../../shared/services/welcome/contact-ways';
import { startTestEnv, type TestEnv } from '../intake/support';

let env: TestEnv;
beforeEach(async () => {
  env = await startTestEnv();
  setDeps(env.deps);
  // No local stack lives in this folder: the commands act directly on the injected dependencies.
  vi.stubEnv('DATA_DIR', mkdtempSync(join(tmpdir(), 'cli-data-')));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  setDeps(undefined);
  await env.close();
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => new Writable({ write: (chunk, _enc, cb) => { into.push(String(chunk)); cb(); } });
  return { io: { stdin: Readable.from([]), stdout: sink(out), stderr: sink(err) }, out: () => out.join(''), err: () => err.join('') };
}

function file(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'staff-')), 'roster.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('cli staff', () => {
  it('imports a JSON-lines roster and lists it with loads', async () => {
    const path = file([
      JSON.stringify({ userId: 'doc_a', name: '甲医生', role: 'family_doctor', scenes: ['policy_delivery'], onCall: true }),
      '',
      JSON.stringify({ userId: 'butler_a', name: '甲管家', role: 'health_butler', scenes: ['policy_delivery', 'reactivation'] }),
    ]);
    const run = io();
    expect(await staff.run(['import', '--in', path], run.io)).toBe(0);
    expect(JSON.parse(run.out())).toEqual({ created: 2, updated: 0, deactivated: 0, reassigned: 0 });
    const listed = io();
    expect(await staff.run(['list'], listed.io)).toBe(0);
    expect(listed.out().trim().split('\n').map((l) => JSON.parse(l) as { userId: string; load: number })).toEqual([
      expect.objectContaining({ userId: 'doc_a', load: 0, onCall: true }),
      expect.objectContaining({ userId: 'butler_a', load: 0 }),
    ]);
  });

  it('imports nothing when any line is bad, naming the line and fields', async () => {
    const path = file([
      JSON.stringify({ userId: 'doc_a', name: '甲医生', role: 'family_doctor', scenes: ['policy_delivery'] }),
      JSON.stringify({ userId: 'doc_b', name: '乙医生', role: 'surgeon', scenes: ['policy_delivery'], shift: 'night' }),
      '{not json',
    ]);
    const run = io();
    expect(await staff.run(['import', '--in', path], run.io)).toBe(1);
    const errors = run.out().trim().split('\n').map((l) => JSON.parse(l) as { error: { message: string; fields: { field: string }[] } });
    expect(errors[0]?.error.message).toMatch(/^line 2: /);
    expect(errors[0]?.error.fields.map((f) => f.field).sort()).toEqual(['role', 'shift']);
    expect(errors[1]?.error.message).toMatch(/^line 3: .*not valid JSON/);
    expect(await env.deps.store.collection(STAFF_ROSTER).count({})).toBe(0);
  });
});

describe('cli contact-way', () => {
  it('creates a code through add_contact_way and records what its state means', async () => {
    const run = io();
    expect(await contactWay.run(['create', '--scene', 'reactivation', '--staff', 'ins_a,ins_b', '--campaign', 'autumn25', '--remark', '存量激活活动'], run.io)).toBe(0);
    const out = JSON.parse(run.out()) as { state: string; configId: string; qrCode: string };
    expect(out.state).toMatch(/^h1\.ra\.[0-9a-z]{4}\.autumn25$/);
    expect(env.sandbox.state.contactWays.get(out.configId)).toMatchObject({ type: 2, scene: 2, state: out.state, user: ['ins_a', 'ins_b'] });
    expect(await env.deps.store.collection(CONTACT_WAYS).get(out.state)).toMatchObject({ scene: 'reactivation', campaign: 'autumn25', status: 'created', configId: out.configId });

    const decoded = io();
    expect(await contactWay.run(['decode', out.state], decoded.io)).toBe(0);
    expect(JSON.parse(decoded.out())).toMatchObject({ scene: 'reactivation', campaign: 'autumn25' });
  });

  it('refuses a campaign that would push the state past 30 characters before calling WeCom', async () => {
    const run = io();
    await expect(contactWay.run(['create', '--scene', 'policy_delivery', '--staff', 'ins_a', '--campaign', 'x'.repeat(25)], run.io)).rejects.toThrow(/campaign/);
    expect(await env.admin.calls('externalcontact/add_contact_way')).toHaveLength(0);
    expect(await env.deps.store.collection(CONTACT_WAYS).count({})).toBe(0);
  });

  it('leaves no record behind when WeCom refuses the code, and answers unknown staff as the caller\'s mistake (422)', async () => {
    env.sandbox.state.members = new Set(['ins_a']);
    const unknown = io();
    await expect(contactWay.run(['create', '--scene', 'policy_delivery', '--staff', 'ghost'], unknown.io)).rejects.toMatchObject({ status: 422, code: 'unknown_staff', details: { fields: [{ field: 'staff' }] } });
    expect(await env.deps.store.collection(CONTACT_WAYS).count({})).toBe(0);

    // A definite refusal that is not about the input (WeCom answered, nothing was created there).
    await env.admin.injectFault({ path: '/cgi-bin/externalcontact/add_contact_way', kind: 'errcode', errcode: 48002 });
    await expect(contactWay.run(['create', '--scene', 'policy_delivery', '--staff', 'ins_a'], io().io)).rejects.toMatchObject({ errcode: 48002 });
    expect(await env.deps.store.collection(CONTACT_WAYS).count({})).toBe(0);
    const listed = io();
    expect(await contactWay.run(['list'], listed.io)).toBe(0);
    expect(listed.out()).toBe('');
  });

  it('registers the group welcome template and prints the env line', async () => {
    const run = io();
    expect(await contactWay.run(['group-template'], run.io)).toBe(0);
    const out = JSON.parse(run.out()) as { templateId: string; env: string };
    expect(out.env).toBe(`WECOM_GROUP_WELCOME_TEMPLATE_ID=${out.templateId}`);
    expect(env.sandbox.state.groupWelcomeTemplates.get(out.templateId)?.text).toContain('%NICKNAME%');
  });
});
