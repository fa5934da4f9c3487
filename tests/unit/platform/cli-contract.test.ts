import { afterEach, describe, expect, it, vi } from 'vitest';
import { Readable, Writable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCommands, runCli } from '../../../scripts/cli';
import { CLOUDBASE_INDEXES } from '../../../shared/adapters/store/cloudbase-indexes';
import { generateDevSecrets } from '../../../dev/dev-env';
import { baseForm } from '../health/form-fixture';
import { familyInput } from '../gap-service/setup';

/** What a shell script sees of the CLI: stdout lines, stderr and the exit status. */
function io() {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => new Writable({ write: (chunk, _enc, cb) => { into.push(String(chunk)); cb(); } });
  return { io: { stdin: Readable.from([]), stdout: sink(out), stderr: sink(err) }, out: () => out.join(''), err: () => err.join('') };
}

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cli-')), 'in.jsonl');
  writeFileSync(path, content);
  return path;
}

const gapInput = { ...familyInput(), riskTier: 'medium' };

const errorsOf = (out: string) =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { error?: { message: string } })
    .filter((l) => l.error)
    .map((l) => l.error?.message.split(':')[0]);

describe('CLI a script can trust', () => {
  it('risk: names the line as the file numbers it (blank lines counted) and exits 1 with a summary on stderr', async () => {
    // Line 1 ok, 2 blank, 3 bad JSON, 4 blank, 5 invalid form, 6 ok.
    const path = file([JSON.stringify(baseForm()), '', '{oops', '', JSON.stringify({ ...baseForm(), age: 'old' }), JSON.stringify(baseForm({ age: 50 })), ''].join('\n'));
    const t = io();
    expect(await runCli(['risk', '--in', path], t.io)).toBe(1);
    expect(errorsOf(t.out())).toEqual(['line 3', 'line 5']);
    expect(t.out().trim().split('\n')).toHaveLength(4);
    expect(t.err()).toMatch(/2 of 4 line\(s\) failed \(line 3, 5\)/);
  });

  it('gap: the same numbering and status; every line fine → exit 0 and nothing on stderr', async () => {
    const bad = io();
    expect(await runCli(['gap', '--in', file(['', '', JSON.stringify({ ...gapInput, riskTier: undefined })].join('\n'))], bad.io)).toBe(1);
    expect(errorsOf(bad.out())).toEqual(['line 3']);
    const good = io();
    expect(await runCli(['gap', '--in', file(`${JSON.stringify(gapInput)}\n\n${JSON.stringify(gapInput)}\n`)], good.io)).toBe(0);
    expect(good.out().trim().split('\n')).toHaveLength(2);
    expect(good.err()).toBe('');
  });

  it('classify: exits 1 when every line is invalid, each error naming its file line', async () => {
    const t = io();
    expect(await runCli(['classify', '--in', file('\n{"text":""}\n\nnot json\n')], t.io)).toBe(1);
    expect(errorsOf(t.out())).toEqual(['line 2', 'line 4']);
    expect(t.err()).toContain('2 of 2 line(s) failed');
  });

  it('content import: names each bad line as the file numbers it (and an id listed twice), imports nothing, exits 1', async () => {
    const item = { id: 'tip-1', title: '冬季保暖', body: '注意保暖。', season: 'winter', source: '国家卫生健康委', reviewer: '待审核', validFrom: '2026-01-01' };
    const path = file([JSON.stringify(item), '', '{oops', JSON.stringify({ ...item, id: 'tip-2', season: 'monsoon' }), JSON.stringify(item), JSON.stringify({ ...item, id: 'tip-3', validTo: '2025-01-01' })].join('\n'));
    const t = io();
    expect(await runCli(['content', 'import', '--in', path], t.io)).toBe(1);
    expect(errorsOf(t.out())).toEqual(['line 3', 'line 4', 'line 5', 'line 6']);
    expect(t.out()).toContain('line 4: season:');
    expect(t.out()).toContain('line 6: validTo: is before validFrom');
    expect(t.out()).toContain('tip-1 is already on line 1');
    expect(t.err()).toContain('nothing imported');
  });

  it('reads a file saved with a byte-order mark and CRLF line ends like any other', async () => {
    const t = io();
    expect(await runCli(['risk', '--in', file(`\uFEFF${JSON.stringify(baseForm())}\r\n\r\n${JSON.stringify(baseForm({ age: 50 }))}\r\n`)], t.io)).toBe(0);
    expect(t.out().trim().split('\n').map((l) => (JSON.parse(l) as { tier: string }).tier)).toEqual(['low', 'low']);
  });

  it('answers --help on every command (and help <command>) with its usage and exit 0', async () => {
    const commands = await loadCommands();
    expect([...commands.keys()].sort()).toEqual(['classify', 'cloudbase', 'contact-way', 'content', 'gap', 'outcomes', 'risk', 'staff']);
    for (const [name, command] of commands) {
      for (const argv of [[name, '--help'], [name, 'create', '--help'], ['help', name]]) {
        const t = io();
        expect(await runCli(argv, t.io), argv.join(' ')).toBe(0);
        expect(t.out(), argv.join(' ')).toContain(command.usage);
        expect(t.err()).toBe('');
      }
    }
  });
});

