import { ApiError } from '../api';
import { Msg } from './Msg';

/** What a failed load says: no permission, not found, or try again — never a raw error body. */
export function ErrorView(props: { error: unknown; retry?: () => void }) {
  const e = props.error;
  if (e instanceof ApiError && e.status === 403) {
    return <Msg icon="warn" title="您没有查看此内容的权限" desc="这位客户或这张工单不在您的服务范围内。如需协助，请联系服务主管。" />;
  }
  if (e instanceof ApiError && e.status === 404) {
    return <Msg icon="info" title="没有找到" desc="内容不存在，或已被删除。" />;
  }
  return (
    <Msg icon="warn" title="加载失败" desc={e instanceof ApiError && e.status === 0 ? e.message : '服务暂时不可用，请稍后重试。'}>
      {props.retry && (
        <p class="weui-btn-area">
          <button type="button" class="weui-btn weui-btn_primary" onClick={props.retry}>
            重试
          </button>
        </p>
      )}
    </Msg>
  );
}
