import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../src/deps';
import type { Role } from '../../src/db/schema/index';
import { changeAccount, createAccount, removeAccount, resetAccountPassword } from '../../src/admin/audited-changes';
import { currentSession } from '../../src/auth/principal';
import { ROLES, UserError, listUsers } from '../../src/auth/users';
import { DataTable } from '../../src/ui/components/data-table';
import { renderPage } from '../../src/ui/page';
import { AdminNav, Flash, PostButton, ShownOnce, When, formFields, redirectWith } from './_parts';

const isRole = (v: unknown): v is Role => (ROLES as readonly unknown[]).includes(v);

/** /admin/users: create, change role, disable, reset password, delete (never the last admin). */
export function userPages(deps: AppDeps) {
  const { db } = deps.store;

  async function list(c: Context, shown?: { username: string; password: string }) {
    const users = await listUsers(db);
    const me = currentSession(c)!.user.id;
    return renderPage(c, deps, (page) => {
      const { t } = page;
      const roleSelect = (name: string, current?: Role) => (
        <select name={name} aria-label={t('admin.users.role')}>
          {ROLES.map((r) => <option value={r} selected={r === current}>{t(`admin.role.${r}`)}</option>)}
        </select>
      );
      return {
        title: t('admin.users.title'),
        body: (
          <>
            <AdminNav page={page} />
            <Flash c={c} page={page} />
            {shown ? <ShownOnce message={t('admin.users.oneTime', { username: shown.username })} secret={shown.password} /> : null}
            <DataTable
              columns={[t('auth.username'), t('admin.users.role'), t('admin.col.status'), t('admin.users.lastSeen'), t('admin.actions')]}
              rows={users}
              row={(u) => (
                <tr class={u.disabledAt ? 'row-muted' : undefined}>
                  <td>{u.username}{u.id === me ? <strong> ({t('admin.users.you')})</strong> : null}</td>
                  <td>
                    <form method="post" action={`/admin/users/${u.id}/role`} class="inline-form">
                      {roleSelect('role', u.role)}
                      <button type="submit" class="chip">{t('admin.save')}</button>
                    </form>
                  </td>
                  <td>{u.disabledAt ? t('admin.users.disabled') : u.mustChangePassword ? t('admin.users.mustChange') : t('admin.users.active')}</td>
                  <td><When page={page} at={u.lastSeenAt} /></td>
                  <td class="actions">
                    <PostButton action={`/admin/users/${u.id}/${u.disabledAt ? 'enable' : 'disable'}`} label={t(u.disabledAt ? 'admin.users.enable' : 'admin.users.disable')} quiet />
                    <PostButton action={`/admin/users/${u.id}/reset-password`} label={t('admin.users.reset')} quiet />
                    <PostButton action={`/admin/users/${u.id}/delete`} label={t('admin.delete')} quiet />
                  </td>
                </tr>
              )}
            />
            <form method="post" action="/admin/users" class="panel toolbar">
              <h2 class="grow">{t('admin.users.create')}</h2>
              <label>{t('auth.username')}<input type="text" name="username" required autocomplete="off" /></label>
              <label>{t('admin.users.role')}{roleSelect('role', 'viewer')}</label>
              <button type="submit" class="button">{t('admin.users.createSubmit')}</button>
              <p class="muted grow">{t('admin.users.createHint')}</p>
            </form>
          </>
        ),
      };
    });
  }

  /** Runs a change; a refused one (last admin, taken name) returns to the list with its reason. */
  async function attempt(c: Context, run: () => Promise<Response | string>) {
    try {
      const r = await run();
      return typeof r === 'string' ? redirectWith(c, '/admin/users', { notice: r }) : r;
    } catch (err) {
      if (err instanceof UserError) return redirectWith(c, '/admin/users', { error: err.code });
      throw err;
    }
  }

  const id = (c: Context) => Number(c.req.param('id'));

  return new Hono()
    .get('/', (c) => list(c))
    .post('/', (c) =>
      attempt(c, async () => {
        const form = await formFields(c);
        if (!isRole(form.role)) return redirectWith(c, '/admin/users', { error: 'INVALID_ROLE' });
        const { user, oneTimePassword } = await createAccount(deps, c, { username: form.username ?? '', role: form.role });
        return list(c, { username: user.username, password: oneTimePassword! });
      }),
    )
    .post('/:id{[0-9]+}/role', (c) =>
      attempt(c, async () => {
        const form = await formFields(c);
        if (!isRole(form.role)) return redirectWith(c, '/admin/users', { error: 'INVALID_ROLE' });
        await changeAccount(deps, c, id(c), { role: form.role });
        return 'saved';
      }),
    )
    .post('/:id{[0-9]+}/disable', (c) =>
      attempt(c, async () => {
        await changeAccount(deps, c, id(c), { disabled: true });
        return 'saved';
      }),
    )
    .post('/:id{[0-9]+}/enable', (c) =>
      attempt(c, async () => {
        await changeAccount(deps, c, id(c), { disabled: false });
        return 'saved';
      }),
    )
    .post('/:id{[0-9]+}/reset-password', (c) =>
      attempt(c, async () => {
        return list(c, await resetAccountPassword(deps, c, id(c)));
      }),
    )
    .post('/:id{[0-9]+}/delete', (c) =>
      attempt(c, async () => {
        await removeAccount(deps, c, id(c));
        return 'deleted';
      }),
    );
}
