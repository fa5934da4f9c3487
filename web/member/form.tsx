import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { healthFormIssues, HealthFormSubmissionSchema } from '../../shared/domain/health/form';
import { fieldMessageZh, formFieldSpecs, rangeTextZh, type FormFieldSpec, type NumberFieldSpec } from '../../shared/domain/health/form-fields';
import { CONSENT_TEXT_VERSION, CONSENT_TEXTS_ZH } from '../../shared/services/intake/consent';
import { ApiError, idempotencyKey } from '../shared/api';
import { ErrorCard, LinkProblemPage, Loading } from './common';
import { api, go, linkProblemOf, type LinkProblem } from './link';

/**
 * The health form (issue #18): one question per group, units and allowed ranges shown, required
 * choices start unselected, 「以上都没有」 for the lists, optional fields marked 选填. The page checks
 * the answers with the server's own schema (HealthFormSubmissionSchema) and shows the same Chinese
 * messages the server's 400 carries (form-fields.ts). One submission key per filled form: a double
 * tap or a retry is one profile version.
 */
type Values = Record<string, string>;
type Multi = Record<string, { items: string[]; none: boolean }>;

const SPECS = formFieldSpecs();
const MULTI = SPECS.filter((s) => s.kind === 'multi').map((s) => s.name);

const fieldId = (name: string) => `f-${name}`;
const errId = (name: string) => `e-${name}`;

function toNumber(raw: string | undefined): number | undefined {
  const t = (raw ?? '').trim().replace(/，/g, '.').replace(/。/g, '.');
  if (t === '') return undefined;
  return Number(t);
}

function bodyOf(values: Values, multi: Multi, consent: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const s of SPECS) {
    if (s.kind === 'number') {
      const n = toNumber(values[s.name]);
      if (n !== undefined) body[s.name] = n;
    } else if (s.kind === 'choice') {
      if (values[s.name]) body[s.name] = values[s.name];
    } else if (s.kind === 'text') {
      const t = (values[s.name] ?? '').trim();
      if (t) body[s.name] = t;
    } else {
      body[s.name] = multi[s.name]?.items ?? [];
    }
  }
  if (consent) body.consent = { healthDataProcessing: true, textVersion: CONSENT_TEXT_VERSION, acceptedAtMs: Date.now() };
  return body;
}

/** Field → Chinese message, from the shared schema; plus the page's own rule: a list needs a tick or 「以上都没有」. */
function check(values: Values, multi: Multi, consent: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  const parsed = HealthFormSubmissionSchema.safeParse(bodyOf(values, multi, consent));
  if (!parsed.success) for (const i of healthFormIssues(parsed.error)) errors[i.field.startsWith('consent') ? 'consent' : i.field] ??= i.messageZh ?? fieldMessageZh(i.field, i.message);
  for (const name of MULTI) {
    const m = multi[name];
    if (!m || (!m.none && m.items.length === 0)) errors[name] ??= fieldMessageZh(name, 'required');
  }
  return errors;
}

const ORDER = [...SPECS.map((s) => s.name as string), 'consent'];

