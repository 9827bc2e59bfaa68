import type { MessageKey } from './en';

/** What a language file exports: a translation for every key of the English catalogue. */
export type Catalogue = Record<MessageKey, string>;
