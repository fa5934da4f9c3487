import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { ErrorView } from '../components/ErrorView';
import { Loading } from '../components/Loading';
import { Page, Section } from '../components/Page';
import { ResultNotice, TextAreaCell } from '../components/TextArea';
import { useLoad, type ActionResult } from '../hooks';
import { CONDITION_ZH, label } from '../labels';
import { formatDateTime } from '../../shared/time';
import { UNREVIEWED } from '../../../shared/domain/content/items';

/**
 * 内容管理 (docs/prd.md §2.1.3 社群内容管理), for ops: the content library — seasonal knowledge with its
 * source and reviewer — and the calendar that sends an item on a day to the members it is for
 * (through their reminders) or to staff members' customer groups (a mass-send each confirms).
 * An item whose reviewer is 待审核 cannot be scheduled.
 */
interface Item {
  id: string;
  title: string;
  body: string;
  tags: string[];
  season: string;
  audience: { tiers: string[]; tags: string[] };
  source: string;
  reviewer: string;
  validFrom: string;
  validTo?: string;
}

interface Entry {
  id: string;
  itemId: string;
  date: string;
  time: string;
  target: 'members' | 'groups';
  senders?: string[];
  status: 'pending' | 'dispatched' | 'cancelled';
  counts?: { matched: number; created: number };
  dispatchedAtMs?: number;
}

const SEASON_ZH: Record<string, string> = { spring: '春季', summer: '夏季', autumn: '秋季', winter: '冬季', flu_season: '流感季', all_year: '全年' };
const STATUS_ZH: Record<Entry['status'], string> = { pending: '待发送', dispatched: '已发送', cancelled: '已取消' };

const blank: Item = { id: '', title: '', body: '', tags: [], season: 'all_year', audience: { tiers: [], tags: [] }, source: '', reviewer: UNREVIEWED, validFrom: '', validTo: '' };
const list = (s: string) => s.split(/[,，\s]+/).map((x) => x.trim()).filter(Boolean);

/** What a refused save says: the fields the server named, else its message. */
const failure = (err: unknown): ActionResult => ({
  ok: false,
  text: err instanceof ApiError && err.fields.length ? `请检查：${err.fields.map((f) => `${f.field}（${f.message}）`).join('；')}` : err instanceof ApiError ? err.message : '保存失败，请重试',
});