export function FormPage() {
  const [problem, setProblem] = useState<LinkProblem | null>(null);
  const [ready, setReady] = useState(false);
  const [hasReport, setHasReport] = useState(false);
  const [values, setValues] = useState<Values>({});
  const [multi, setMulti] = useState<Multi>({});
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const key = useRef(idempotencyKey());
  const inFlight = useRef(false);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The link is checked before the member spends three minutes on the form.
    api
      .get<{ report: unknown }>('/api/intake/report')
      .then((r) => {
        setHasReport(r.report !== null);
        setReady(true);
      })
      .catch((err: unknown) => {
        const p = linkProblemOf(err);
        if (p) setProblem(p);
        else setReady(true);
      });
  }, []);

  if (problem) return <LinkProblemPage problem={problem} />;
  if (!ready) return <Loading />;

  // One key per set of answers: resending them unchanged (a double tap, a retry) is one version; a
  // changed answer is a new submission, which the server would refuse under the old key.
  const answersChanged = () => {
    key.current = idempotencyKey();
  };
  const set = (name: string, v: string) => {
    answersChanged();
    setValues((old) => ({ ...old, [name]: v }));
    if (errors[name]) setErrors((old) => ({ ...old, [name]: '' }));
  };
  const toggle = (name: string, item: string | null) => {
    answersChanged();
    setMulti((old) => {
      const cur = old[name] ?? { items: [], none: false };
      const next = item === null ? { items: [], none: !cur.none } : { none: false, items: cur.items.includes(item) ? cur.items.filter((i) => i !== item) : [...cur.items, item] };
      return { ...old, [name]: next };
    });
    if (errors[name]) setErrors((old) => ({ ...old, [name]: '' }));
  };

  const showErrors = (found: Record<string, string>) => {
    setErrors(found);
    requestAnimationFrame(() => summary.current?.focus());
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (inFlight.current) return; // a second tap while the first is on its way
    setFailure(null);
    const found = check(values, multi, consent);
    if (Object.values(found).some(Boolean)) return showErrors(found);
    inFlight.current = true;
    setSending(true);
    try {
      await api.post('/api/intake/forms', bodyOf(values, multi, consent), { 'idempotency-key': key.current });
      go('/m/report?new=1');
    } catch (err) {
      const p = linkProblemOf(err);
      if (p) return setProblem(p);
      if (err instanceof ApiError && err.fields.length) {
        const fromServer: Record<string, string> = {};
        for (const f of err.fields as { field: string; message: string; messageZh?: string }[]) fromServer[f.field.startsWith('consent') ? 'consent' : f.field] ??= f.messageZh ?? fieldMessageZh(f.field, f.message);
        showErrors(fromServer);
      } else setFailure(err);
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  };

  const listed = ORDER.filter((n) => errors[n]);
  const consentText = CONSENT_TEXTS_ZH[CONSENT_TEXT_VERSION] ?? '';

  return (
    <main class="page">
      <div class="page-head">
        <h1>健康信息表</h1>
        <p>大约 3 分钟。填完马上能看到您的健康报告。</p>
      </div>
      {hasReport && (
        <div class="card">
          <p>
            您已经填过一次。重新填写会生成新的报告，旧的记录会保留。<a href="/m/report">先看看我的健康报告</a>
          </p>
        </div>
      )}
      <form onSubmit={submit} noValidate aria-describedby="form-intro">
        <section class="q" aria-labelledby="consent-title">
          <h2 id="consent-title">个人健康信息处理同意</h2>
          <p class="consent-text" id="consent-text">
            {consentText}
          </p>
          <p class="consent-text">
            <a href="/m/privacy" target="_blank" rel="noopener">阅读完整的隐私说明</a>
          </p>
          <label class={`opt${consent ? ' on' : ''}`}>
            <input id={fieldId('consent')} type="checkbox" checked={consent} aria-describedby={`consent-text${errors.consent ? ` ${errId('consent')}` : ''}`} aria-invalid={errors.consent ? 'true' : undefined} onChange={(ev) => { answersChanged(); setConsent((ev.currentTarget as HTMLInputElement).checked); setErrors((o) => ({ ...o, consent: '' })); }} />
            <span>我已阅读并单独同意上述健康信息处理</span>
          </label>
          {errors.consent && <span class="err" id={errId('consent')}>{errors.consent}</span>}
        </section>

        <p id="form-intro" class="muted card">
          <span class="sr-only">说明：</span>标「必填」的请一定回答；标「选填」的不知道可以不填。
        </p>

        {listed.length > 0 && (
          <div class="card summary" role="alert" tabIndex={-1} ref={summary}>
            <h2>有 {listed.length} 处需要修改</h2>
            <ul>
              {listed.map((n) => (
                <li key={n}>
                  <a href={`#${fieldId(n)}`}>{errors[n]}</a>
                </li>
              ))}
            </ul>
          </div>
        )}

        {SPECS.map((s) => (
          <Question key={s.name} spec={s} value={values[s.name] ?? ''} multi={multi[s.name]} error={errors[s.name]} onValue={set} onToggle={toggle} />
        ))}

        {failure !== null && <ErrorCard error={failure} />}
        <div class="actions">
          <button type="submit" class="btn" disabled={sending} aria-disabled={sending}>
            {sending ? '正在提交…' : '提交，查看我的健康报告'}
          </button>
        </div>
      </form>
    </main>
  );
}

function Tag({ required }: { required: boolean }) {
  return required ? <span class="tag tag-required">必填</span> : <span class="tag tag-optional">选填</span>;
}

