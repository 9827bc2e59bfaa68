import { Hono } from 'hono';
import type { AppDeps } from '../../src/deps';
import { RETAINED_LOGS, type RetainedLog } from '../../src/admin/retention';
import { renderPage } from '../../src/ui/page';
import { accessSettings, changeSettings } from '../api/admin/settings';
import { AdminNav, Flash, formFields, redirectWith } from './_parts';

/** /admin/settings: whether the read API is public, and how long each log is kept. */
export function settingsPages(deps: AppDeps) {
  return new Hono()
    .get('/', async (c) => {
      const current = await accessSettings(deps);
      return renderPage(c, deps, (page) => {
        const { t } = page;
        return {
          title: t('admin.settings.title'),
          body: (
            <>
              <AdminNav page={page} />
              <Flash c={c} page={page} />
              <form method="post" action="/admin/settings" class="panel settings-form">
                <fieldset>
                  <legend>{t('admin.settings.readApi')}</legend>
                  <label class="check">
                    <input type="checkbox" name="readApiPublic" value="on" checked={current.readApiPublic} />
                    {t('admin.settings.readApiPublic')}
                  </label>
                  <p class="muted">{t('admin.settings.readApiHint')}</p>
                </fieldset>
                <fieldset>
                  <legend>{t('admin.settings.retention')}</legend>
                  {RETAINED_LOGS.map((log) => (
                    <label>
                      {t(`admin.retention.${log}`)}
                      <input type="number" name={`retention.${log}`} min={1} max={3650} value={current.retentionDays[log]} required />
                    </label>
                  ))}
                  <p class="muted">{t('admin.settings.retentionHint')}</p>
                </fieldset>
                <button type="submit" class="button">{t('admin.save')}</button>
              </form>
            </>
          ),
        };
      });
    })
    .post('/', async (c) => {
      const form = await formFields(c);
      const retentionDays: Partial<Record<RetainedLog, number>> = {};
      for (const log of RETAINED_LOGS) {
        const days = Number(form[`retention.${log}`]);
        if (!Number.isInteger(days) || days < 1 || days > 3650) return redirectWith(c, '/admin/settings', { error: 'INVALID_RETENTION' });
        retentionDays[log] = days;
      }
      await changeSettings(deps, c, { readApiPublic: form.readApiPublic === 'on', retentionDays });
      return redirectWith(c, '/admin/settings', { notice: 'saved' });
    });
}
