import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { iconsPlugin } from './static/build/icons-plugin';
import { headersPlugin } from './static/build/headers-plugin';

// Islands and the stylesheet → dist/public/assets/*.[hash].js|css plus .vite/manifest.json, which the
// server reads to emit script and preload tags; also the Workers `_headers` file. The service worker is a
// second build (vite.sw.config.ts).
export default defineConfig({
  plugins: [preact(), iconsPlugin(), headersPlugin()],
  publicDir: 'static/public',
  build: {
    outDir: 'dist/public',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    modulePreload: false,
    rollupOptions: { input: ['islands/_client.ts', 'static/app.css'] },
  },
});
