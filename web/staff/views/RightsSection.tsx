import { api, ApiError } from '../api';
import type { Balance, Redemption, Signup } from '../api-types';
import { Loading } from '../components/Loading';
import { Section } from '../components/Page';
import { useAction, useLoad, type ActionResult } from '../hooks';
import { ACTIVITY_KIND_ZH, REDEMPTION_STATUS_ZH, REDEMPTION_TO_FULFIL, RIGHT_ZH, SIGNUP_STATUS_ZH, label } from '../labels';
import { formatDate, formatDateTime } from '../../shared/time';

/**
 * The rights consultant's view: points, the redemptions waiting to be fulfilled (with 标记已预约 /
 * 标记已履约) and the member's activity sign-ups. No health data here.
 */
export function RightsSection({ memberId }: { memberId: string }) {
  const id = encodeURIComponent(memberId);
  const [load, reload] = useLoad(
    () =>
      Promise.all([
        api.get<Balance>(`/api/points/members/${id}/balance`),
        api.get<{ redemptions: Redemption[] }>(`/api/points/members/${id}/redemptions`),
        api.get<{ signups: Signup[] }>(`/api/points/members/${id}/signups`),
      ]),
    [memberId],
  );
  const { busy, result, run } = useAction();
  if (load.state === 'loading') return <Loading />;
  if (load.state === 'error') {
    const refused = load.error instanceof ApiError && load.error.status === 403;
    return <p class="notice notice_warn">{refused ? '您不是这位客户的权益顾问，无法查看积分与权益。' : '积分与权益暂时无法加载。'}</p>;
  }
  const [balance, { redemptions }, { signups }] = load.data;
  const toFulfil = redemptions.filter((r) => REDEMPTION_TO_FULFIL.has(r.status));
  const others = redemptions.filter((r) => !REDEMPTION_TO_FULFIL.has(r.status));
  const mark = (r: Redemption, target: Step) =>
    run(
      async () => {
        const text = await advance(r, target);
        reload();
        return text;
      },
      (err) => refusal(err, target),
    );
  return (
    <>
      <Section title="积分" id="points">
        <div class="weui-cells">
          <div class="weui-cell">
            <div class="weui-cell__bd">可用积分</div>
            <div class="weui-cell__ft points" id="points-balance">
              {balance.balance}
            </div>
          </div>
          {balance.lots.map((l, i) => (
            <div class="weui-cell" key={i}>
              <div class="weui-cell__bd hint">{l.points} 分</div>
              <div class="weui-cell__ft">有效期至 {formatDate(l.expiresAtMs)}</div>
            </div>
          ))}
        </div>
      </Section>
      <Section title="待履约的兑换" id="redemptions">
        <Outcome result={result} />
        {toFulfil.length === 0 ? <p class="empty">没有待履约的兑换。</p> : <RedemptionList items={toFulfil} busy={busy} onMark={mark} />}
      </Section>
      {others.length > 0 && (
        <Section title="其他兑换记录" id="redemption-history">
          <RedemptionList items={others} />
        </Section>
      )}
      <Section title="活动报名" id="signups">
        {signups.length === 0 ? <p class="empty">没有活动报名。</p> : <SignupList items={signups} />}
      </Section>
    </>
  );
}

/** The fulfilment steps, in the order the domain allows them (domain/points/fulfilment: reserved → booked → fulfilled). */
const STEPS = ['reserved', 'booked', 'fulfilled'] as const;
type Step = 'booked' | 'fulfilled';
const STEP_ZH: Record<Step, string> = { booked: '已预约', fulfilled: '已履约' };

/** A redemption that is no longer on the fulfilment path (cancelled, failed…): said in Chinese. */
class OffPath extends Error {}

/**
 * Moves a redemption on to `target`, booking it first when 已履约 is marked on one not yet booked.
 * Safe to repeat: it starts from the redemption as it is now (a retry after a lost answer finds
 * the steps already taken), and the server answers a step already taken with the redemption unchanged.
 */
