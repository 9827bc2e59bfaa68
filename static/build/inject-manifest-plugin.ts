import { injectManifest } from 'workbox-build';
import type { Plugin } from 'vite';

const OUT = 'dist/public';

/** After the service worker is bundled, Workbox writes the precache list into it; nothing precached fails the build. */
export function injectManifestPlugin(): Plugin {
  return {
    name: 'backwatch-inject-manifest',
    apply: 'build',
    async closeBundle() {
      const { count, size, warnings } = await injectManifest({
        swSrc: `${OUT}/sw.js`,
        swDest: `${OUT}/sw.js`,
        globDirectory: OUT,
        globPatterns: ['assets/*.{js,css}', 'icons/*.png', 'manifest.webmanifest'],
        // Hashed file names already change with content.
        dontCacheBustURLsMatching: /^assets\//,
      });
      if (warnings.length) throw new Error(`Workbox: ${warnings.join('; ')}`);
      if (count === 0) throw new Error(`Workbox precached nothing from ${OUT}: run the islands build (vite build) first.`);
      this.info?.(`precache: ${count} files, ${(size / 1024).toFixed(1)} kB`);
    },
  };
}
