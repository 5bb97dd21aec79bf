/**
 * A cron schedule as a systemd calendar event (systemd.time(7)): `0 3 * * *` →
 * `*-*-* 03:00:00`, `0,30 8-18 * * 1-5` → `Mon..Fri *-*-* 08..18:00,30:00`. `null` for
 * what has no faithful translation (cron ORs a restricted day of month with a
 * restricted weekday, systemd ANDs them).
 */
const MACROS: Readonly<Record<string, string>> = {
  '@yearly': 'yearly',
  '@annually': 'yearly',
  '@monthly': 'monthly',
  '@weekly': 'weekly',
  '@daily': 'daily',
  '@midnight': 'daily',
  '@hourly': 'hourly',
};
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function numeric(field: string, first: number, last: number, pad: boolean, names: readonly string[] = []): string | null {
  if (field === '*') return '*';
  const out: string[] = [];
  for (const part of field.split(',')) {
    const m = /^(\*|[0-9a-z]+)(?:-([0-9a-z]+))?(?:\/(\d+))?$/i.exec(part);
    if (!m) return null;
    const value = (text: string | undefined): number | null => {
      if (text === undefined) return null;
      const named = names.indexOf(text.toLowerCase());
      const n = named >= 0 ? named + first : /^\d+$/.test(text) ? Number(text) : NaN;
      return Number.isInteger(n) && n >= first && n <= last ? n : NaN;
    };
    const fmt = (n: number) => (pad ? String(n).padStart(2, '0') : String(n));
    const start = m[1] === '*' ? first : value(m[1]);
    const end = value(m[2]);
    if (Number.isNaN(start) || Number.isNaN(end) || start === null) return null;
    let text = end === null ? fmt(start) : `${fmt(start)}..${fmt(end)}`;
    if (m[3] !== undefined) {
      if (end !== null) return null;
      text = `${fmt(start)}/${Number(m[3])}`;
    }
    out.push(text);
  }
  return out.join(',');
}

function weekdays(field: string): string | null {
  if (field === '*') return '';
  const out: string[] = [];
  for (const part of field.split(',')) {
    const m = /^([0-7]|[a-z]{3})(?:-([0-7]|[a-z]{3}))?$/i.exec(part);
    if (!m) return null;
    const day = (text: string) => (/^\d$/.test(text) ? DAYS[Number(text)] : DAYS.find((d) => d.toLowerCase() === text.toLowerCase()));
    const a = m[1] === undefined ? undefined : day(m[1]);
    const b = m[2] === undefined ? undefined : day(m[2]);
    if (a === undefined || (m[2] !== undefined && b === undefined)) return null;
    out.push(b === undefined ? a : `${a}..${b}`);
  }
  return out.join(',');
}

export function cronToCalendar(schedule: string): string | null {
  const trimmed = schedule.trim();
  const macro = MACROS[trimmed.toLowerCase()];
  if (macro) return macro;
  const fields = trimmed.split(/\s+/);
  if (fields.length !== 5) return null;
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  if (dom !== '*' && dow !== '*') return null;
  const m = numeric(minute, 0, 59, true);
  const h = numeric(hour, 0, 23, true);
  const d = numeric(dom, 1, 31, true);
  const mo = numeric(month, 1, 12, true, MONTHS);
  const w = weekdays(dow);
  if (m === null || h === null || d === null || mo === null || w === null) return null;
  return `${w ? `${w} ` : ''}*-${mo}-${d} ${h}:${m}:00`;
}
