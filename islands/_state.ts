import { signal } from '@preact/signals';

/** When the data on screen was produced by the server; islands that refresh data move it forward. */
export const dataTime = signal<string | null>(null);
