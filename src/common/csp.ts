/**
 * The Content-Security-Policy both shells send with the renderer (a header in web mode, a session header in
 * Electron), matching the meta tag in src/renderer/index.html: only the app's own code runs; wasm may be
 * compiled (tfjs predicts in the page); no inline scripts, no remote anything.
 */
export function contentSecurityPolicy(opts: { extraMediaSources?: string[] } = {}): string {
  const extra = (opts.extraMediaSources ?? []).join(' ');
  const withExtra = (base: string): string => (extra ? `${base} ${extra}` : base);
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    withExtra("img-src 'self' data: blob:"),
    withExtra("media-src 'self' blob: data:"),
    withExtra("connect-src 'self' blob: data:"),
    "worker-src 'self' blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
