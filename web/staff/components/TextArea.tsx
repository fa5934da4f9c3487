import type { ActionResult } from '../hooks';

/** A WeUI form cell holding one textarea; its label is for screen readers, the section title names it on screen. */
export function TextAreaCell(props: { id: string; label: string; value: string; onInput: (text: string) => void; rows: number; class?: string; maxLength?: number; placeholder?: string }) {
  return (
    <div class="weui-cells weui-cells_form">
      <div class="weui-cell">
        <div class="weui-cell__bd">
          <label for={props.id} class="visually-hidden">
            {props.label}
          </label>
          <textarea
            id={props.id}
            class={props.class ? `weui-textarea ${props.class}` : 'weui-textarea'}
            rows={props.rows}
            {...(props.maxLength !== undefined && { maxLength: props.maxLength })}
            {...(props.placeholder !== undefined && { placeholder: props.placeholder })}
            value={props.value}
            onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)}
          />
        </div>
      </div>
    </div>
  );
}

/** What sending the text came to, green or amber. */
export function ResultNotice({ result, id }: { result: ActionResult | null; id?: string }) {
  if (!result) return null;
  return (
    <p class={result.ok ? 'notice notice_ok' : 'notice notice_warn'} role="status" {...(id !== undefined && { id })}>
      {result.text}
    </p>
  );
}
