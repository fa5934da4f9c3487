import { api, ApiError } from '../api';
import type { Balance, Redemption } from '../api-types';
import { Loading } from '../components/Loading';
import { Section } from '../components/Page';
import { useLoad } from '../hooks';
import { REDEMPTION_STATUS_ZH, REDEMPTION_TO_FULFIL, RIGHT_ZH, label } from '../labels';
import { formatDate, formatDateTime } from '../../shared/time';

/** The rights consultant's view: points and what is waiting to be fulfilled. No health data here. */
export function RightsSection({ memberId }: { memberId: string }) {
  const id = encodeURIComponent(memberId);
  const [load] = useLoad(
    () => Promise.all([api.get<Balance>(`/api/points/members/${id}/balance`), api.get<{ redemptions: Redemption[] }>(`/api/points/members/${id}/redemptions`)]),
    [memberId],
  );
  if (load.state === 'loading') return <Loading />;
  if (load.state === 'error') {
    const refused = load.error instanceof ApiError && load.error.status === 403;
    return <p class="notice notice_warn">{refused ? '您不是这位客户的权益顾问，无法查看积分与权益。' : '积分与权益暂时无法加载。'}</p>;
  }
  const [balance, { redemptions }] = load.data;
  const toFulfil = redemptions.filter((r) => REDEMPTION_TO_FULFIL.has(r.status));
  const others = redemptions.filter((r) => !REDEMPTION_TO_FULFIL.has(r.status));
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
        {toFulfil.length === 0 ? <p class="empty">没有待履约的兑换。</p> : <RedemptionList items={toFulfil} />}
      </Section>
      {others.length > 0 && (
        <Section title="其他兑换记录" id="redemption-history">
          <RedemptionList items={others} />
        </Section>
      )}
    </>
  );
}

function RedemptionList({ items }: { items: Redemption[] }) {
  return (
    <ul class="weui-cells">
      {items.map((r) => (
        <li class="weui-cell" key={r.redemptionId}>
          <div class="weui-cell__bd">
            <p>{label(RIGHT_ZH, r.rightId)}</p>
            <p class="hint">
              {formatDateTime(r.createdAtMs)} 申请{r.pointsSpent ? ` · ${r.pointsSpent} 积分` : ''}
            </p>
          </div>
          <div class="weui-cell__ft">
            <span class="badge badge_status">{label(REDEMPTION_STATUS_ZH, r.status)}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
