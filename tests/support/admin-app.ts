import { loginAs } from './auth';
import { createTestApp } from './test-app';

/** A fresh app with the admin "root" signed in: where the admin console's tests start. */
export async function appWithAdmin() {
  const t = await createTestApp();
  try {
    return { t, admin: await loginAs(t, 'admin', 'root') };
  } catch (err) {
    t.close();
    throw err;
  }
}
