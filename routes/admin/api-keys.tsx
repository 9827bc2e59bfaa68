import { Hono, type Context } from 'hono';
import type { AppDeps } from '../../src/deps';
import { issueApiKey, withdrawApiKey } from '../../src/admin/audited-changes';
import { listApiKeys, type CreatedApiKey } from '../../src/auth/api-keys';
import { DataTable } from '../../src/ui/components/data-table';
import { renderPage } from '../../src/ui/page';
import { AdminNav, Flash, PostButton, ShownOnce, When, formFields, redirectWith } from './_parts';

/** /admin/api-keys: named keys for the read API and integrations; a key is shown once. */
export function apiKeyPages(deps: AppDeps) {
  const { db } = deps.store;

  async function list(c: Context, created?: CreatedApiKey) {
    const keys = await listApiKeys(db);
    return renderPage(c, deps, (page) => {
      const { t } = page;
      return {
        title: t('admin.apiKeys.title'),
        body: (
          <>
            <AdminNav page={page} />
            <Flash c={c} page={page} />
            {created ? <ShownOnce message={t('admin.apiKeys.shownOnce', { name: created.name })} secret={created.key} /> : null}
            <p class="muted">{t('admin.apiKeys.hint')}</p>
            <DataTable
              columns={[t('admin.apiKeys.name'), t('admin.apiKeys.prefix'), t('admin.apiKeys.created'), t('admin.apiKeys.lastUsed'), t('admin.col.status'), <span class="visually-hidden">{t('admin.actions')}</span>]}
              rows={keys}
              empty={t('admin.apiKeys.empty')}
              row={(k) => (
                <tr class={k.revokedAt ? 'row-muted' : undefined}>
                  <td>{k.name}</td>
                  <td><code>bw_{k.prefix}_…</code></td>
                  <td><When page={page} at={k.createdAt} /></td>
                  <td><When page={page} at={k.lastUsedAt} /></td>
                  <td>{k.revokedAt ? t('admin.apiKeys.revoked') : t('admin.users.active')}</td>
                  <td>{k.revokedAt ? null : <PostButton action={`/admin/api-keys/${k.id}/revoke`} label={t('admin.apiKeys.revoke')} quiet />}</td>
                </tr>
              )}
            />
            <form method="post" action="/admin/api-keys" class="panel toolbar">
              <label class="grow">{t('admin.apiKeys.name')}<input type="text" name="name" required maxlength={100} autocomplete="off" /></label>
              <button type="submit" class="button">{t('admin.apiKeys.create')}</button>
            </form>
          </>
        ),
      };
    });
  }

  return new Hono()
    .get('/', (c) => list(c))
    .post('/', async (c) => {
      const name = ((await formFields(c)).name ?? '').trim();
      if (!name || name.length > 100) return redirectWith(c, '/admin/api-keys', { error: 'INVALID_NAME' });
      return list(c, await issueApiKey(deps, c, name));
    })
    .post('/:id{[0-9]+}/revoke', async (c) => {
      const id = Number(c.req.param('id'));
      if (!(await withdrawApiKey(deps, c, id))) return redirectWith(c, '/admin/api-keys', { error: 'NOT_FOUND' });
      return redirectWith(c, '/admin/api-keys', { notice: 'revoked' });
    });
}
