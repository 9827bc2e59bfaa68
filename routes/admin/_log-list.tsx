import type { ComponentChildren } from 'preact';
import { withParams } from '../../src/ui/components/paging';
import type { PageContext } from '../../src/ui/page-context';

/**
 * What the console's log lists (Error Log, Scheduled Job Log, Integration Requests, Audit log)
 * share: a GET form of filters, so a filtered list is a URL to share, and keyset paging to older
 * entries, which stays stable while new entries arrive.
 */

/** The filter form: the filters, Apply, then any actions on the filtered list. */
export function FilterBar({ page, children, actions }: { page: PageContext; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <form method="get" class="toolbar">
      {children}
      <button type="submit" class="button">{page.t('action.apply')}</button>
      {actions}
    </form>
  );
}

/** A filter on one of a few values; the first choice, Any, leaves the list unfiltered. */
export function FilterSelect<V extends string>({ page, label, name, values, selected, text = (v) => v }: {
  page: PageContext;
  label: string;
  name: string;
  values: readonly V[];
  selected: string | undefined;
  text?: (value: V) => string;
}) {
  return (
    <label>
      {label}
      <select name={name}>
        <option value="">{page.t('admin.filter.any')}</option>
        {values.map((v) => <option value={v} selected={v === selected}>{text(v)}</option>)}
      </select>
    </label>
  );
}

/** The link to the next, older page when this one is full: ?before=<last id shown>, other filters kept. */
export function OlderLink({ page, url, rows, size }: { page: PageContext; url: string; rows: readonly { id: number }[]; size: number }) {
  if (rows.length !== size) return null;
  return <a href={withParams(url, { before: rows.at(-1)!.id })} rel="next">{page.t('paging.next')}</a>;
}

/** OlderLink in its own paragraph, only when there is an older page. */
export function OlderPage(props: { page: PageContext; url: string; rows: readonly { id: number }[]; size: number }) {
  return props.rows.length === props.size ? <p class="pager"><OlderLink {...props} /></p> : null;
}
