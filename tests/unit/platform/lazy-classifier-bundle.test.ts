import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFunctions } from '../../../scripts/build';
import { generateDevSecrets } from '../../../dev/dev-env';

/**
 * The triage classifier is built as a file of its own beside the triage bundle (scripts/build.ts,
 * LAZY_MODULES): a cold start answering /healthz does not load it; the first message does.
 */
describe('the triage bundle loads its classifier on first use', () => {
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'bundle-triage-'));
    await bundleFunctions(['triage'], out);
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('keeps the lexicons out of the function bundle and in the classifier file', () => {
    const bundle = readFileSync(join(out, 'triage/index.js'), 'utf8');
    const classifier = readFileSync(join(out, 'triage/triage-classifier.js'), 'utf8');
    // A red-flag phrase (shared/domain/triage/lexicon/red-flags/core-groups.ts, seizure).
    expect(bundle).not.toContain('口吐白沫');
    expect(classifier).toContain('口吐白沫');
    expect(bundle).toContain('require("./triage-classifier.js")');
  });

  it('answers /healthz without the classifier, and the classifier file classifies on its own', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bundle-triage-data-'));
    const event = { httpMethod: 'GET', path: '/api/triage/healthz', headers: { host: 'fn.local' }, queryString: {}, body: '' };
    const code = `
      const loaded = () => Object.keys(require.cache).some((k) => k.endsWith('triage-classifier.js'));
      require(${JSON.stringify(join(out, 'triage/index.js'))}).main_handler(${JSON.stringify(event)}, {}).then((r) => {
        const before = loaded();
        const { classify } = require(${JSON.stringify(join(out, 'triage/triage-classifier.js'))});
        const c = classify('我爸胸口压着痛了半小时，一身冷汗');
        console.log(JSON.stringify({ status: r.statusCode, before, disposition: c.disposition, redFlags: c.redFlags }));
      });`;
    try {
      const res = spawnSync(process.execPath, ['-e', code], {
        env: { ...process.env, ...generateDevSecrets(), NODE_PATH: join(process.cwd(), 'node_modules'), STORE: 'embedded', DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'error' },
        encoding: 'utf8',
      });
      expect(res.stderr).toBe('');
      expect(JSON.parse(res.stdout)).toEqual({ status: 200, before: false, disposition: 'emergency', redFlags: ['chest_pain'] });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('emits no classifier file for a function that does not classify', async () => {
    await bundleFunctions(['points'], out);
    expect(existsSync(join(out, 'points/index.js'))).toBe(true);
    expect(existsSync(join(out, 'points/triage-classifier.js'))).toBe(false);
  });
});
