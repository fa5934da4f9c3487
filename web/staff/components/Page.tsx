import type { ComponentChildren } from 'preact';
import { ROLE_ZH, label } from '../labels';
import { onLinkClick } from '../router';
import { useSession } from '../session-context';

/**
 * The frame of every view: a banner with who is signed in, one <main> with the view's heading, and
 * on desktop a centred column (staff.css).
 */
export function Page(props: { title: string; back?: { href: string; text: string }; children: ComponentChildren }) {
  const session = useSession();
  return (
    <div class="page">
      <header class="page__bar" role="banner">
        {props.back ? (
          <a class="page__back" href={props.back.href} onClick={onLinkClick}>
            ‹ {props.back.text}
          </a>
        ) : (
          <span class="page__brand">健康社群工作台</span>
        )}
        {session && (
          <span class="page__who">
            {session.name ?? session.staffId} · {label(ROLE_ZH, session.role)}
          </span>
        )}
      </header>
      <main class="page__main" id="main">
        <h1 class="page__title">{props.title}</h1>
        {props.children}
      </main>
    </div>
  );
}

/** A section with its own heading (an axe-friendly landmark for each block of the member view). */
export function Section(props: { title: string; id?: string; children: ComponentChildren }) {
  const headingId = `${props.id ?? props.title}-h`;
  return (
    <section class="section" aria-labelledby={headingId} id={props.id}>
      <h2 class="weui-cells__title section__title" id={headingId}>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}
