import { describe, expect, it } from 'vitest';
import { Readable, Writable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCommands, runCli } from '../../../scripts/cli';
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

  it('reads a file saved with a byte-order mark and CRLF line ends like any other', async () => {
    const t = io();
    expect(await runCli(['risk', '--in', file(`\uFEFF${JSON.stringify(baseForm())}\r\n\r\n${JSON.stringify(baseForm({ age: 50 }))}\r\n`)], t.io)).toBe(0);
    expect(t.out().trim().split('\n').map((l) => (JSON.parse(l) as { tier: string }).tier)).toEqual(['low', 'low']);
  });

  it('answers --help on every command (and help <command>) with its usage and exit 0', async () => {
    const commands = await loadCommands();
    expect([...commands.keys()].sort()).toEqual(['classify', 'cloudbase', 'contact-way', 'gap', 'risk', 'staff']);
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
