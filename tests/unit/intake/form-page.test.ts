import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FORM_PAGE_HTML } from '../../../functions/intake/form-page';
import { intakeRoutes } from '../../../functions/intake/routes';
import { startTestEnv } from './support';

/*
 * The form page reads the member's link token from the URL fragment. It must not leave it in the
 * address bar (history, bookmarks, a screenshot or a copied URL would carry it on), and it must still
 * send it with the submission. The page's own script runs here against a minimal browser stand-in.
 */

const script = /<script>([\s\S]*)<\/script>/.exec(FORM_PAGE_HTML)?.[1] ?? '';

function openPage(href: string, answer: { ok: boolean; json: unknown } = { ok: true, json: {} }) {
  const url = new URL(href);
  const location = { hash: url.hash, pathname: url.pathname, search: url.search };
  const replaced: string[] = [];
  const fetched: { url: string; init: { headers: Record<string, string>; body: string } }[] = [];
  const out = { textContent: '' };
  let onSubmit: ((e: unknown) => void) | undefined;
  const formEl = { addEventListener: (type: string, fn: (e: unknown) => void) => type === 'submit' && (onSubmit = fn) };
  const fields: Record<string, string[]> = { age: ['60'], sex: ['male'], heightCm: ['170'], weightKg: ['70'], smoking: ['never'], drinking: ['never'], exerciseDaysPerWeek: ['3'], consent: ['on'] };
  class FormData {
    get(k: string) {
      return fields[k]?.[0] ?? null;
    }
    getAll(k: string) {
      return fields[k] ?? [];
    }
  }
  const history = {
    replaceState(_state: unknown, _title: string, next: string) {
      replaced.push(next);
      const u = new URL(next, url);
      Object.assign(location, { hash: u.hash, pathname: u.pathname, search: u.search });
    },
  };
  const window = { history };
  runInNewContext(script, {
    location,
    history,
    window,
    document: { getElementById: (id: string) => (id === 'f' ? formEl : id === 'out' ? out : null) },
    URLSearchParams,
    FormData,
    Date,
    JSON,
    parseInt,
    parseFloat,
    fetch: (u: string, init: { headers: Record<string, string>; body: string }) => {
      fetched.push({ url: u, init });
      return Promise.resolve({ ok: answer.ok, json: () => Promise.resolve(answer.json) });
    },
  });
  return { location, replaced, fetched, out, submit: () => onSubmit?.({ preventDefault() {}, target: formEl }) };
}

describe('the health form page', () => {
  it('takes the token out of the address bar at once, and still sends it with the form', () => {
    const page = openPage('https://health.example.test/api/intake/form#t=eyJhdWQiOiJtZW1iZXItbGluayJ9.c2ln');
    expect(page.replaced).toEqual(['/api/intake/form']);
    expect(page.location.hash).toBe('');

    page.submit();
    expect(page.fetched).toHaveLength(1);
    expect(page.fetched[0]?.url).toBe('forms');
    expect(page.fetched[0]?.init.headers.authorization).toBe('Bearer eyJhdWQiOiJtZW1iZXItbGluayJ9.c2ln');
    expect(JSON.parse(page.fetched[0]?.init.body ?? '{}')).toMatchObject({ age: 60, consent: { healthDataProcessing: true, textVersion: 'health-data-v1' } });
  });

  it('tells a member who withdrew consent to consent again in the mini-program, and a too-busy submitter to wait', async () => {
    const said = async (json: unknown) => {
      const page = openPage('https://health.example.test/api/intake/form#t=abc.def', { ok: false, json });
      page.submit();
      await new Promise((resolve) => setTimeout(resolve, 0));
      return page.out.textContent;
    };
    expect(await said({ error: { code: 'consent_withdrawn', message: '…' } })).toContain('小程序');
    expect(await said({ error: { code: 'rate_limited', message: '…' } })).toContain('稍后再试');
    expect(await said({ error: { code: 'validation_failed', fields: [{ field: 'age' }] } })).toBe('请检查：age');
  });

  it('keeps a query string and says where to open the form when there is no token', () => {
    const page = openPage('https://health.example.test/api/intake/form?src=card');
    expect(page.replaced).toEqual([]);
    expect(page.out.textContent).toContain('欢迎消息');
    const tokenAndQuery = openPage('https://health.example.test/api/intake/form?src=card#t=abc.def');
    expect(tokenAndQuery.replaced).toEqual(['/api/intake/form?src=card']);
  });

  it('is served with a CSP that lets its inline script run and talk to its own origin only', async () => {
    const env = await startTestEnv();
    try {
      const res = await intakeRoutes(env.deps).fetch(new Request('http://intake.test/api/intake/form'));
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'unsafe-inline'");
      expect(csp).toContain("connect-src 'self'");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(await res.text()).toContain('history.replaceState');
    } finally {
      await env.close();
    }
  });
});
