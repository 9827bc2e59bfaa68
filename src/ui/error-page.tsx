import type { Context } from 'hono';
import type { AppDeps } from '../deps';
import type { MessageKey, MessageParams, Translate } from './i18n/index';
import { renderPage } from './page';

/**
 * Browsers navigating to a page, or posting one of its forms, ask for HTML; API clients and the
 * islands' fetch calls do not, and keep getting JSON `{error, ...}`.
 */
export function wantsHtmlPage(c: Context): boolean {
  const path = c.req.path;
  if (path === '/api' || path.startsWith('/api/')) return false;
  return (c.req.header('accept') ?? '').includes('text/html');
}

export type ErrorPageSpec = {
  status: 403 | 404;
  title: MessageKey;
  message: MessageKey;
  /** Values for the message's {placeholders}; role names and the like are translated by the caller. */
  params?: (t: Translate) => MessageParams;
};

/** A refused or unknown page in the visitor's language, inside the usual layout, with a way back. */
export function renderErrorPage(c: Context, deps: AppDeps, spec: ErrorPageSpec) {
  return renderPage(c, deps, ({ t }) => ({
    title: t(spec.title),
    status: spec.status,
    body: (
      <section class="panel">
        <p>{t(spec.message, spec.params?.(t))}</p>
        <p>
          <a href="/">{t('error.home')}</a>
        </p>
      </section>
    ),
  }));
}
