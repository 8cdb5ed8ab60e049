import { useMemo } from 'preact/hooks';
import { renderMarkdown } from '../text/markdown';

/** A post body rendered from Markdown; `renderMarkdown` escapes raw HTML, so nothing in it can run. */
export function MarkdownBody({ source }: { source: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  // Safe to insert: markdown-it wrote every tag (html: false; links and images http/https/mailto only).
  return <div class="text markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
