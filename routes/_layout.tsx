import type { ComponentChildren } from 'preact';
import AppShell from '../islands/AppShell';
import { Island } from '../src/ui/island';
import { catalogues, LOCALES } from '../src/ui/i18n/index';
import type { PageContext } from '../src/ui/page-context';
import { THEMES } from '../src/ui/prefs';

type NavItem = { href: string; label: string };

function isCurrent(path: string, href: string) {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

/** Buttons that post one preference; they work without JavaScript and return to the same page. */
function PrefButtons({ page, name, legend, options }: { page: PageContext; name: string; legend: string; options: { value: string; label: string; current: boolean; lang?: string }[] }) {
  return (
    <form method="post" action="/prefs" class="pref-form">
      <input type="hidden" name="back" value={page.path} />
      <fieldset>
        <legend>{legend}</legend>
        {options.map((o) => (
          <button type="submit" name={name} value={o.value} class="chip" aria-pressed={o.current ? 'true' : 'false'} lang={o.lang}>
            {o.label}
          </button>
        ))}
      </fieldset>
    </form>
  );
}

/** The frame of every page: skip link, navigation, theme and language switches, banners, main content. */
export function Layout({ page, title, children }: { page: PageContext; title: string; children: ComponentChildren }) {
  const { t } = page;
  const nav: NavItem[] = [
    { href: '/', label: t('nav.dashboard') },
    { href: '/metrics', label: t('nav.metrics') },
    ...(page.user?.role === 'admin' ? [{ href: '/admin', label: t('nav.admin') }] : []),
    ...(page.user ? [{ href: '/notifications', label: t('nav.notifications') }] : []),
    ...(page.user ? [{ href: '/account', label: t('nav.account') }] : []),
  ];
  return (
    <>
      <a class="skip-link" href="#main">{t('nav.skip')}</a>
      <header class="site-header">
        <a class="brand" href="/">
          <img src="/icons/icon-192.png" alt="" width={28} height={28} />
          <span>{t('app.name')}</span>
        </a>
        <nav aria-label={t('nav.main')}>
          <ul>
            {nav.map((item) => (
              <li>
                <a href={item.href} aria-current={isCurrent(page.path, item.href) ? 'page' : undefined}>{item.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="prefs">
          <PrefButtons
            page={page}
            name="theme"
            legend={t('nav.theme')}
            options={THEMES.map((th) => ({ value: th, label: t(`theme.${th}`), current: page.prefs.theme === th }))}
          />
          <PrefButtons
            page={page}
            name="locale"
            legend={t('nav.language')}
            options={LOCALES.map((l) => ({ value: l, label: catalogues[l]['meta.language'], current: page.locale === l, lang: l }))}
          />
        </div>
      </header>
      <Island
        name="AppShell"
        component={AppShell}
        props={{
          generatedAt: page.now.toISOString(),
          tag: page.tag,
          timeZone: page.timeZone,
          messages: { offline: t('offline.banner'), update: t('update.available'), reload: t('update.reload') },
        }}
      />
      <main id="main" tabindex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
