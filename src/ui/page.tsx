import type { Context } from 'hono';
import type { VNode } from 'preact';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Layout } from '../../routes/_layout';
import type { AppDeps } from '../deps';
import { pageContext, type PageContext } from './page-context';
import { renderDocument } from './render';

export type PageSpec = {
  title: string;
  description?: string;
  body: VNode;
  status?: ContentfulStatusCode;
};

/**
 * Renders a page inside the shared layout: `build` gets the visitor's PageContext (locale,
 * translator, formats, prefs) and returns the title and body. Pages are private and per-person,
 * so they are never stored by shared caches.
 */
export async function renderPage(c: Context, deps: AppDeps, build: (page: PageContext) => PageSpec | Promise<PageSpec>) {
  const page = await pageContext(c, deps);
  const spec = await build(page);
  const html = renderDocument({
    page,
    head: { title: spec.title, ...(spec.description ? { description: spec.description } : {}) },
    manifest: deps.assets ?? {},
    body: <Layout page={page} title={spec.title}>{spec.body}</Layout>,
  });
  c.header('Cache-Control', 'private, no-cache');
  c.header('Vary', 'Accept-Language, Cookie');
  return c.html(html, spec.status ?? 200);
}
