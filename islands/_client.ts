/// <reference types="vite/client" />
import { h, hydrate, type ComponentType } from 'preact';

/**
 * The one script every page loads: hydrates each `[data-island]` element with its component from
 * islands/<name>.tsx and the props from its JSON data block. Islands are separate chunks, loaded
 * only by pages that use them.
 */
const islands = import.meta.glob<{ default: ComponentType<object> }>('./[A-Z]*.tsx');

for (const el of document.querySelectorAll<HTMLElement>('[data-island]')) {
  const name = el.dataset.island ?? '';
  const load = islands[`./${name}.tsx`];
  const data = document.getElementById(el.dataset.props ?? '');
  if (!load || !data) {
    console.error(`Island "${name}" cannot hydrate: ${load ? 'its props block is missing' : 'no islands/' + name + '.tsx in the build'}.`);
    continue;
  }
  const props = JSON.parse(data.textContent ?? '{}') as object;
  void load().then((mod) => hydrate(h(mod.default, props), el));
}
