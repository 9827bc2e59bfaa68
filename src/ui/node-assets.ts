import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root';
import { parseAssetManifest, type AssetManifest } from './assets';

/** The directory `npm run build` writes (islands, stylesheet, service worker, icons, web manifest). */
export const PUBLIC_DIR = join(PROJECT_ROOT, 'dist', 'public');

/** Reads the build's asset manifest on Node; fails with the command to run when the build is missing. */
export function loadNodeAssetManifest(dir = PUBLIC_DIR): AssetManifest {
  const path = `${dir}/.vite/manifest.json`;
  if (!existsSync(path)) throw new Error(`No front-end build at ${path}: run npm run build first.`);
  return parseAssetManifest(JSON.parse(readFileSync(path, 'utf8')));
}
