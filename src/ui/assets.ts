import { z } from 'zod';

/** Vite's build manifest (dist/public/.vite/manifest.json): source path → emitted hashed files. */
const chunkSchema = z.object({
  file: z.string(),
  src: z.string().optional(),
  isEntry: z.boolean().optional(),
  isDynamicEntry: z.boolean().optional(),
  imports: z.array(z.string()).optional(),
  dynamicImports: z.array(z.string()).optional(),
  css: z.array(z.string()).optional(),
});
export const assetManifestSchema = z.record(z.string(), chunkSchema);
export type AssetManifest = z.infer<typeof assetManifestSchema>;

/** The entry every page loads; it hydrates the islands present on the page. */
export const CLIENT_ENTRY = 'islands/_client.ts';
export const STYLESHEET_ENTRY = 'static/app.css';
/** Where built assets are served from (same path on Node and under Workers static assets). */
export const ASSET_BASE = '/';

export type PageAssets = { scripts: string[]; preloads: string[]; styles: string[] };

function url(file: string) {
  return `${ASSET_BASE}${file}`;
}

/**
 * Script, preload and stylesheet URLs for a page that uses `islands` (names of files in islands/).
 * Island chunks are preloaded so hydration does not wait for a second round trip.
 */
export function pageAssets(manifest: AssetManifest, islands: Iterable<string>): PageAssets {
  const preloads = new Set<string>();
  const styles = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string, preload: boolean) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    if (preload) preloads.add(url(chunk.file));
    for (const css of chunk.css ?? []) styles.add(url(css));
    for (const dep of chunk.imports ?? []) visit(dep, true);
  };
  const sheet = manifest[STYLESHEET_ENTRY];
  if (sheet) styles.add(url(sheet.file));
  const client = manifest[CLIENT_ENTRY];
  visit(CLIENT_ENTRY, false);
  for (const name of islands) visit(`islands/${name}.tsx`, true);
  return { scripts: client ? [url(client.file)] : [], preloads: [...preloads], styles: [...styles] };
}

/** Parses a manifest read from disk or imported by a bundler; an invalid one is a build problem. */
export function parseAssetManifest(json: unknown): AssetManifest {
  const parsed = assetManifestSchema.safeParse(json);
  if (!parsed.success) throw new Error(`The asset manifest is not a Vite manifest (${parsed.error.issues[0]?.message}); run npm run build.`);
  return parsed.data;
}
