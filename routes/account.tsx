import { Hono } from 'hono';
import type { AppDeps } from '../src/deps';
import { recordAudit } from '../src/admin/audit';
import { clearSessionCookie } from '../src/auth/cookie';
import { actorOf, currentSession, requestMeta } from '../src/auth/principal';
import { listUserSessions, revokeSession } from '../src/auth/sessions';
import { DataTable } from '../src/ui/components/data-table';
import { renderPage } from '../src/ui/page';
import { Flash, PostButton, When, redirectWith } from './admin/_parts';

/** /account: who you are, your sessions (revoke any), links to change password and log out. */
export function accountRoutes(deps: AppDeps) {
  const { db } = deps.store;
  return new Hono()
    .get('/', async (c) => {
      const { user, session } = currentSession(c)!;
      const rows = await listUserSessions(db, user.id);
      return renderPage(c, deps, (page) => {
        const { t } = page;
        return {
          title: t('auth.account.title'),
          body: (
            <>
              <Flash c={c} page={page} />
              <section class="panel">
                <dl class="stats">
                  <div><dt>{t('auth.username')}</dt><dd>{user.username}</dd></div>
                  <div><dt>{t('admin.users.role')}</dt><dd>{t(`admin.role.${user.role}`)}</dd></div>
                  <div><dt>{t('auth.account.lastLogin')}</dt><dd><When page={page} at={user.lastLoginAt} /></dd></div>
                </dl>
                <p class="actions">
                  <a class="button button-quiet" href="/change-password">{t('auth.change.title')}</a>
                  <PostButton action="/logout" label={t('auth.logout')} quiet />
                </p>
              </section>
              <h2>{t('auth.sessions.title')}</h2>
              <DataTable
                columns={[t('auth.sessions.device'), t('auth.sessions.address'), t('auth.sessions.started'), t('auth.sessions.lastSeen'), <span class="visually-hidden">{t('admin.actions')}</span>]}
                rows={rows}
                row={(s) => (
                  <tr>
                    <td>{s.userAgent ?? '—'}{s.id === session.id ? <strong> ({t('auth.sessions.current')})</strong> : null}</td>
                    <td>{s.address ?? '—'}</td>
                    <td><When page={page} at={s.createdAt} /></td>
                    <td><When page={page} at={s.lastSeenAt} /></td>
                    <td><PostButton action={`/account/sessions/${s.id}/revoke`} label={t('auth.sessions.revoke')} quiet /></td>
                  </tr>
                )}
              />
            </>
          ),
        };
      });
    })
    .post('/sessions/:id/revoke', async (c) => {
      const { user, session } = currentSession(c)!;
      const id = c.req.param('id');
      if (!(await revokeSession(db, user.id, id))) return redirectWith(c, '/account', { error: 'NOT_FOUND' });
      await recordAudit(db, { action: 'session.revoke', actor: actorOf(c), target: `session:${id.slice(0, 12)}`, ...requestMeta(deps, c) }, deps.clock());
      if (id === session.id) {
        clearSessionCookie(c, deps.config);
        return c.redirect('/login', 303);
      }
      return redirectWith(c, '/account', { notice: 'sessionRevoked' });
    });
}
