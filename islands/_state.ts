import { signal } from '@preact/signals';

/** When the data on screen was fetched; islands that refresh data move it forward. */
export const dataTime = signal<string | null>(null);

/**
 * True while the data on screen is not known to be current: the page or its data came from the
 * service worker's offline copy, or the last refresh could not reach the server. A refresh that
 * reaches the server clears it.
 */
export const dataStale = signal(false);
