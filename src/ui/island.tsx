import { createContext, type ComponentType } from 'preact';
import { useContext } from 'preact/hooks';

/** Collects, while a page renders, which islands it uses so the page loads only their code. */
export type RenderScope = { islands: Set<string>; nextId: number };
export const RenderScopeContext = createContext<RenderScope | null>(null);

/** JSON safe inside a <script> element: `<` is escaped so no string can close the element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Renders an island on the server and marks it for hydration: `name` is its file in islands/
 * (islands/<name>.tsx, default export `component`); `props` must be JSON-serialisable and are sent
 * in a `<script type="application/json">` data block (no inline script runs, so a strict CSP holds).
 */
export function Island<P extends object>({ name, component: Component, props }: { name: string; component: ComponentType<P>; props: P }) {
  const scope = useContext(RenderScopeContext);
  if (!scope) throw new Error(`Island ${name} rendered outside renderPage(); render pages with renderPage.`);
  scope.islands.add(name);
  const id = `island-props-${scope.nextId++}`;
  return (
    <>
      <div class="island" data-island={name} data-props={id}>
        <Component {...props} />
      </div>
      <script type="application/json" id={id} dangerouslySetInnerHTML={{ __html: scriptSafeJson(props) }} />
    </>
  );
}
