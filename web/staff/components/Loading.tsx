/** WeUI's loadmore spinner, announced to screen readers. */
export function Loading(props: { text?: string }) {
  return (
    <div class="weui-loadmore" role="status">
      <i class="weui-loading" aria-hidden="true" />
      <span class="weui-loadmore__tips">{props.text ?? '正在加载'}</span>
    </div>
  );
}
