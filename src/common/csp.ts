/**
 * The one Content-Security-Policy of the renderer, wherever it is delivered: the header web mode sends, the
 * header of Electron's studio:// answers and of its dev-server pages, and the meta tag Vite writes into
 * index.html (injectCsp, from the placeholder). Only the app's own code runs; wasm may be compiled (tfjs
 * predicts in the page); no inline scripts, no remote anything. `studio:` is the desktop app's media
 * scheme; a browser has no such scheme, so allowing it in web mode grants nothing.
 * Inline styles stay allowed: Svelte's style: directives and the charts set style attributes.
 */
const DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: studio:",
  "media-src 'self' blob: data: studio:",
  "connect-src 'self' blob: data: studio:",
  "worker-src 'self' blob:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

/** Directives a browser ignores (and warns about) in a meta tag; the headers carry them. */
const HEADER_ONLY = ['frame-ancestors'];

export function contentSecurityPolicy(opts: { delivery?: 'header' | 'meta' } = {}): string {
  const directives =
    opts.delivery === 'meta' ? DIRECTIVES.filter((d) => !HEADER_ONLY.includes(d.split(' ')[0])) : DIRECTIVES;
  return directives.join('; ');
}

/** What src/renderer/index.html holds where the meta tag's policy goes. */
export const CSP_PLACEHOLDER = '%STUDIO_CSP%';

/** index.html with the policy in its meta tag (a Vite transformIndexHtml step). */
export function injectCsp(html: string): string {
  if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html has no ${CSP_PLACEHOLDER} to fill in`);
  return html.replace(CSP_PLACEHOLDER, contentSecurityPolicy({ delivery: 'meta' }));
}
