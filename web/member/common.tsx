import { useState } from 'preact/hooks';
import { ApiError } from '../shared/api';
import { api, memberSlot, type LinkProblem } from './link';

export function Loading({ what = '正在加载' }: { what?: string }) {
  return (
    <p class="card center muted" role="status">
      {what}…
    </p>
  );
}

export function ErrorCard({ error }: { error: unknown }) {
  const message = error instanceof ApiError ? (error.code === 'rate_limited' ? '操作太频繁了，请过一会儿再试。' : error.status === 0 ? error.message : `出了点问题（${error.code}），请稍后再试，或直接联系您的健康管家。`) : '出了点问题，请稍后再试。';
  return (
    <div class="card" role="alert">
      <p>{message}</p>
    </div>
  );
}

const EXPLAIN: Record<LinkProblem, { title: string; text: string }> = {
  missing: { title: '请从欢迎消息中的链接打开', text: '这个页面需要从企业微信里健康管家发给您的链接打开，才知道是您本人。请回到聊天，点开那条链接。' },
  expired: { title: '这个链接已过期', text: '为保护您的健康信息，每个链接只能用 21 天。您的信息没有丢失。点下面的按钮，健康管家会在企业微信里给您发一个新链接。' },
  invalid: { title: '这个链接打不开', text: '链接可能在复制或转发时不完整了。请回到企业微信聊天，点开健康管家发给您的原始链接；还是打不开，请直接回复健康管家。' },
};

/** An expired or invalid link: what happened, and (for an authentic, expired one) 「请健康管家发新链接」. */
export function LinkProblemPage({ problem }: { problem: LinkProblem }) {
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  const [failure, setFailure] = useState('');
  const ask = async () => {
    setState('sending');
    try {
      await api.post('/api/intake/link-requests', { token: memberSlot.get() });
      setState('sent');
    } catch (err) {
      setFailure(err instanceof ApiError && err.code === 'rate_limited' ? '今天已经请求过了，健康管家会尽快联系您。' : '没有发送成功，请稍后再试，或直接在企业微信里回复健康管家。');
      setState('failed');
    }
  };
  const e = EXPLAIN[problem];
  return (
    <main class="page">
      <div class="page-head">
        <h1>{e.title}</h1>
      </div>
      <div class="card">
        <p>{e.text}</p>
      </div>
      {problem === 'expired' && (
        <div class="actions">
          {state === 'sent' ? (
            <p class="card" role="status">
              已通知您的健康管家。他/她会在企业微信里给您发新链接，请留意消息。
            </p>
          ) : (
            <button type="button" class="btn" disabled={state === 'sending'} onClick={ask}>
              {state === 'sending' ? '正在通知…' : '请健康管家发新链接'}
            </button>
          )}
          {state === 'failed' && (
            <p class="err" role="alert">
              {failure}
            </p>
          )}
        </div>
      )}
    </main>
  );
}

export function Nav({ here }: { here: 'report' | 'reminders' | 'form' }) {
  const links = [
    { id: 'report', href: '/m/report', label: '我的健康报告' },
    { id: 'reminders', href: '/m/reminders', label: '我的提醒' },
    { id: 'form', href: '/m/form', label: '重新填写健康表' },
  ].filter((l) => l.id !== here);
  return (
    <nav class="nav no-print" aria-label="页面">
      {links.map((l) => (
        <a key={l.id} class="btn btn-plain" href={l.href}>
          {l.label}
        </a>
      ))}
    </nav>
  );
}
