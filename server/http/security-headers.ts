/**
 * Security headers for every response, by helmet: a Content-Security-Policy that allows no
 * inline script (the web client is one bundled module), frames from nobody (frame-ancestors
 * 'none', X-Frame-Options DENY), nosniff, no referrer, and HSTS only when the app is served over
 * TLS (COOKIE_SECURE=true says so: HSTS over plain http would be meaningless or lock out a
 * local install). Map tiles may come from a configured https tile server, hence img-src https:.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export function securityHeaders(opts: { tls: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:', 'https:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(opts.tls ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    noSniff: true,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: opts.tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
}
