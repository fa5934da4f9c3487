import { describe, expect, it } from 'vitest';
import { classifyLines, MAX_TEXT_CHARS } from '../../../shared/domain/triage';

const parse = (lines: string[]): unknown[] => lines.map((l) => JSON.parse(l) as unknown);

describe('classifyLines', () => {
  it('turns each {"text"} line into one classification line, in order', () => {
    const out = parse(
      classifyLines([
        JSON.stringify({ text: '我的保单什么时候到期' }),
        JSON.stringify({ text: '我爸晕倒了叫不醒' }),
      ]),
    );
    expect(out).toEqual([
      { disposition: 'routine', intent: 'insurance', role: 'insurance_consultant', emergency: false, redFlags: [], confidence: expect.any(Number) },
      { disposition: 'emergency', intent: 'medical', role: 'family_doctor', emergency: true, redFlags: ['unconscious'], confidence: expect.any(Number) },
    ]);
    expect(Object.keys(out[0] as object)).toEqual(['disposition', 'intent', 'role', 'emergency', 'redFlags', 'confidence']);
  });

  it('answers urgent messages with the kinds whose danger signs mean 120', () => {
    const [line] = parse(classifyLines([JSON.stringify({ text: '血压170/105' })]));
    expect(line).toMatchObject({ disposition: 'urgent', role: 'family_doctor', emergency: false, watchFor: ['blood_pressure'] });
  });

  it('survives 100 KB lines, binary, emoji-only and control characters, and keeps going', () => {
    const binary = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i));
    const out = parse(
      classifyLines([
        JSON.stringify({ text: '救'.repeat(100_000) }),
        binary,
        JSON.stringify({ text: binary }),
        JSON.stringify({ text: '😭😭😭' }),
        JSON.stringify({ text: '\u0000\u0007胸口疼得厉害' }),
        JSON.stringify({ text: '我爸晕倒了叫不醒' }),
      ]),
    ) as Array<{ error?: { code: string; message: string; fields?: unknown[] }; emergency?: boolean }>;
    expect(out).toHaveLength(6);
    expect(out[0]?.error?.fields).toEqual([{ field: 'text', message: expect.stringContaining(String(MAX_TEXT_CHARS)) }]);
    expect(out[1]?.error?.message).toContain('line 2');
    expect(out[2]).toHaveProperty('disposition');
    expect(out[3]).toMatchObject({ emergency: false });
    expect(out[4]).toMatchObject({ emergency: true });
    expect(out[5]).toMatchObject({ emergency: true });
  });

  it('reports bad lines as invalid_line with their line number and carries on', () => {
    const out = parse(
      classifyLines([
        '{not json',
        JSON.stringify({ txt: 'x' }),
        JSON.stringify({ text: 42 }),
        JSON.stringify({ text: '   ' }),
        JSON.stringify({ text: 'x'.repeat(MAX_TEXT_CHARS + 1) }),
        '[]',
        JSON.stringify({ text: '积分怎么兑换' }),
      ]),
    ) as Array<{ error?: { code: string; message: string }; intent?: string }>;
    expect(out).toHaveLength(7);
    out.slice(0, 6).forEach((o, i) => {
      expect(o.error?.code).toBe('invalid_line');
      expect(o.error?.message).toContain(`line ${i + 1}`);
    });
    expect(out[0]?.error?.message).toContain('not valid JSON');
    expect(out[3]?.error?.message).toContain('empty');
    expect(out[4]?.error?.message).toContain(String(MAX_TEXT_CHARS));
    expect(out[6]).toMatchObject({ intent: 'rights', role: 'rights_consultant' });
  });

  it('never echoes the offending line (it may hold health data)', () => {
    const [line] = classifyLines(['{"text": 血压190/120 张三 13800000000']);
    expect(line).not.toContain('13800000000');
    expect(line).not.toContain('血压');
  });

  it('skips blank lines but keeps numbering by input line', () => {
    const out = parse(classifyLines(['', JSON.stringify({ text: '你好' }), '  ', 'oops', ''])) as Array<{
      error?: { message: string };
    }>;
    expect(out).toHaveLength(2);
    expect(out[1]?.error?.message).toContain('line 4');
  });
});
