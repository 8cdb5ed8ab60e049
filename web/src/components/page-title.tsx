import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useApp } from '../app-context';

/**
 * A page's h1. After a navigation it takes the focus, so keyboard and screen-reader users start at the new
 * page's top instead of on a link that no longer exists; it also names the browser tab.
 */
export function PageTitle({ children, text }: { children?: ComponentChildren; text: string }) {
  const { navigated } = useApp();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${text} · blogapp`;
    if (navigated) ref.current?.focus();
  }, [text, navigated]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children ?? text}
    </h1>
  );
}
