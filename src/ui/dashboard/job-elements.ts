/**
 * The dashboard's server-rendered job cards or table rows, as the island sees them: the element
 * that holds them (`data-jobs`) and every job's element by id (`data-job`), including the ones
 * currently taken out of the document by a filter.
 */
export type JobElements = { list: Element | null; byId: Map<number, HTMLElement> };

export function collectJobElements(root: ParentNode): JobElements {
  const byId = new Map<number, HTMLElement>();
  for (const el of root.querySelectorAll<HTMLElement>('[data-job]')) byId.set(Number(el.dataset.job), el);
  return { list: root.querySelector('[data-jobs]'), byId };
}

/**
 * Makes the list hold exactly the jobs `ids`, in that order. Jobs filtered out leave the document
 * rather than being hidden, so what the page holds is what it shows; an unchanged list is not
 * touched (no style or layout work).
 */
export function showJobs({ list, byId }: JobElements, ids: readonly number[]) {
  if (!list) return;
  const current = list.children;
  const unchanged = current.length === ids.length && ids.every((id, i) => {
    const el = current[i] as HTMLElement;
    return el.dataset.job === String(id) && !el.hidden;
  });
  if (unchanged) return;
  const next: HTMLElement[] = [];
  for (const id of ids) {
    const el = byId.get(id);
    if (!el) continue;
    el.hidden = false;
    next.push(el);
  }
  list.replaceChildren(...next);
}
