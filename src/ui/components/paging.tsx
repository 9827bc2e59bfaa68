import type { Translate } from '../i18n/index';
import type { Paging } from '../run-pages';

/** Previous/next links that keep the other query parameters; plain links, so paging needs no JavaScript. */
export function Pager({ paging, t, href }: { paging: Paging; t: Translate; href: (page: number) => string }) {
  if (paging.pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('paging.page', { page: paging.page, pages: paging.pages })}>
      {paging.page > 1 ? <a href={href(paging.page - 1)} rel="prev">{t('paging.previous')}</a> : <span class="muted">{t('paging.previous')}</span>}
      <span>{t('paging.page', { page: paging.page, pages: paging.pages })}</span>
      {paging.page < paging.pages ? <a href={href(paging.page + 1)} rel="next">{t('paging.next')}</a> : <span class="muted">{t('paging.next')}</span>}
    </nav>
  );
}

/** The current URL with some query parameters replaced. */
export function withParams(url: string, changes: Record<string, string | number | null>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) u.searchParams.delete(k);
    else u.searchParams.set(k, String(v));
  }
  return `${u.pathname}${u.search}`;
}
