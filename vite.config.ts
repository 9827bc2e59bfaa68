import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { iconsPlugin } from './static/build/icons-plugin';

// Islands and the stylesheet → dist/public/assets/*.[hash].js|css plus .vite/manifest.json, which the
// server reads to emit script and preload tags. The service worker is a second build (vite.sw.config.ts).
export default defineConfig({
  plugins: [preact(), iconsPlugin()],
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
