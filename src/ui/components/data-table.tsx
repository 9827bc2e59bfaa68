import type { ComponentChildren, VNode } from 'preact';

/** A column heading; numeric columns are right-aligned like their cells. */
export type Column = ComponentChildren | { label: ComponentChildren; num: true };

const isNumeric = (col: Column): col is { label: ComponentChildren; num: true } => typeof col === 'object' && col !== null && 'num' in col;

/**
 * A list as a table that scrolls sideways on narrow screens. With `empty`, no rows shows that
 * sentence instead of a table with headings only.
 */
export function DataTable<R>({ columns, rows, row, empty }: { columns: readonly Column[]; rows: readonly R[]; row: (r: R) => VNode; empty?: ComponentChildren }) {
  if (rows.length === 0 && empty !== undefined) return <p class="empty">{empty}</p>;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((col) => (isNumeric(col) ? <th scope="col" class="num">{col.label}</th> : <th scope="col">{col}</th>))}
          </tr>
        </thead>
        <tbody>{rows.map(row)}</tbody>
      </table>
    </div>
  );
}
