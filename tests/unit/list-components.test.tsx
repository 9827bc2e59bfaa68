import { describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import { FilterSelect, OlderLink, OlderPage } from '../../routes/admin/_log-list';
import { DataTable } from '../../src/ui/components/data-table';
import { RunRow, type RunListRow } from '../../src/ui/components/run-row';
import { translator } from '../../src/ui/i18n/index';
import type { PageContext } from '../../src/ui/page-context';

const page = { locale: 'en', t: translator('en'), tag: 'en-GB', timeZone: 'UTC' } as PageContext;
const rows = [{ id: 9 }, { id: 7 }];

describe('DataTable', () => {
  it('heads every column, right-aligning the numeric ones, and renders each row', () => {
    const html = renderToString(<DataTable columns={['Name', { label: 'Size', num: true }]} rows={rows} row={(r) => <tr><td>{r.id}</td></tr>} />);
    expect(html).toBe(
      '<div class="table-wrap"><table><thead><tr><th scope="col">Name</th><th scope="col" class="num">Size</th></tr></thead><tbody><tr><td>9</td></tr><tr><td>7</td></tr></tbody></table></div>',
    );
  });

  it('says the empty sentence instead of a table when there are no rows', () => {
    expect(renderToString(<DataTable columns={['Name']} rows={[]} row={() => <tr />} empty="Nothing yet." />)).toBe('<p class="empty">Nothing yet.</p>');
  });

  it('keeps the headings when no empty sentence is given', () => {
    expect(renderToString(<DataTable columns={['Name']} rows={[]} row={() => <tr />} />)).toContain('<th scope="col">Name</th>');
  });
});

describe('log list filters and paging', () => {
  it('offers Any first and marks the value in the URL as selected', () => {
    const html = renderToString(<FilterSelect page={page} label="Status" name="status" values={['Queued', 'Failed']} selected="Failed" text={(v) => v.toUpperCase()} />);
    expect(html).toBe('<label>Status<select name="status"><option value>Any</option><option value="Queued">QUEUED</option><option value="Failed" selected>FAILED</option></select></label>');
  });

  it('links to the entries before the last one shown, keeping the filters, only when the page is full', () => {
    const url = 'http://backwatch.local/admin/jobs?status=Failed&before=20';
    expect(renderToString(<OlderPage page={page} url={url} rows={rows} size={2} />)).toBe('<p class="pager"><a href="/admin/jobs?status=Failed&amp;before=7" rel="next">Next</a></p>');
    expect(renderToString(<OlderPage page={page} url={url} rows={rows} size={3} />)).toBe('');
    expect(renderToString(<OlderLink page={page} url={url} rows={rows} size={3} />)).toBe('');
  });
});

describe('RunRow', () => {
  const run: RunListRow = { id: 42, jobId: 3, jobName: 'Photos', beginTime: '2026-01-15T02:00:00.000Z', status: 'Warning', durationSeconds: 90, size: 2048, uploaded: 0, warnings: 1, errors: 0 };

  it('links the run on its job page and shows its outcome and numbers', () => {
    const html = renderToString(<RunRow run={run} page={page} />);
    expect(html).toMatch(/^<tr><td><a href="\/jobs\/3\?run=42">15 Jan 2026, 02:00<\/a><\/td><td><span class="status status-warn">/);
    expect(html).not.toContain('Photos');
    expect(html.match(/<td class="num">/g)).toHaveLength(5);
  });

  it('names the job where runs of several jobs are listed, and marks the run on show', () => {
    expect(renderToString(<RunRow run={run} page={page} withJob />)).toContain('</a></td><td>Photos</td><td><span class="status');
    expect(renderToString(<RunRow run={run} page={page} current />)).toMatch(/^<tr aria-current="true">/);
  });
});