export function ContentView() {
  const [items, reloadItems] = useLoad(() => api.get<{ items: Item[] }>('/api/content/items'), []);
  const [calendar, reloadCalendar] = useLoad(() => api.get<{ entries: Entry[] }>('/api/content/calendar'), []);
  const [editing, setEditing] = useState<Item | null>(null);
  if (items.state === 'loading' || calendar.state === 'loading') return <Page title="内容管理"><Loading /></Page>;
  if (items.state === 'error') return <ErrorView error={items.error} retry={reloadItems} />;
  if (calendar.state === 'error') return <ErrorView error={calendar.error} retry={reloadCalendar} />;
  const all = items.data.items;
  return (
    <Page title="内容管理">
      <Section title="内容库" id="library">
        <ul class="weui-cells" aria-label="内容条目">
          {all.map((item) => (
            <li class="weui-cell content-item" key={item.id} data-item-id={item.id}>
              <div class="weui-cell__bd">
                <p class="content-item__head">
                  <span class="badge badge_status">{SEASON_ZH[item.season] ?? item.season}</span>
                  <strong>{item.title}</strong>
                  {item.reviewer === UNREVIEWED ? <span class="badge badge_warn">待审核</span> : <span class="badge badge_ok">审核：{item.reviewer}</span>}
                </p>
                <p class="content-item__meta">来源：{item.source}</p>
                <p class="content-item__meta">
                  面向：{item.audience.tags.length ? item.audience.tags.map((t) => label(CONDITION_ZH, t)).join('、') : '全部会员'} · 有效期 {item.validFrom} 至 {item.validTo ?? '长期'}
                </p>
              </div>
              <button type="button" class="weui-btn weui-btn_mini weui-btn_default" onClick={() => setEditing({ ...blank, ...item, validTo: item.validTo ?? '' })}>
                编辑
              </button>
            </li>
          ))}
        </ul>
        <p class="weui-btn-area">
          <button type="button" class="weui-btn weui-btn_default" onClick={() => setEditing({ ...blank })}>
            新建内容
          </button>
        </p>
      </Section>
      {editing && <ItemForm key={editing.id || 'new'} item={editing} onDone={() => (setEditing(null), reloadItems())} onCancel={() => setEditing(null)} />}
      <Section title="内容日历" id="calendar">
        <ScheduleForm items={all.filter((i) => i.reviewer !== UNREVIEWED)} onDone={reloadCalendar} />
        <ul class="weui-cells" aria-label="已排期">
          {calendar.data.entries.map((e) => (
            <li class="weui-cell calendar-entry" key={e.id} data-entry-id={e.id} data-status={e.status}>
              <div class="weui-cell__bd">
                <p>
                  {e.date} {e.time} · {all.find((i) => i.id === e.itemId)?.title ?? e.itemId}
                </p>
                <p class="content-item__meta">
                  {e.target === 'members' ? '发给匹配的会员（经提醒通道，受每日上限与免打扰约束）' : `群发到客户群（${(e.senders ?? []).join('、')} 确认后发送）`} · {STATUS_ZH[e.status]}
                  {e.counts && ` · 匹配 ${e.counts.matched}，新建 ${e.counts.created}`}
                  {e.dispatchedAtMs !== undefined && ` · ${formatDateTime(e.dispatchedAtMs)}`}
                </p>
              </div>
              {e.status === 'pending' && (
                <button type="button" class="weui-btn weui-btn_mini weui-btn_warn" onClick={() => api.del(`/api/content/calendar/${encodeURIComponent(e.id)}`).then(reloadCalendar, reloadCalendar)}>
                  取消
                </button>
              )}
            </li>
          ))}
        </ul>
      </Section>
    </Page>
  );
}

function Field(props: { id: string; label: string; value: string; onInput: (v: string) => void; type?: string; placeholder?: string }) {
  return (
    <div class="weui-cell weui-cell_active">
      <div class="weui-cell__hd">
        <label class="weui-label" for={props.id}>
          {props.label}
        </label>
      </div>
      <div class="weui-cell__bd">
        <input id={props.id} class="weui-input" type={props.type ?? 'text'} value={props.value} placeholder={props.placeholder} onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)} />
      </div>
    </div>
  );
}

