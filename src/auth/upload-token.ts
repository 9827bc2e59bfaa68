import type { Database } from '../db/database';
import { getOrCreateSetting } from '../admin/settings';
import { constantTimeEqual, randomToken } from './secrets';

const SETTING = 'upload_token';

/** The token Duplicati clients must present: UPLOAD_TOKEN when set, else one generated once and kept. */
export async function resolveUploadToken(db: Database, configured: string | undefined, now: Date): Promise<{ token: string; generated: boolean }> {
  if (configured) return { token: configured, generated: false };
  return { token: await getOrCreateSetting(db, SETTING, () => randomToken(24), now), generated: true };
}

/** The token from `/api/upload/:token`, `?token=`, or `Authorization: Bearer`, in that order. */
export function presentedUploadToken(pathToken: string | undefined, url: URL, authorization: string | undefined): string | undefined {
  if (pathToken) return pathToken;
  const query = url.searchParams.get('token');
  if (query) return query;
  const m = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  return m?.[1]?.trim();
}

export function uploadTokenMatches(expected: string, presented: string | undefined): boolean {
  return presented !== undefined && constantTimeEqual(expected, presented);
}
