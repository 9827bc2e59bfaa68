import type { ComponentChildren } from 'preact';

// Hydration never diffs inside an element that has dangerouslySetInnerHTML, and later renders
// rewrite it only when the string changes: this one never does, so the element keeps its content.
const KEEP = { __html: '' };

/**
 * Props for the element of an island that holds one of its `slots` (see Island): on the server,
 * the slot's content; in the browser, whatever the server rendered there stays, untouched by
 * Preact, and only the island (through a ref) replaces it, e.g. with newer server HTML.
 */
export function slotContent(content: ComponentChildren | undefined) {
  return content === undefined ? { dangerouslySetInnerHTML: KEEP } : { children: content };
}
