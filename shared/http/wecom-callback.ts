import type { HttpApp } from './app';
import { createCallbackCrypto, verifyCallback, parseEvent, parseXmlRecord, type CallbackCrypto, type ParsedEvent } from '../adapters/wecom/callback';
import type { Env } from '../config/env';
import type { CallbackInbox } from '../services/callback-inbox/inbox';
import type { Clock } from '../ports/clock';

export interface WecomCallbackRoute {
  path: string;
  /** Names the callback in the inbox ("welcome", "triage"). */
  source: string;
  crypto: CallbackCrypto;
  maxSkewS: number;
  clock: Clock;
  inbox: CallbackInbox;
  handle: (event: ParsedEvent) => Promise<void>;
}

/**
 * A WeCom callback URL. GET answers URL verification with the bare echostr (no store I/O: WeCom
 * gives it one second). POST verifies, keeps the event in the inbox, processes it at most once,
 * and answers 200 with an empty body — also when processing failed, because a WeCom retry would
 * only redeliver the same event; failed entries are retried from the inbox instead.
 */
export function mountWecomCallback(app: HttpApp, route: WecomCallbackRoute): void {
  app.get(route.path, (c) => {
    const verified = verifyCallback({ method: 'GET', query: c.req.query(), body: '' }, { crypto: route.crypto, maxSkewS: 0, nowMs: route.clock.nowMs() });
    return c.text(verified.kind === 'url_verification' ? verified.echo : '', 200, { 'content-type': 'text/plain; charset=utf-8' });
  });

  app.post(route.path, async (c) => {
    const verified = verifyCallback(
      { method: 'POST', query: c.req.query(), body: await c.req.text() },
      { crypto: route.crypto, maxSkewS: route.maxSkewS, nowMs: route.clock.nowMs() },
    );
    if (verified.kind !== 'event') return c.text('', 200);
    const outcome = await route.inbox.accept(
      { dedupKey: `${route.source}:${verified.dedupKey}`, source: route.source, kind: verified.event.kind, plaintext: verified.plaintext },
      () => route.handle(verified.event),
    );
    c.header('x-callback-outcome', outcome);
    return c.text('', 200);
  });
}

/** Re-parses a stored plaintext (inbox retries). */
export const eventFromPlaintext = (plaintext: string): ParsedEvent => parseEvent(parseXmlRecord(plaintext));

/** The callback's own Token/EncodingAESKey when configured (e.g. the customer-contact app), else the defaults. */
export function callbackCryptoFor(cfg: Env, callback: 'welcome' | 'triage'): CallbackCrypto {
  const own = callback === 'welcome'
    ? { token: cfg.WECOM_WELCOME_CALLBACK_TOKEN, key: cfg.WECOM_WELCOME_CALLBACK_AES_KEY }
    : { token: cfg.WECOM_TRIAGE_CALLBACK_TOKEN, key: cfg.WECOM_TRIAGE_CALLBACK_AES_KEY };
  return createCallbackCrypto({
    token: own.token ?? cfg.WECOM_CALLBACK_TOKEN,
    encodingAesKey: own.key ?? cfg.WECOM_CALLBACK_AES_KEY,
    receiveId: cfg.WECOM_CORP_ID,
  });
}
