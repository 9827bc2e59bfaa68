import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps } from '../deps';
import { intlTag, negotiateLocale, translator, type Locale, type Translate } from './i18n/index';
import { loadPrefs, type Prefs } from './prefs';
import { prefsOwner } from './prefs-owner';
import { safeTimeZone } from './format';
import { currentSession } from '../auth/principal';
import type { Role } from '../db/schema/index';

/** Cookie the browser sets with its IANA time zone so server-rendered times match the clock on the wall. */
export const TIME_ZONE_COOKIE = 'bw_tz';

/** Everything a page needs to speak the visitor's language: locale, translator, Intl tag, time zone, prefs. */
export type PageContext = {
  locale: Locale;
  t: Translate;
  /** BCP 47 tag for src/ui/format.ts. */
  tag: string;
  timeZone: string;
  prefs: Prefs;
  path: string;
  now: Date;
  /** The logged-in account (src/auth/principal.ts), for navigation that depends on the role. */
  user: { username: string; role: Role } | null;
};

export async function pageContext(c: Context, deps: AppDeps): Promise<PageContext> {
  const session = currentSession(c);
  const prefs = await loadPrefs(deps.store.db, prefsOwner(c));
  const locale = negotiateLocale({ choice: prefs.locale, acceptLanguage: c.req.header('accept-language') });
  return {
    locale,
    t: translator(locale),
    tag: intlTag(locale),
    timeZone: safeTimeZone(getCookie(c, TIME_ZONE_COOKIE)),
    prefs,
    path: c.req.path,
    now: deps.clock(),
    user: session ? { username: session.user.username, role: session.user.role } : null,
  };
}
