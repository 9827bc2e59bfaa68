import type { Context } from 'hono';
import { en, type MessageKey } from '../../src/ui/i18n/en';
import type { PageContext } from '../../src/ui/page-context';
import type { PageSpec } from '../../src/ui/page';
import { formatDateTime } from '../../src/ui/format';

/** Sections of the console, in menu order. */
const SECTIONS = [
  ['/admin', 'admin.nav.dashboard'],
  ['/admin/errors', 'admin.nav.errors'],
  ['/admin/jobs', 'admin.nav.jobs'],
  ['/admin/integration-requests', 'admin.nav.integrations'],
  ['/admin/users', 'admin.nav.users'],
  ['/admin/api-keys', 'admin.nav.apiKeys'],
  ['/admin/audit', 'admin.nav.audit'],
  ['/admin/settings', 'admin.nav.settings'],
] as const satisfies readonly (readonly [string, MessageKey])[];

export function AdminNav({ page }: { page: PageContext }) {
  const current = SECTIONS.filter(([href]) => page.path === href || page.path.startsWith(`${href}/`)).at(-1)?.[0];
  return (
    <nav class="admin-nav" aria-label={page.t('admin.nav.label')}>
      <ul>
        {SECTIONS.map(([href, key]) => (
          <li>
            <a href={href} aria-current={href === current ? 'page' : undefined}>{page.t(key)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const isKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/**
 * The outcome of the last form post, carried in the redirect as ?notice=<name> or ?error=<CODE>;
 * only names the catalogue knows are shown, so the URL cannot inject text.
 */
export function Flash({ c, page }: { c: Context; page: PageContext }) {
  const notice = c.req.query('notice');
  const error = c.req.query('error');
  return (
    <>
      {notice && isKey(`admin.notice.${notice}`) ? <p class="notice notice-ok" role="status">{page.t(`admin.notice.${notice}` as MessageKey)}</p> : null}
      {error ? (
        <p class="notice notice-bad" role="alert">{page.t(isKey(`admin.error.${error}`) ? (`admin.error.${error}` as MessageKey) : 'admin.error.generic')}</p>
      ) : null}
    </>
  );
}

/** A one-line form that posts to `action` (delete, revoke, replay...), optionally asking first. */
export function PostButton({ action, label, quiet, fields }: { action: string; label: string; quiet?: boolean; fields?: Record<string, string> }) {
  return (
    <form method="post" action={action} class="inline-form">
      {Object.entries(fields ?? {}).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
      <button type="submit" class={quiet ? 'chip' : 'button'}>{label}</button>
    </form>
  );
}

export function When({ page, at }: { page: PageContext; at: string | null | undefined }) {
  if (!at) return <span class="muted">—</span>;
  return <time datetime={at}>{formatDateTime(page.tag, at, page.timeZone)}</time>;
}

/** The answer of a detail page (/admin/<log>/<id>) whose entry does not exist, or no longer does. */
export function notFoundPage(page: PageContext): PageSpec {
  return { title: page.t('admin.notFound'), status: 404, body: <><AdminNav page={page} /><p class="empty">{page.t('admin.notFound')}</p></> };
}

/** A secret shown once, right after it is made (an API key, a one-time password): only its hash is kept. */
export function ShownOnce({ message, secret }: { message: string; secret: string }) {
  return (
    <div class="notice notice-ok" role="status">
      <p>{message}</p>
      <p><code class="secret" data-secret>{secret}</code></p>
    </div>
  );
}

/** Same-site targets only, so a crafted ?next= cannot send anyone elsewhere after login. */
export function safeLocal(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\') ? value : fallback;
}

export async function formFields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function redirectWith(c: Context, path: string, flash: { notice?: string; error?: string }) {
  const q = new URLSearchParams(Object.entries(flash).filter((e): e is [string, string] => Boolean(e[1])));
  return c.redirect(`${path}${q.size ? `?${q}` : ''}`, 303);
}
