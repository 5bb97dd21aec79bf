import { cronToCalendar } from './cron.js';
import type { NoteSink } from './notes.js';
import type { Container } from './types.js';

type Section = { name: string; entries: Array<readonly [string, string]> };

/** The timer that starts a job's unit on its schedule, or `null` (with a note) when there is none to write. */
export function jobTimer(container: Container, system: string, notes: NoteSink): Section[] | null {
  const component = container.component;
  if (!container.schedule) {
    notes.add(`${component.name} is a job without a schedule: its unit has no timer and is started by hand (\`systemctl start ${container.name}.service\`)`, component.at);
    return null;
  }
  const calendar = cronToCalendar(container.schedule);
  if (calendar === null) {
    notes.add(`${component.name}: the schedule \`${container.schedule}\` has no systemd calendar equivalent here: no timer`, component.at);
    return null;
  }
  if ((component.input.concurrency ?? 1) > 1) notes.add(`${component.name}: \`concurrency: ${component.input.concurrency}\` has no equivalent: a timer starts one run at a time`, component.at);
  return [
    { name: 'Unit', entries: [['Description', `${system} ${component.name} on schedule ${container.schedule}`]] },
    { name: 'Timer', entries: [['OnCalendar', calendar], ['Persistent', 'true'], ['Unit', `${container.name}.service`]] },
    { name: 'Install', entries: [['WantedBy', 'timers.target']] },
  ];
}
