import type { MonitorEventKind } from '../db/schema/index';
import type { Message } from './channels/channel';
import { PHRASES, type EventTemplates, type NotifyLanguage } from './messages';
import { capLogText, renderTemplate } from './render';

export type ComposeInput = {
  kind: MonitorEventKind;
  reminder: boolean;
  test: boolean;
  vars: Record<string, string>;
  logLines: string[];
  templates: EventTemplates;
  language: NotifyLanguage;
  url: string | null;
  jobId: number | null;
};

/** Renders an event for one channel: its template, with {log_text} capped to what the channel carries. */
export function composeMessage(input: ComposeInput, maxLogChars: number): Message {
  const phrases = PHRASES[input.language];
  const vars = { ...input.vars, log_text: capLogText(input.logLines, maxLogChars, phrases.more) };
  const template = input.templates[input.kind];
  const title = renderTemplate(template.title, vars);
  return {
    kind: input.kind,
    reminder: input.reminder,
    test: input.test,
    title: input.test ? `${phrases.test}: ${title}` : input.reminder ? `${phrases.reminder}${title}` : title,
    body: renderTemplate(template.body, vars).replace(/\n+$/, ''),
    vars,
    url: input.url,
    tag: input.jobId !== null ? `job-${input.jobId}` : 'backwatch',
    jobId: input.jobId,
  };
}
