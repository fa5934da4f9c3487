import type { ComponentChildren } from 'preact';

/** WeUI's result page (msg): a full-screen statement with an icon and, optionally, what to do next. */
export function Msg(props: { icon: 'warn' | 'info' | 'success' | 'waiting'; title: string; desc?: ComponentChildren; children?: ComponentChildren }) {
  const icon = { warn: 'weui-icon-warn', info: 'weui-icon-info', success: 'weui-icon-success', waiting: 'weui-icon-waiting' }[props.icon];
  return (
    <main class="page page__main" id="main">
      <div class="weui-msg" role="alert">
        <div class="weui-msg__icon-area">
          <i class={`${icon} weui-icon_msg`} aria-hidden="true" />
        </div>
        <div class="weui-msg__text-area">
          <h1 class="weui-msg__title">{props.title}</h1>
          {props.desc && <p class="weui-msg__desc">{props.desc}</p>}
        </div>
        {props.children && <div class="weui-msg__opr-area">{props.children}</div>}
      </div>
    </main>
  );
}
