import { createContext, type ComponentChildren, type ComponentType } from 'preact';
import { useContext } from 'preact/hooks';

/** Collects, while a page renders, which islands it uses so the page loads only their code. */
export type RenderScope = { islands: Set<string>; nextId: number };
export const RenderScopeContext = createContext<RenderScope | null>(null);

/** JSON safe inside a <script> element: `<` is escaped so no string can close the element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Server-rendered parts of an island that are neither sent as props nor hydrated (src/ui/slot.ts). */
export type Slots<K extends string> = { slots?: Record<K, ComponentChildren> };

/**
 * Renders an island on the server and marks it for hydration: `name` is its file in islands/
 * (islands/<name>.tsx, default export `component`); `props` must be JSON-serialisable and are sent
 * in a `<script type="application/json">` data block (no inline script runs, so a strict CSP holds).
 * `slots` is content the island places (with `slotContent`) but does not render in the browser:
 * large server-rendered lists cost neither props nor hydration.
 */
export function Island<P extends object, K extends string = never>({ name, component: Component, props, slots }: {
  name: string;
  component: ComponentType<P & Slots<K>>;
  props: P;
  slots?: Record<K, ComponentChildren>;
}) {
  const scope = useContext(RenderScopeContext);
  if (!scope) throw new Error(`Island ${name} rendered outside renderPage(); render pages with renderPage.`);
  scope.islands.add(name);
  const id = `island-props-${scope.nextId++}`;
  return (
    <>
      <div class="island" data-island={name} data-props={id}>
        <Component {...props} slots={slots} />
      </div>
      <script type="application/json" id={id} dangerouslySetInnerHTML={{ __html: scriptSafeJson(props) }} />
    </>
  );
}
