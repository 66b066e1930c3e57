/**
 * createApp(deps): the Express 5 application, without listening, so tests run it in-process on
 * an ephemeral port and main.ts decides where it listens.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express, { type Express } from 'express';
import type { AppDeps, RouterDeps } from './app-deps.ts';
import { accountsRouter } from './accounts/routes.ts';
import { auditRouter } from './audit/routes.ts';
import { authenticate, csrfGuard } from './auth/middleware.ts';
import { authRouter } from './auth/routes.ts';
import { SessionCache } from './auth/session-cache.ts';
import { driverRouter } from './driver/routes.ts';
import { entitiesRouter } from './entities/routes.ts';
import { escortsRouter } from './escorts/routes.ts';
import { errorMiddleware, notFoundHandler } from './errors/middleware.ts';
import { inputGuard } from './http/input-guard.ts';
import { securityHeaders } from './http/security-headers.ts';
import { familiesRouter } from './catalogue/routes.ts';
import { familyRouter } from './family/routes.ts';
import { geoRouter } from './geo-routes.ts';
import { healthRouter } from './health.ts';
import { jobsRouter } from './jobs/routes.ts';
import { openapiRouter } from './openapi/routes.ts';
import { plansRouter } from './plan-api/routes.ts';
import { programmeRouter } from './programme/routes.ts';
import { OperationRegistry } from './openapi/registry.ts';
import { parseRoutingConfig } from './routing/config.ts';
import { createRoutingProvider } from './routing/create-routing-provider.ts';
import { safeguardingRouter } from './safeguarding/routes.ts';
import { slotsRouter } from './slots/routes.ts';

export type { AppDeps, RouterDeps } from './app-deps.ts';

export function createApp(deps: AppDeps): Express {
  const registry = deps.registry ?? new OperationRegistry();
  const routing = deps.routing ?? createRoutingProvider(parseRoutingConfig({}), deps.db);
  const full: RouterDeps = { ...deps, registry, routing };
  const app = express();
  app.disable('x-powered-by');
  // Client addresses come from X-Forwarded-For only for the proxies TRUST_PROXY names (default none).
  app.set('trust proxy', deps.config.TRUST_PROXY);
  app.use(securityHeaders({ tls: deps.config.COOKIE_SECURE }));
  app.use(express.json({ limit: '5mb' }));
  app.use(express.text({ type: ['text/csv', 'text/plain'], limit: '10mb' }));
  app.use('/api', inputGuard);
  const sessions = new SessionCache(deps.clock);
  app.use(
    '/api',
    authenticate(deps.db, deps.config.sessionSecret, deps.clock, sessions, deps.config.SESSION_IDLE_MINUTES * 60_000),
    csrfGuard,
  );

  app.use(healthRouter(full));
  app.use(authRouter(full, registry, sessions));
  app.use(entitiesRouter(full));
  app.use(geoRouter(registry));
  app.use(driverRouter(full));
  app.use(familyRouter(full));
  app.use(auditRouter(full));

  // ---- Routers of the other parts are mounted here (one line each, keep this block additive). ----
  // Use requireRole()/userOf() from ./auth/middleware.ts for scopes, throw AppError for errors,
  // and defineRoute() from ./http/define-route.ts with `registry` to appear in /api/openapi.json.
  // e.g. app.use(plansRouter(full));
  app.use(plansRouter(full));
  app.use(jobsRouter(full));
  app.use(slotsRouter(full));
  app.use(safeguardingRouter(full));
  app.use(escortsRouter(full));
  app.use(accountsRouter(full, sessions));
  app.use(programmeRouter(full));
  app.use(familiesRouter(full));
  // ---- end of other parts' routers ----

  app.use(openapiRouter(registry));
  app.use('/api', notFoundHandler);

  const webDir = resolve(deps.config.WEB_DIST);
  if (existsSync(webDir)) {
    app.use(express.static(webDir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(resolve(webDir, 'index.html')));
  }

  // Anything else (POST /, a path that normalised to /) is a JSON 404 too, never Express's HTML page.
  app.use(notFoundHandler);
  app.use(errorMiddleware());
  return app;
}
