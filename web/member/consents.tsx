import { useEffect, useState } from 'preact/hooks';
import { OPTIONAL_CONSENT_PURPOSES, currentConsentText, type OptionalConsentPurpose } from '../../shared/domain/consent/optional-consents';
import { ApiError } from '../shared/api';
import { formatDateTime } from '../shared/time';
import { ErrorCard, LinkProblemPage, Loading, Nav } from './common';
import { api, linkProblemOf, type LinkProblem } from './link';

interface ConsentView {
  purpose: OptionalConsentPurpose;
  titleZh: string;
  textZh: string;
  textVersion: string;
  state: { granted: boolean; textVersion: string | null; atMs: number | null };
}

/**
 * 「我的授权」: each optional purpose (shared/domain/consent/optional-consents.ts) with its full text
 * and a switch. Deciding needs the member's own login (the mini-program session): the welcome link
 * can be forwarded, so opened from it the page shows the texts and says where to switch them.
 */
export function ConsentsPage() {
  // The caller's own consents: the server reads the member from the session.
  const path = '/api/intake/consents';
  const [items, setItems] = useState<ConsentView[] | null>(null);
  const [linkOnly, setLinkOnly] = useState(false);
  const [problem, setProblem] = useState<LinkProblem | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  // Each switch the member just moved, shown in its new position while its save is under way: the
  // checkbox is controlled, so without it the re-render that disables it would snap it back.
  const [pending, setPending] = useState<Partial<Record<OptionalConsentPurpose, boolean>>>({});
  const [saveError, setSaveError] = useState('');

  useEffect(() => {
    api
      .get<{ consents: ConsentView[] }>(path)
      .then((r) => setItems(r.consents))
      .catch((err: unknown) => {
        const p = linkProblemOf(err);
        if (p) setProblem(p);
        else if (err instanceof ApiError && err.code === 'link_token_limited') setLinkOnly(true);
        else setFailure(err);
      });
  }, []);

  const toggle = async (item: ConsentView, granted: boolean) => {
    setPending((p) => ({ ...p, [item.purpose]: granted }));
    setSaveError('');
    try {
      const next = await api.put<ConsentView>(`${path}/${item.purpose}`, { granted, ...(granted && { textVersion: item.textVersion }) });
      setItems((list) => list?.map((x) => (x.purpose === next.purpose ? next : x)) ?? null);
    } catch {
      setSaveError('没有保存成功，请稍后再试。');
    } finally {
      setPending((p) => {
        const { [item.purpose]: _done, ...rest } = p;
        return rest;
      });
    }
  };

  if (problem) return <LinkProblemPage problem={problem} />;
  if (failure) return <main class="page"><ErrorCard error={failure} /></main>;
  if (!items && !linkOnly) return <Loading />;
  const shown: ConsentView[] =
    items ??
    OPTIONAL_CONSENT_PURPOSES.map((purpose) => {
      const t = currentConsentText(purpose);
      return { purpose, titleZh: t.titleZh, textZh: t.textZh, textVersion: t.version, state: { granted: false, textVersion: null, atMs: null } };
    });
  return (
    <main class="page">
      <div class="page-head">
        <h1>我的授权</h1>
        <p>下面每一项都由您单独决定，不授权也不影响健康管理服务；授权后也可以随时关闭。</p>
      </div>
      {linkOnly && (
        <p class="card" role="status">
          为保护您的授权，开关需要您本人登录：请在小程序「我的 → 我的授权」中打开本页操作。欢迎消息里的链接可能被转发，不能用来授权。
        </p>
      )}
      {shown.map((c) => {
        const moved = pending[c.purpose];
        const saving = moved !== undefined;
        const granted = moved ?? c.state.granted;
        return (
        <section class="card consent" key={c.purpose} aria-labelledby={`c-${c.purpose}`}>
          <h2 id={`c-${c.purpose}`}>{c.titleZh}</h2>
          <p>{c.textZh}</p>
          {!linkOnly && (
            <label class="switch-row">
              <input
                type="checkbox"
                role="switch"
                aria-label={c.titleZh}
                checked={granted}
                disabled={saving}
                onChange={(e) => void toggle(c, (e.target as HTMLInputElement).checked)}
              />
              <span>{saving ? '保存中…' : granted ? '已授权' : '未授权'}</span>
              {!saving && c.state.atMs !== null && <span class="muted">（{formatDateTime(c.state.atMs)} {granted ? '授权' : '关闭'}）</span>}
            </label>
          )}
        </section>
        );
      })}
      {saveError && (
        <p class="err" role="alert">
          {saveError}
        </p>
      )}
      <Nav here="form" />
    </main>
  );
}
