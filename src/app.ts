import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps } from './deps';
import { recordError } from './admin/error-log';
import { HttpError, jsonError } from './http/errors';
import { healthRoutes } from '../routes/api/health';
import { uploadRoutes } from '../routes/api/upload';
import { readApiRoutes } from '../routes/api/read';
import { monitorRoutes } from '../routes/api/monitor';
import { notifyRoutes } from '../routes/api/notify';
import { pageRoutes } from '../routes/pages';
import { authRoutes } from '../routes/api/auth/index';
import { adminApiRoutes } from '../routes/api/admin/index';
import { adminPageRoutes } from '../routes/admin/index';
import { loginRoutes } from '../routes/login';
import { accountRoutes } from '../routes/account';
import { securityHeaders } from './http/security-headers';
import { csrfProtection } from './auth/csrf';
import { loadSession } from './auth/principal';
import { privateByDefault } from './auth/guard';
import { renderErrorPage, wantsHtmlPage } from './ui/error-page';

export type App = Hono;

/** The whole HTTP surface, identical on Node and Workers; every runtime difference arrives in `deps`. */
export function createApp(deps: AppDeps): App {
  const app = new Hono();

  // Order matters: headers wrap everything, cross-site writes stop before any work, and every
  // route is private unless src/auth/guard.ts lists it as public.
  app.use('*', securityHeaders(deps.config));
  app.use('*', csrfProtection(deps));
  app.use('*', loadSession(deps));
  app.use('*', privateByDefault(deps));

  app.route('/api/auth', authRoutes(deps));
  app.route('/api/admin', adminApiRoutes(deps));
  app.route('/', loginRoutes(deps));
  app.route('/account', accountRoutes(deps));
  app.route('/admin', adminPageRoutes(deps));
  app.route('/api', healthRoutes(deps));
  app.route('/api/upload', uploadRoutes(deps));
  app.route('/api/monitor', monitorRoutes(deps));
  app.route('/api/notify', notifyRoutes(deps));
  app.route('/api', readApiRoutes(deps));
  app.route('/', pageRoutes(deps));

  app.notFound((c) =>
    wantsHtmlPage(c)
      ? renderErrorPage(c, deps, { status: 404, title: 'error.notFound', message: 'error.notFound.message' })
      : jsonError(c, 404, `No route for ${c.req.method} ${c.req.path}.`),
  );

  app.onError(async (err, c) => {
    if (err instanceof HttpError) return jsonError(c, err.status, err.message, err.details);
    if (err instanceof HTTPException) return err.getResponse();
    const path = c.req.path;
    deps.logger.error('unhandled error', { method: c.req.method, path, err });
    let errorId: number | undefined;
    try {
      errorId = await recordError(deps.store.db, { method: c.req.method, path, userId: c.get('session')?.user.id, error: err }, deps.clock());
    } catch (logErr) {
      deps.logger.error('could not record error in the Error Log', { err: logErr });
    }
    return jsonError(c, 500, 'Internal server error; it has been recorded in the Error Log.', errorId ? { errorId } : {});
  });

  return app;
}
