import { describe, expect, it } from 'vitest';
import { createLogger, levelFromEnv, type LoggerOptions } from '../../../shared/adapters/log/logger';
import { REDACTED, redact, redactString } from '../../../shared/adapters/log/redact';
import { signToken } from '../../../shared/adapters/auth/tokens';
import { ValidationError } from '../../../shared/errors';

const T = Date.UTC(2026, 1, 3, 2, 4, 5, 123);

function capture(options: Omit<LoggerOptions, 'write' | 'nowMs'> = {}) {
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', ...options, write: (l) => lines.push(l), nowMs: () => T });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logger', () => {
  it('writes one JSON line with ts (Shanghai), level, msg, requestId, fn and fields', () => {
    const { log, lines, parsed } = capture();
    log.child({ requestId: 'req-9', fn: 'triage' }).info('ticket routed', { role: 'family_doctor', ms: 12 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(parsed()[0]).toEqual({ ts: '2026-02-03T10:04:05.123+08:00', level: 'info', msg: 'ticket routed', requestId: 'req-9', fn: 'triage', role: 'family_doctor', ms: 12 });
    expect(Object.keys(parsed()[0]!).slice(0, 5)).toEqual(['ts', 'level', 'msg', 'requestId', 'fn']);
  });

  it('children add bindings without losing the parent\'s', () => {
    const { log, parsed } = capture();
    const req = log.child({ requestId: 'r1', fn: 'welcome' });
    req.child({ memberId: 'm1' }).warn('retrying');
    req.info('done');
    expect(parsed()).toMatchObject([
      { requestId: 'r1', fn: 'welcome', memberId: 'm1', level: 'warn' },
      { requestId: 'r1', fn: 'welcome', level: 'info' },
    ]);
    expect(parsed()[1]).not.toHaveProperty('memberId');
  });

  it('drops lines below the level; silent drops all', () => {
    const warn = capture({ level: 'warn' });
    warn.log.debug('d');
    warn.log.info('i');
    warn.log.warn('w');
    warn.log.error('e');
    expect(warn.parsed().map((l) => l.level)).toEqual(['warn', 'error']);
    expect(warn.log.isLevelEnabled('info')).toBe(false);

    const silent = capture({ level: 'silent' });
    silent.log.error('e');
    expect(silent.lines).toEqual([]);
  });

  it('takes its level from LOG_LEVEL, defaulting to info', () => {
    expect(levelFromEnv({ LOG_LEVEL: 'error' })).toBe('error');
    expect(levelFromEnv({})).toBe('info');
    expect(levelFromEnv({ LOG_LEVEL: 'verbose' })).toBe('info');
  });

  it('fields cannot overwrite ts, level or msg', () => {
    const { log, parsed } = capture();
    log.info('real', { ts: 'fake', level: 'error', msg: 'spoofed' });
    expect(parsed()[0]).toMatchObject({ level: 'info', msg: 'real', ts: '2026-02-03T10:04:05.123+08:00' });
  });

  it('a line with a phone number, a token and free text comes out masked', () => {
    const { log, lines } = capture();
    const token = signToken('s'.repeat(32), { aud: 'member-link', sub: 'mbr_1' }, 900, T);
    log.child({ requestId: 'r', fn: 'intake' }).info('form from 13812341234 received', {
      url: `https://h5.example.com/form?t=${token}`,
      wecom: 'GET /cgi-bin/user/get?access_token=AbCdEf123456&userid=zhangsan',
      callback: '/wecom/callback?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659813&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp',
      headers: { Authorization: `Bearer ${token}`, 'x-request-id': 'r' },
      form: { answers: { allergies: '青霉素' } },
      member: { phone: '+86 13912345678', profile: { conditions: ['高血压'], medications: [{ name: '氨氯地平' }] } },
      text: '最近胸口疼，身份证 11010519491231002X',
      summary: 'called back 139-1234-5678 about id 110105194912310021',
      count: 2,
    });
    const line = lines[0]!;
    for (const secret of [
      '13812341234', '13912345678', '139-1234-5678', token, 'AbCdEf123456', '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
      'P9nAzCzyDtyTWESHep1vC5X9xho', '青霉素', '高血压', '氨氯地平', '胸口疼', '11010519491231002X', '110105194912310021',
    ]) {
      expect(line).not.toContain(secret);
    }
    const out = JSON.parse(line) as Record<string, unknown>;
    expect(out.msg).toBe('form from 138****1234 received');
    expect(out.form).toBe(REDACTED);
    expect(out.text).toBe(REDACTED);
    expect(out.member).toEqual({ phone: REDACTED, profile: { conditions: REDACTED, medications: REDACTED } });
    expect(out.headers).toEqual({ Authorization: REDACTED, 'x-request-id': 'r' });
    expect(out.wecom).toBe(`GET /cgi-bin/user/get?access_token=${REDACTED}&userid=zhangsan`);
    expect(out.summary).toBe('called back 139****5678 about id 110***********0021');
    expect(out.count).toBe(2);
  });

  it('serialises errors with type, code and a masked message', () => {
    const { log, parsed } = capture();
    log.error('intake failed', { err: new ValidationError('bad phone 13812341234', [{ field: 'phone', message: 'x' }]) });
    const err = parsed()[0]!.err as Record<string, unknown>;
    expect(err).toMatchObject({ type: 'ValidationError', code: 'validation_failed', status: 400, message: 'bad phone 138****1234' });
    expect(JSON.stringify(err)).not.toContain('13812341234');
  });

  it('survives cycles, bigints and buffers', () => {
    const { log, parsed } = capture();
    const loop: Record<string, unknown> = { id: 'a' };
    loop.self = loop;
    log.info('odd values', { loop, big: 10n, buf: Buffer.from('secret bytes'), when: new Date(T) });
    expect(parsed()[0]).toMatchObject({ loop: { id: 'a', self: '[circular]' }, big: '10', buf: '[binary 12 bytes]', when: new Date(T).toISOString() });
  });
});

describe('redact helpers', () => {
  it('masks mainland mobiles but leaves other numbers alone', () => {
    expect(redactString('13812341234')).toBe('138****1234');
    expect(redactString('tel:8613812341234;')).toBe('tel:86138****1234;');
    expect(redactString('order 12812341234 at 1738548245123')).toBe('order 12812341234 at 1738548245123');
  });

  it('masks long base64 payloads such as WeCom Encrypt blobs', () => {
    const blob = 'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==';
    expect(redactString(`<Encrypt><![CDATA[${blob}]]></Encrypt>`)).toBe('<Encrypt><![CDATA[[blob]]]></Encrypt>');
  });

  it('matches sensitive keys whatever their spelling, at any depth and inside arrays', () => {
    expect(redact({ a: [{ b: { Access_Token: 'x', refreshToken: 'y', appSecret: 'z', ok: 1 } }] })).toEqual({
      a: [{ b: { Access_Token: REDACTED, refreshToken: REDACTED, appSecret: REDACTED, ok: 1 } }],
    });
  });

  it('does not change its input', () => {
    const input = { phone: '13812341234', nested: { text: 'x' } };
    redact(input);
    expect(input).toEqual({ phone: '13812341234', nested: { text: 'x' } });
  });
});