async function advance(r: Redemption, target: Step): Promise<string> {
  const path = `/api/points/redemptions/${encodeURIComponent(r.redemptionId)}`;
  const current = await api.get<Redemption>(path);
  const from = STEPS.indexOf(current.status as (typeof STEPS)[number]);
  const to = STEPS.indexOf(target);
  const name = `「${label(RIGHT_ZH, r.rightId)}」`;
  const status = label(REDEMPTION_STATUS_ZH, current.status);
  if (from < 0) throw new OffPath(`该兑换当前为「${status}」`);
  if (from >= to) return `${name}此前已是${status}，无需重复标记。`;
  for (const step of STEPS.slice(from + 1, to + 1)) await api.patch<Redemption>(path, { status: step });
  return `${name}已标记为${STEP_ZH[target]}。`;
}

function refusal(err: unknown, target: Step): string {
  const what = `标记${STEP_ZH[target]}失败`;
  if (err instanceof OffPath) return `${what}：${err.message}。`;
  if (!(err instanceof ApiError)) return `${what}，请重试。`;
  if (err.status === 403) return `${what}：您不是这位客户的权益顾问。`;
  if (err.status === 409) return `${what}：该兑换的状态已变化，请刷新后查看。`;
  if (err.status === 0) return `${what}：${err.message}`;
  return `${what}，请稍后重试。`;
}

function Outcome({ result }: { result: ActionResult | null }) {
  if (!result) return null;
  return (
    <p class={`notice ${result.ok ? 'notice_ok' : 'notice_warn'}`} role="status" id="fulfil-result">
      {result.text}
    </p>
  );
}

function RedemptionList({ items, busy = false, onMark }: { items: Redemption[]; busy?: boolean; onMark?: (r: Redemption, target: Step) => void }) {
  return (
    <ul class="weui-cells">
      {items.map((r) => {
        const right = label(RIGHT_ZH, r.rightId);
        return (
          <li class="weui-cell redemption" key={r.redemptionId} data-redemption-id={r.redemptionId} data-status={r.status}>
            <div class="weui-cell__bd">
              <p>{right}</p>
              <p class="hint">
                {formatDateTime(r.createdAtMs)} 申请{r.pointsSpent ? ` · ${r.pointsSpent} 积分` : ''}
              </p>
              {onMark && (
                <div class="redemption__actions">
                  {r.status === 'reserved' && (
                    <button type="button" class="weui-btn weui-btn_mini weui-btn_default" disabled={busy} aria-label={`${right}：标记已预约`} onClick={() => onMark(r, 'booked')}>
                      标记已预约
                    </button>
                  )}
                  <button type="button" class="weui-btn weui-btn_mini weui-btn_primary" disabled={busy} aria-label={`${right}：标记已履约`} onClick={() => onMark(r, 'fulfilled')}>
                    标记已履约
                  </button>
                </div>
              )}
            </div>
            <div class="weui-cell__ft">
              <span class="badge badge_status">{label(REDEMPTION_STATUS_ZH, r.status)}</span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function SignupList({ items }: { items: Signup[] }) {
  return (
    <ul class="weui-cells">
      {items.map((s) => (
        <li class="weui-cell" key={s.activityId} data-activity-id={s.activityId} data-status={s.status}>
          <div class="weui-cell__bd">
            <p>
              {s.title} <span class="hint">· {label(ACTIVITY_KIND_ZH, s.kind)}</span>
            </p>
            <p class="hint">
              活动时间 <time>{formatDateTime(s.startsAtMs)}</time> – <time>{formatDateTime(s.endsAtMs)}</time>
            </p>
            <p class="hint">
              <time>{formatDateTime(s.signedUpAtMs)}</time> 报名
              {s.checkedInAtMs !== undefined && (
                <>
                  {' · '}
                  <time>{formatDateTime(s.checkedInAtMs)}</time> 签到
                </>
              )}
            </p>
          </div>
          <div class="weui-cell__ft">
            <span class="badge badge_status">{label(SIGNUP_STATUS_ZH, s.status)}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
