import type { Plugin } from 'vite';
import { ICONS, renderIcon } from './icon';

/** Draws the app icons at build time, so no binary image lives in the repository. */
export function iconsPlugin(): Plugin {
  return {
    name: 'backwatch-icons',
    apply: 'build',
    generateBundle() {
      for (const icon of ICONS) this.emitFile({ type: 'asset', fileName: icon.fileName, source: renderIcon(icon.size, icon.maskable) });
    },
  };
}