function Question(props: {
  spec: FormFieldSpec;
  value: string;
  multi: { items: string[]; none: boolean } | undefined;
  error: string | undefined;
  onValue: (name: string, v: string) => void;
  onToggle: (name: string, item: string | null) => void;
}) {
  const { spec: s, value, error } = props;
  const described = [s.kind === 'number' || s.kind === 'text' ? `h-${s.name}` : '', error ? errId(s.name) : ''].filter(Boolean).join(' ') || undefined;
  const err = error ? (
    <span class="err" id={errId(s.name)}>
      {error}
    </span>
  ) : null;

  if (s.kind === 'number') {
    const n = s as NumberFieldSpec;
    return (
      <div class={`q${error ? ' invalid' : ''}`}>
        <label class="q-label" for={fieldId(s.name)}>
          {s.label}
          <Tag required={n.required} />
        </label>
        <span class="hint" id={`h-${s.name}`}>
          {n.hint ? `${n.hint}。` : ''}
          {rangeTextZh(n)}
        </span>
        <div class="num">
          <input
            id={fieldId(s.name)}
            class="num-input"
            type="text"
            inputMode={n.integer ? 'numeric' : 'decimal'}
            autocomplete="off"
            value={value}
            aria-required={n.required}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={described}
            onInput={(e) => props.onValue(s.name, (e.currentTarget as HTMLInputElement).value)}
          />
          <span class="unit" aria-hidden="true">
            {n.unit}
          </span>
        </div>
        {err}
      </div>
    );
  }
  if (s.kind === 'text') {
    return (
      <div class="q">
        <label class="q-label" for={fieldId(s.name)}>
          {s.label}
          <Tag required={false} />
        </label>
        <span class="hint" id={`h-${s.name}`}>
          {s.hint}
        </span>
        <input id={fieldId(s.name)} class="text-input" type="text" maxLength={s.maxLength} value={value} aria-describedby={described} onInput={(e) => props.onValue(s.name, (e.currentTarget as HTMLInputElement).value)} />
        {err}
      </div>
    );
  }
  if (s.kind === 'choice') {
    return (
      <Picked name={s.name} label={s.label} invalid={!!error}>
        <div class="opts" role="radiogroup" aria-required="true" aria-invalid={error ? 'true' : undefined}>
          {s.options.map((o) => (
            <Option key={o.value} type="radio" name={s.name} value={o.value} text={o.label} on={value === o.value} onChange={() => props.onValue(s.name, o.value)} />
          ))}
        </div>
        {err}
      </Picked>
    );
  }
  const m = props.multi ?? { items: [], none: false };
  return (
    <Picked name={s.name} label={s.label} invalid={!!error}>
      <span class="hint">可多选；都没有请选最后一项</span>
      <div class="opts">
        {s.options.map((o) => (
          <Option key={o.value} type="checkbox" name={s.name} value={o.value} text={o.label} on={m.items.includes(o.value)} onChange={() => props.onToggle(s.name, o.value)} />
        ))}
        <Option type="checkbox" class="opt-none" name={`${s.name}-none`} text="以上都没有" on={m.none} onChange={() => props.onToggle(s.name, null)} />
      </div>
      {err}
    </Picked>
  );
}

/** A required question answered by picking: a fieldset named by its legend, focusable so a failed submit can move to it. */
function Picked(props: { name: string; label: string; invalid: boolean; children: ComponentChildren }) {
  return (
    <fieldset class="q" id={fieldId(props.name)} tabIndex={-1} aria-describedby={props.invalid ? errId(props.name) : undefined}>
      <legend>
        {props.label}
        <Tag required />
      </legend>
      {props.children}
    </fieldset>
  );
}

/** One radio or checkbox as a tappable chip; `on` marks it picked. */
function Option(props: { type: 'radio' | 'checkbox'; name: string; value?: string; text: string; on: boolean; class?: string; onChange: () => void }) {
  return (
    <label class={`opt${props.class ? ` ${props.class}` : ''}${props.on ? ' on' : ''}`}>
      <input type={props.type} name={props.name} {...(props.value !== undefined && { value: props.value })} checked={props.on} onChange={props.onChange} />
      <span>{props.text}</span>
    </label>
  );
}
