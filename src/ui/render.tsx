import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { pageAssets, type AssetManifest } from './assets';
import { RenderScopeContext, type RenderScope } from './island';
import type { PageContext } from './page-context';

export type HeadInfo = { title: string; description?: string };

function escapeAttr(value: string) {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * A complete HTML document for `body` (usually a <Layout>): islands used while rendering decide
 * which hashed modules are loaded; no inline script or style, so `script-src 'self'` holds.
 */
export function renderDocument(opts: { page: PageContext; head: HeadInfo; manifest: AssetManifest; body: VNode }): string {
  const scope: RenderScope = { islands: new Set(), nextId: 0 };
  const bodyHtml = renderToString(<RenderScopeContext.Provider value={scope}>{opts.body}</RenderScopeContext.Provider>);
  const assets = pageAssets(opts.manifest, scope.islands);
  const { page, head } = opts;
  const theme = page.prefs.theme === 'system' ? '' : ` data-theme="${page.prefs.theme}"`;
  const headHtml = renderToString(
    <>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${head.title} · ${page.t('app.name')}`}</title>
      <meta name="description" content={head.description ?? page.t('app.description')} />
      <meta name="color-scheme" content={page.prefs.theme === 'system' ? 'light dark' : page.prefs.theme} />
      <meta name="theme-color" content="#0f5ea8" />
      <link rel="manifest" href="/manifest.webmanifest" />
      <link rel="icon" href="/icons/icon-192.png" type="image/png" />
      <link rel="apple-touch-icon" href="/icons/icon-192.png" />
      {assets.styles.map((href) => <link rel="stylesheet" href={href} />)}
      {assets.preloads.map((href) => <link rel="modulepreload" href={href} />)}
      {assets.scripts.map((src) => <script type="module" src={src} />)}
    </>,
  );
  return `<!doctype html><html lang="${escapeAttr(page.locale)}"${theme}><head>${headHtml}</head><body>${bodyHtml}</body></html>`;
}