describe('cli cloudbase indexes (deploy-time check of the console indexes)', () => {
  /** The functions' environment on CloudBase, with an operator key allowed to read the indexes. */
  const cloudbaseEnv = (): Record<string, string | undefined> => ({
    ...generateDevSecrets(),
    NODE_ENV: 'production',
    PUBLIC_BASE_URL: 'https://health.example.com',
    STORE: 'cloudbase',
    CLOUDBASE_ENV_ID: 'env-1',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'AKIDops',
    TENCENTCLOUD_SECRETKEY: 'ops-key',
    TENCENTCLOUD_SESSIONTOKEN: 'ops-token',
  });
  const useEnv = (env: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  };

  /** A stand-in for the cloud API: DescribeEnvs names the database instance, DescribeTable answers `indexesOf`. */
  const cloudApi = (indexesOf: (collection: string) => { Keys: { Name: string }[]; Unique: boolean }[] | { Error: { Code: string } }) => {
    const calls: { action: string; region: string; token: string; body: Record<string, string> }[] = [];
    vi.stubGlobal('fetch', async (_url: string | URL | Request, init?: RequestInit) => {
      const h = init?.headers as Record<string, string>;
      const body = JSON.parse(String(init?.body)) as Record<string, string>;
      calls.push({ action: h['X-TC-Action'] ?? '', region: h['X-TC-Region'] ?? '', token: h['X-TC-Token'] ?? '', body });
      if (h['X-TC-Action'] === 'DescribeEnvs') return new Response(JSON.stringify({ Response: { EnvList: [{ Databases: [{ InstanceId: 'tnt-db1' }] }], RequestId: 'r' } }));
      const answer = indexesOf(body.TableName ?? '');
      return new Response(JSON.stringify({ Response: Array.isArray(answer) ? { Indexes: answer, RequestId: 'r' } : { ...answer, RequestId: 'r' } }));
    });
    return calls;
  };
  const allOf = (collection: string) =>
    CLOUDBASE_INDEXES.filter((i) => i.collection === collection).map((i) => ({ Keys: i.fields.map((Name) => ({ Name })), Unique: i.unique === true }));
  const linesOf = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
  });

  it('every index there: one line per index, all exists:true, exit 0, nothing on stderr; signed for the configured region and token', async () => {
    useEnv(cloudbaseEnv());
    const calls = cloudApi(allOf);
    const t = io();
    expect(await runCli(['cloudbase', 'indexes'], t.io)).toBe(0);
    const lines = linesOf(t.out());
    expect(lines).toHaveLength(CLOUDBASE_INDEXES.length);
    expect(lines[0]).toEqual({ collection: 'reminders', fields: ['status', 'priority', 'dueAtMs'], unique: false, why: 'due scan', exists: true });
    expect(lines.every((l) => l.exists === true)).toBe(true);
    expect(t.err()).toBe('');
    const collections = [...new Set(CLOUDBASE_INDEXES.map((i) => i.collection))];
    expect(calls.map((c) => c.action)).toEqual(['DescribeEnvs', ...collections.map(() => 'DescribeTable')]);
    expect(calls[0]?.body).toEqual({ EnvId: 'env-1' });
    expect(calls.every((c) => c.region === 'ap-shanghai' && c.token === 'ops-token')).toBe(true);
  });

  it('a missing index (or one not unique that must be) and an unreadable collection: named on stdout and stderr, exit 1', async () => {
    useEnv(cloudbaseEnv());
    cloudApi((collection) => {
      if (collection === 'members') return { Error: { Code: 'ResourceNotFound' } };
      if (collection === 'reminders') return allOf(collection).filter((i) => i.Keys.map((k) => k.Name).join() !== 'status,leaseUntilMs');
      if (collection === 'points_stock_entries') return allOf(collection).map((i) => ({ ...i, Unique: false }));
      return allOf(collection);
    });
    const t = io();
    expect(await runCli(['cloudbase', 'indexes'], t.io)).toBe(1);
    const notThere = linesOf(t.out()).filter((l) => l.exists !== true);
    expect(notThere).toEqual([
      { collection: 'reminders', fields: ['status', 'leaseUntilMs'], unique: false, why: 'lease reclaim', exists: false },
      { collection: 'members', fields: ['externalUserId'], unique: false, why: '微信客服 and forward lookups', exists: null, error: { code: 'unreadable', message: 'DescribeTable: ResourceNotFound' } },
      { collection: 'points_stock_entries', fields: ['streamKey'], unique: true, why: 'idempotency per stream', exists: false },
    ]);
    expect(t.err()).toContain(`error: 2 of ${CLOUDBASE_INDEXES.length} index(es) missing: reminders (status, leaseUntilMs); points_stock_entries (streamKey (unique))`);
    expect(t.err()).toContain('could not be read (members: DescribeTable: ResourceNotFound)');
  });

  it('refuses an incomplete environment, naming each missing variable, before any call (exit 2)', async () => {
    useEnv({ ...cloudbaseEnv(), WECOM_CORP_ID: undefined, CLOUDBASE_ENV_ID: undefined, TENCENTCLOUD_SECRETKEY: '' });
    const calls = cloudApi(allOf);
    const t = io();
    expect(await runCli(['cloudbase', 'indexes'], t.io)).toBe(2);
    expect(t.out()).toBe('');
    for (const name of ['WECOM_CORP_ID', 'CLOUDBASE_ENV_ID', 'TENCENTCLOUD_SECRETKEY']) expect(t.err()).toMatch(new RegExp(`^  ${name}: `, 'm'));
    expect(t.err()).not.toMatch(/^  TENCENTCLOUD_SECRETID:/m);
    expect(calls).toEqual([]);

    useEnv({ ...cloudbaseEnv(), NODE_ENV: 'development', STORE: 'mongodb', MONGODB_URI: 'mongodb://db/h', TENCENTCLOUD_SECRETID: undefined });
    const other = io();
    expect(await runCli(['cloudbase', 'indexes'], other.io)).toBe(2);
    expect(other.err()).toMatch(/^ {2}STORE: must be cloudbase/m);
    expect(other.err()).toMatch(/^ {2}TENCENTCLOUD_SECRETID: required to read the indexes/m);
    expect(calls).toEqual([]);
  });

  it('an unknown subcommand or argument is a usage mistake (exit 2)', async () => {
    for (const argv of [['cloudbase'], ['cloudbase', 'index'], ['cloudbase', 'indexes', '--all']]) {
      const t = io();
      expect(await runCli(argv, t.io), argv.join(' ')).toBe(2);
      expect(t.err()).toContain('usage: npm run -s cli -- cloudbase indexes');
    }
  });
});
