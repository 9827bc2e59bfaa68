/** The front-end build's Vite manifest, bundled into the Worker (alias in wrangler.toml and vitest.config.ts). */
declare module 'backwatch:asset-manifest' {
  const manifest: unknown;
  export default manifest;
}
