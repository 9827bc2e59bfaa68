import { Cron } from 'croner';
import { boundedCache } from '../bounded-cache';
import type { ScheduleSource } from '../db/schema/index';
import { addInterval, formatInterval, parseInterval } from './interval';
import { addZonedDays, isTimeZone, wallTime, zonedInstant } from './zoned-time';

/** What a job is expected to do, whatever its source. Weekdays: bit mask, bit 0 = Sunday; null = any day. */
export type Schedule =
  | { kind: 'interval'; interval: string; timeZone: string; weekdays: number | null }
  | { kind: 'cron'; cron: string; timeZone: string; weekdays: number | null }
  /** Duplicati told us its next run exactly. */
  | { kind: 'at'; at: string }
  /** Learned from history: a median gap, and for daily-ish jobs a usual minute of the day. */
  | { kind: 'learned'; intervalSeconds: number; minuteOfDay: number | null; timeZone: string };

export type EffectiveSchedule = { source: ScheduleSource; schedule: Schedule; label: string };

const ALL_DAYS = 0b1111111;

/** A problem with a user-entered schedule, worded for the settings form; null when it is valid. */
export function scheduleProblem(s: { interval?: string | null; cron?: string | null; timeZone?: string | null; weekdays?: number | null }): string | null {
  if (s.interval && s.cron) return 'Set either an interval or a cron expression, not both.';
  if (s.interval && !parseInterval(s.interval)) return `"${s.interval}" is not an interval; use Duplicati's form such as 1D, 12h, 1W or 1D12h.`;
  if (s.cron) {
    try {
      new Cron(s.cron, { timezone: s.timeZone ?? 'UTC' });
    } catch (err) {
      return `"${s.cron}" is not a cron expression: ${(err as Error).message}`;
    }
  }
  if (s.timeZone && !isTimeZone(s.timeZone)) return `"${s.timeZone}" is not a time zone; use an IANA name such as Europe/Paris.`;
  if (s.weekdays !== null && s.weekdays !== undefined && (s.weekdays < 1 || s.weekdays > ALL_DAYS)) return 'Allow at least one weekday.';
  return null;
}

const dayAllowed = (t: Date, timeZone: string, weekdays: number | null) =>
  weekdays === null || (weekdays & (1 << wallTime(t, timeZone).weekday)) !== 0;

/** Parsing a pattern costs about as much as finding its next run (some 30 µs); nextRun reads an unscheduled Cron without changing it. */
const crons = boundedCache<Cron>(256);

function cronFor(cron: string, timeZone: string): Cron {
  return crons(`${timeZone} ${cron}`, () => new Cron(cron, { timezone: timeZone }));
}

function nextCron(cron: string, timeZone: string, after: Date): Date | null {
  return cronFor(cron, timeZone).nextRun(after);
}

/** Moves a due time that falls on a disallowed weekday to the next allowed day, like Duplicati does. */
function onAllowedDay(due: Date | null, timeZone: string, weekdays: number | null, step: (t: Date) => Date | null): Date | null {
  let t = due;
  for (let i = 0; t && i < 400 && !dayAllowed(t, timeZone, weekdays); i++) t = step(t);
  return t;
}

/** When the run after one that began at `lastRunAt` is expected. */
export function nextDue(schedule: Schedule, lastRunAt: Date): Date | null {
  switch (schedule.kind) {
    case 'at':
      return new Date(schedule.at) > lastRunAt ? new Date(schedule.at) : null;
    case 'interval': {
      const interval = parseInterval(schedule.interval);
      if (!interval) return null;
      const due = addInterval(lastRunAt, interval, schedule.timeZone);
      return onAllowedDay(due, schedule.timeZone, schedule.weekdays, (t) => addZonedDays(t, 1, schedule.timeZone));
    }
    case 'cron':
      return onAllowedDay(nextCron(schedule.cron, schedule.timeZone, lastRunAt), schedule.timeZone, schedule.weekdays, (t) =>
        nextCron(schedule.cron, schedule.timeZone, t),
      );
    case 'learned': {
      const plain = new Date(lastRunAt.getTime() + schedule.intervalSeconds * 1000);
      if (schedule.minuteOfDay === null) return plain;
      // Snap to the usual time of day on the day closest to lastRunAt + interval.
      const w = wallTime(plain, schedule.timeZone);
      const sameDay = zonedInstant(
        { year: w.year, month: w.month, day: w.day, hour: Math.floor(schedule.minuteOfDay / 60), minute: schedule.minuteOfDay % 60, second: 0 },
        schedule.timeZone,
      );
      const candidates = [addZonedDays(sameDay, -1, schedule.timeZone), sameDay, addZonedDays(sameDay, 1, schedule.timeZone)].filter((c) => c > lastRunAt);
      return candidates.reduce((best, c) => (Math.abs(c.getTime() - plain.getTime()) < Math.abs(best.getTime() - plain.getTime()) ? c : best));
    }
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export const MIN_RUNS_TO_LEARN = 3;

/**
 * Learns a schedule from run start times (any order): the median gap between runs, and for jobs
 * running about once a day or less often, the median minute of the day they start. Null with
 * fewer than three runs.
 */
export function learnSchedule(beginTimes: Date[], timeZone: string): { intervalSeconds: number; minuteOfDay: number | null } | null {
  if (beginTimes.length < MIN_RUNS_TO_LEARN) return null;
  const sorted = beginTimes.map((d) => d.getTime()).sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((t, i) => (t - sorted[i]!) / 1000).filter((g) => g >= 60);
  if (gaps.length < MIN_RUNS_TO_LEARN - 1) return null;
  const intervalSeconds = Math.round(median(gaps) / 60) * 60;
  const daily = Math.abs(intervalSeconds / 86_400 - Math.round(intervalSeconds / 86_400)) < 0.1 && intervalSeconds >= 0.9 * 86_400;
  if (!daily) return { intervalSeconds, minuteOfDay: null };
  const minutes = sorted.map((t) => {
    const w = wallTime(new Date(t), timeZone);
    return w.hour * 60 + w.minute;
  });
  return { intervalSeconds: Math.round(intervalSeconds / 86_400) * 86_400, minuteOfDay: Math.round(median(minutes)) };
}

export type ScheduleInputs = {
  user: { interval: string | null; cron: string | null; timeZone: string; weekdays: number | null };
  duplicatiNextRun: string | null;
  learned: { intervalSeconds: number; minuteOfDay: number | null } | null;
};

/** Picks the schedule by source: set by a user, then Duplicati's own, then learned from history. */
export function effectiveSchedule({ user, duplicatiNextRun, learned }: ScheduleInputs): EffectiveSchedule | null {
  if (user.cron) return { source: 'user', schedule: { kind: 'cron', cron: user.cron, timeZone: user.timeZone, weekdays: user.weekdays }, label: user.cron };
  if (user.interval && parseInterval(user.interval)) {
    return { source: 'user', schedule: { kind: 'interval', interval: user.interval, timeZone: user.timeZone, weekdays: user.weekdays }, label: user.interval };
  }
  if (duplicatiNextRun) return { source: 'duplicati', schedule: { kind: 'at', at: duplicatiNextRun }, label: `next ${duplicatiNextRun}` };
  if (learned) {
    return {
      source: 'learned',
      schedule: { kind: 'learned', ...learned, timeZone: user.timeZone },
      label: formatInterval(learned.intervalSeconds),
    };
  }
  return null;
}
