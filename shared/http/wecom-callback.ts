import type { HttpApp } from './app';
import { mountDirect } from './direct-routes';
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
  /**
   * Whether `handle` does anything with this event. One it ignores (most customer-contact events:
   * edits, deletions, tags) is stored done in one inbox write instead of claimed, run and marked done.
   * Omitted: every event is run.
   */
  acts?: (event: ParsedEvent) => boolean;
  /**
   * Whether running `handle` twice for this event repeats no effect (see the inbox's
   * AcceptOptions.replaySafe): such an event is run first and stored once, done or failed, instead
   * of stored claimed, run and marked done. Omitted: none is.
   */
  replaySafe?: (event: ParsedEvent) => boolean;
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

/**
 * A WeCom callback URL. GET answers URL verification with the bare echostr (no store I/O: WeCom
 * gives it one second). POST verifies, keeps the event in the inbox, processes it with one effect
 * (at most once; a replay-safe kind runs again on a redelivery, changing nothing — inbox.ts),
 * and answers 200 with an empty body — also when processing failed, because a WeCom retry would
 * only redeliver the same event; failed entries are retried from the inbox instead. Both are
 * direct routes (direct-routes.ts): the event's raw body and query go straight to the verifier.
 */
export function mountWecomCallback(app: HttpApp, route: WecomCallbackRoute): void {
  mountDirect(app, {
    method: 'GET',
    path: route.path,
    handle(req) {
      const verified = verifyCallback({ method: 'GET', query: req.query, body: '' }, { crypto: route.crypto, maxSkewS: 0, nowMs: route.clock.nowMs() });
      return { statusCode: 200, headers: TEXT, body: verified.kind === 'url_verification' ? verified.echo : '' };
    },
  });

  mountDirect(app, {
    method: 'POST',
    path: route.path,
    async handle(req) {
      const verified = verifyCallback(
        { method: 'POST', query: req.query, body: req.body },
        { crypto: route.crypto, maxSkewS: route.maxSkewS, nowMs: route.clock.nowMs() },
      );
      if (verified.kind !== 'event') return { statusCode: 200, headers: TEXT, body: '' };
      const event = verified.event;
      const outcome = await route.inbox.accept(
        { dedupKey: `${route.source}:${verified.dedupKey}`, source: route.source, kind: event.kind, plaintext: verified.plaintext },
        route.acts?.(event) === false ? undefined : () => route.handle(event),
        { replaySafe: route.replaySafe?.(event) === true },
      );
      return { statusCode: 200, headers: { ...TEXT, 'x-callback-outcome': outcome }, body: '' };
    },
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
