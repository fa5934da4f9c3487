import { describe, expect, it } from 'vitest';
import { Readable, Writable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../scripts/cli';

function io(stdin: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => new Writable({ write: (chunk, _enc, cb) => { into.push(String(chunk)); cb(); } });
  return { io: { stdin: Readable.from(stdin), stdout: sink(out), stderr: sink(err) }, out: () => out.join(''), err: () => err.join('') };
}

describe('cli classify --in FILE', () => {
  it('answers one JSON line per message, in order, and names the file line of a bad one', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'classify-')), 'messages.jsonl');
    writeFileSync(path, ['{"text":"我爸胸口疼得厉害 一直出冷汗"}', '', 'oops', '{"text":"保单什么时候续保"}', ''].join('\n'));
    const t = io();
    expect(await runCli(['classify', '--in', path], t.io)).toBe(1);
    expect(t.err()).toContain('1 of 3 line(s) failed (line 3)');
    const lines = t.out().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { disposition: 'emergency', intent: 'medical', role: 'family_doctor', emergency: true, redFlags: ['chest_pain'], confidence: expect.any(Number) },
      { error: { code: 'invalid_line', message: 'line 3: not valid JSON', fields: [{ field: '(root)', message: 'not valid JSON' }] } },
      { disposition: 'routine', intent: 'insurance', role: 'insurance_consultant', emergency: false, redFlags: [], confidence: expect.any(Number) },
    ]);
  });

  it('reads stdin with --in -, and refuses to run without --in', async () => {
    const t = io(['{"text":"积分怎么兑换"}\n']);
    expect(await runCli(['classify', '--in', '-'], t.io)).toBe(0);
    expect(JSON.parse(t.out())).toMatchObject({ intent: 'rights', role: 'rights_consultant' });
    const bad = io();
    expect(await runCli(['classify'], bad.io)).toBe(2);
    expect(bad.err()).toContain('--in FILE is required');
  });
});
