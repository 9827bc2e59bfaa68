import { Hono, type Context } from 'hono';
import type { AppDeps } from '../src/deps';
import { recordAudit } from '../src/admin/audit';
import { changeOwnPassword } from '../src/auth/change-password';
import { clearSessionCookie, setSessionCookie } from '../src/auth/cookie';
import { login } from '../src/auth/login';
import { MIN_PASSWORD_LENGTH } from '../src/auth/password-policy';
import { actorOf, currentSession, requestMeta } from '../src/auth/principal';
import { endSession } from '../src/auth/sessions';
import type { MessageKey } from '../src/ui/i18n/index';
import { renderPage } from '../src/ui/page';
import { formFields, safeLocal } from './admin/_parts';

const LOGIN_ERRORS: Record<string, MessageKey> = {
  INVALID_CREDENTIALS: 'auth.error.invalid',
  ACCOUNT_LOCKED: 'auth.error.locked',
  TOO_MANY_ATTEMPTS: 'auth.error.throttled',
};

/** /login, /change-password and /logout as plain forms: they work before any script loads. */
export function loginRoutes(deps: AppDeps) {
  function loginForm(c: Context, opts: { next: string; username?: string; error?: MessageKey; wait?: number; status?: 200 | 401 | 429 }) {
    return renderPage(c, deps, (page) => ({
      title: page.t('auth.login.title'),
      status: opts.status ?? 200,
      body: (
        <form method="post" action="/login" class="panel auth-form">
          {opts.error ? <p class="notice notice-bad" role="alert">{page.t(opts.error, { seconds: opts.wait ?? 0, minutes: Math.ceil((opts.wait ?? 0) / 60) })}</p> : null}
          <input type="hidden" name="next" value={opts.next} />
          <label>
            {page.t('auth.username')}
            <input type="text" name="username" value={opts.username ?? ''} autocomplete="username" autocapitalize="none" required autofocus />
          </label>
          <label>
            {page.t('auth.password')}
            <input type="password" name="password" autocomplete="current-password" required />
          </label>
          <button type="submit" class="button">{page.t('auth.login.submit')}</button>
        </form>
      ),
    }));
  }

  function changeForm(c: Context, opts: { error?: MessageKey; problems?: string[]; status?: 200 | 400 | 403 | 429 }) {
    const forced = currentSession(c)?.user.mustChangePassword ?? false;
    return renderPage(c, deps, (page) => ({
      title: page.t('auth.change.title'),
      status: opts.status ?? 200,
      body: (
        <form method="post" action="/change-password" class="panel auth-form">
          {forced ? <p class="notice notice-warn">{page.t('auth.change.forced')}</p> : null}
          {opts.error ? (
            <div class="notice notice-bad" role="alert">
              <p>{page.t(opts.error)}</p>
              {opts.problems?.length ? <ul>{opts.problems.map((p) => <li>{page.t(`auth.policy.${p}` as MessageKey, { min: MIN_PASSWORD_LENGTH })}</li>)}</ul> : null}
            </div>
          ) : null}
          <label>
            {page.t('auth.change.current')}
            <input type="password" name="currentPassword" autocomplete="current-password" required />
          </label>
          <label>
            {page.t('auth.change.new')}
            <input type="password" name="newPassword" autocomplete="new-password" minlength={MIN_PASSWORD_LENGTH} required aria-describedby="policy-hint" />
          </label>
          <p id="policy-hint" class="muted">{page.t('auth.change.hint', { min: MIN_PASSWORD_LENGTH })}</p>
          <button type="submit" class="button">{page.t('auth.change.submit')}</button>
        </form>
      ),
    }));
  }

  return new Hono()
    .get('/login', (c) => {
      if (currentSession(c)) return c.redirect(safeLocal(c.req.query('next')), 302);
      return loginForm(c, { next: safeLocal(c.req.query('next')) });
    })
    .post('/login', async (c) => {
      const form = await formFields(c);
      const next = safeLocal(form.next);
      const outcome = await login(deps, { username: form.username ?? '', password: form.password ?? '' }, requestMeta(deps, c));
      if (!outcome.ok) {
        const wait = 'retryAfterSeconds' in outcome ? outcome.retryAfterSeconds : undefined;
        if (wait) c.header('Retry-After', String(wait));
        return loginForm(c, { next, username: form.username, error: LOGIN_ERRORS[outcome.code], wait, status: wait ? 429 : 401 });
      }
      setSessionCookie(c, deps.config, outcome.token, outcome.expiresAt);
      return c.redirect(outcome.user.mustChangePassword ? '/change-password' : next, 303);
    })
    .get('/change-password', (c) => changeForm(c, {}))
    .post('/change-password', async (c) => {
      const form = await formFields(c);
      const session = currentSession(c)!;
      const result = await changeOwnPassword(deps, c, session, { currentPassword: form.currentPassword ?? '', newPassword: form.newPassword ?? '' });
      if (!result.ok) {
        const error: MessageKey = result.code === 'POLICY_NOT_MET' ? 'auth.error.policy' : result.code === 'INVALID_CREDENTIALS' ? 'auth.error.current' : 'auth.error.throttledShort';
        return changeForm(c, { error, problems: result.problems, status: result.status });
      }
      setSessionCookie(c, deps.config, result.token, result.expiresAt);
      return c.redirect('/account?notice=passwordChanged', 303);
    })
    .post('/logout', async (c) => {
      const session = currentSession(c)!;
      await endSession(deps.store.db, session.session.id);
      await recordAudit(deps.store.db, { action: 'logout', actor: actorOf(c), ...requestMeta(deps, c) }, deps.clock());
      clearSessionCookie(c, deps.config);
      return c.redirect('/login', 303);
    });
}
