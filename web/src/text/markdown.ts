import MarkdownIt from 'markdown-it';

/**
 * Post bodies are Markdown (the contract says CommonMark, rendered without raw HTML). markdown-it escapes
 * any HTML in the source (`html: false`), so a `<script>` in a body is shown as text; links and images
 * may only point at http(s) or mailto, so no `javascript:` or `data:` URL ever reaches an attribute.
 */
const markdown = new MarkdownIt({ html: false, linkify: true });

const SAFE_URL = /^(https?:|mailto:)/i;
markdown.validateLink = (url) => SAFE_URL.test(url.trim());

// Links in posts are the author's, not the site's: no referrer, no endorsement.
const defaultLinkOpen = markdown.renderer.rules.link_open;
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index]?.attrSet('rel', 'nofollow noopener noreferrer ugc');
  return defaultLinkOpen
    ? defaultLinkOpen(tokens, index, options, env, self)
    : self.renderToken(tokens, index, options);
};

/** The body as HTML that is safe to insert: markdown-it produced every tag in it. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

/** The body's words without Markdown (no images, no code blocks), cut at a word near `max` characters. */
export function excerpt(source: string, max = 200): string {
  const text = markdown
    .parse(source, {})
    .filter((token) => token.type === 'inline')
    .map((block) =>
      (block.children ?? [])
        .map((token) =>
          token.type === 'text' || token.type === 'code_inline'
            ? token.content
            : token.type === 'softbreak' || token.type === 'hardbreak'
              ? ' '
              : '',
        )
        .join(''),
    )
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  // By code point, so an emoji is never cut in half.
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?]+$/, '')}…`;
}
