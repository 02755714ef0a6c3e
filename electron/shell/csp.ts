/**
 * The Content-Security-Policy of the operator UI, for both the Electron window (meta tag injected at build) and the
 * web console (HTTP header). Only our own scripts; no eval; the PDF preview's worker from our origin; the API over
 * our own WebSocket. Inline styles are allowed because React sets style attributes (progress bars).
 */
export function contentSecurityPolicy(options: { forMetaTag?: boolean } = {}): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ];
  // Browsers ignore (and warn about) frame-ancestors in a meta tag; it only works as a header.
  return (options.forMetaTag ? directives.filter((d) => !d.startsWith('frame-ancestors')) : directives).join('; ');
}
