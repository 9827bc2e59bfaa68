import { defineConfig } from 'vite';
import { injectManifestPlugin } from './static/build/inject-manifest-plugin';

// The service worker: bundled from static/sw.ts into dist/public/sw.js, then Workbox injects the
// precache list (hashed assets, icons, web manifest) built by vite.config.ts.
export default defineConfig({
  publicDir: false,
  plugins: [injectManifestPlugin()],
  build: {
    outDir: 'dist/public',
    emptyOutDir: false,
    target: 'es2022',
    rollupOptions: {
      input: 'static/sw.ts',
      output: { format: 'iife', entryFileNames: 'sw.js' },
    },
  },
});