function ItemForm(props: { item: Item; onDone: () => void; onCancel: () => void }) {
  const [item, setItem] = useState(props.item);
  const [result, setResult] = useState<ActionResult | null>(null);
  const isNew = props.item.id === '';
  const set = <K extends keyof Item>(k: K, v: Item[K]) => setItem({ ...item, [k]: v });
  const save = async () => {
    const { id, title, body, tags, season, audience, source, reviewer, validFrom, validTo } = item;
    try {
      await api.put(`/api/content/items/${encodeURIComponent(id)}`, { title, body, tags, season, audience, source, reviewer, validFrom, ...(validTo && { validTo }) });
      props.onDone();
    } catch (err) {
      setResult(failure(err));
    }
  };
  return (
    <Section title={isNew ? '新建内容' : `编辑：${props.item.title}`} id="item-form">
      <div class="weui-cells weui-cells_form">
        {isNew && <Field id="c-id" label="编号" value={item.id} onInput={(v) => set('id', v)} placeholder="英文小写，如 winter-bp" />}
        <Field id="c-title" label="标题" value={item.title} onInput={(v) => set('title', v)} />
        <div class="weui-cell weui-cell_active weui-cell_select weui-cell_select-after">
          <div class="weui-cell__hd">
            <label class="weui-label" for="c-season">季节</label>
          </div>
          <div class="weui-cell__bd">
            <select id="c-season" class="weui-select" value={item.season} onChange={(e) => set('season', (e.currentTarget as HTMLSelectElement).value)}>
              {Object.entries(SEASON_ZH).map(([k, v]) => (
                <option value={k} key={k}>
                  {v}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Field id="c-audience" label="面向标签" value={item.audience.tags.join(', ')} onInput={(v) => set('audience', { ...item.audience, tags: list(v) })} placeholder="如 hypertension, diabetes；留空为全部" />
        <Field id="c-source" label="来源" value={item.source} onInput={(v) => set('source', v)} placeholder="指南或权威机构名称" />
        <Field id="c-reviewer" label="审核人" value={item.reviewer} onInput={(v) => set('reviewer', v)} />
        <Field id="c-from" label="生效日" type="date" value={item.validFrom} onInput={(v) => set('validFrom', v)} />
        <Field id="c-to" label="失效日" type="date" value={item.validTo ?? ''} onInput={(v) => set('validTo', v)} />
      </div>
      <TextAreaCell id="c-body" label="正文" value={item.body} rows={5} maxLength={800} onInput={(v) => set('body', v)} />
      <ResultNotice result={result} />
      <p class="weui-btn-area">
        <button type="button" class="weui-btn weui-btn_primary" onClick={save}>
          保存
        </button>
        <button type="button" class="weui-btn weui-btn_default" onClick={props.onCancel}>
          取消
        </button>
      </p>
    </Section>
  );
}

function ScheduleForm(props: { items: Item[]; onDone: () => void }) {
  const [chosen, setItemId] = useState('');
  // The first reviewed item until ops pick one (the list grows when an item is signed).
  const itemId = props.items.some((i) => i.id === chosen) ? chosen : (props.items[0]?.id ?? '');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('09:00');
  const [target, setTarget] = useState<Entry['target']>('members');
  const [senders, setSenders] = useState('');
  const [result, setResult] = useState<ActionResult | null>(null);
  if (props.items.length === 0) return <p class="empty">还没有已审核的内容可以排期（审核人为「待审核」的内容不能发送）。</p>;
  const schedule = async () => {
    try {
      await api.post('/api/content/calendar', { itemId, date, time, target, ...(target === 'groups' && { senders: list(senders) }) });
      setResult({ ok: true, text: '已排期' });
      props.onDone();
    } catch (err) {
      setResult(failure(err));
    }
  };
  return (
    <div class="schedule-form">
      <div class="weui-cells weui-cells_form">
        <div class="weui-cell weui-cell_active weui-cell_select weui-cell_select-after">
          <div class="weui-cell__hd">
            <label class="weui-label" for="s-item">内容</label>
          </div>
          <div class="weui-cell__bd">
            <select id="s-item" class="weui-select" value={itemId} onChange={(e) => setItemId((e.currentTarget as HTMLSelectElement).value)}>
              {props.items.map((i) => (
                <option value={i.id} key={i.id}>
                  {i.title}
                </option>
              ))}
            </select>
          </div>
        </div>
        <Field id="s-date" label="日期" type="date" value={date} onInput={setDate} />
        <Field id="s-time" label="时间" type="time" value={time} onInput={setTime} />
        <div class="weui-cell weui-cell_active weui-cell_select weui-cell_select-after">
          <div class="weui-cell__hd">
            <label class="weui-label" for="s-target">发给</label>
          </div>
          <div class="weui-cell__bd">
            <select id="s-target" class="weui-select" value={target} onChange={(e) => setTarget((e.currentTarget as HTMLSelectElement).value as Entry['target'])}>
              <option value="members">匹配的会员</option>
              <option value="groups">客户群（群发，员工确认）</option>
            </select>
          </div>
        </div>
        {target === 'groups' && <Field id="s-senders" label="群主账号" value={senders} onInput={setSenders} placeholder="员工企业微信账号，逗号分隔" />}
      </div>
      <ResultNotice result={result} />
      <p class="weui-btn-area">
        <button type="button" class="weui-btn weui-btn_primary" onClick={schedule}>
          排期
        </button>
      </p>
    </div>
  );
}
