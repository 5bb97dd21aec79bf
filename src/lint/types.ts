import type { Location, SourceSpan } from '../spec/source.js';
import type { Model } from '../spec/model.js';
import type { LintAnalysis } from './analysis.js';

/**
 * A lint rule is data beside one pure function (as ESLint's are): its id,
 * default severity, category, a one-line summary, its message templates by id,
 * and documentation whose examples are tested.
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type Category =
  | 'arithmetic'
  | 'capacity'
  | 'growth'
  | 'backup'
  | 'availability'
  | 'network'
  | 'security'
  | 'versions'
  | 'cost'
  | 'meta';

export const CATEGORIES: readonly Category[] = ['arithmetic', 'capacity', 'growth', 'backup', 'availability', 'network', 'security', 'versions', 'cost', 'meta'];

export interface RuleDocs {
  /** Why it matters: a paragraph in the user's words (Markdown). */
  why: string;
  /** A spec fragment the rule reports exactly once (YAML, without the `infraspec:`/`system:` header). */
  invalid: string;
  /** The same fragment, fixed: the rule reports nothing. */
  valid: string;
  /** How to fix it, when that is not obvious from the valid example. */
  fix?: string;
}

/** Values a message template's `{placeholders}` are filled with. */
export type MessageData = Record<string, string | number | bigint>;

export interface ReportInput<M extends string = string> {
  /** Where the finding is: the figure, field or entity at fault. */
  at: SourceSpan;
  /** The message template's id. */
  message: M;
  data?: MessageData;
  /** The phase the finding holds in, when it depends on the phase. */
  phase?: string | null;
}

export type Report<M extends string = string> = (finding: ReportInput<M>) => void;

export interface Rule<M extends string = string> {
  /** Stable kebab-case id; also the file name in `src/lint/rules/` and `docs/rules/`. */
  id: string;
  severity: Severity;
  category: Category;
  /** One line, a sentence that ends with a full stop. */
  summary: string;
  /** Message templates by id; `{name}` is replaced by `data.name`. */
  messages: Record<M, string>;
  docs: RuleDocs;
  /** Pure: reads the model (and the memoized analyses), reports findings, nothing else. */
  check(model: Model, report: Report<M>, analysis: LintAnalysis): void;
}

/** A rule whose message ids are erased, for lists of rules of different kinds. */
// eslint-style registries hold rules with different message ids; `never` keeps `check` callable.
export type AnyRule = Rule<string>;

export interface Finding {
  rule: string;
  severity: Severity;
  category: Category;
  messageId: string;
  message: string;
  at: SourceSpan;
  phase: string | null;
}

export interface FindingJson {
  rule: string;
  severity: Severity;
  category: Category;
  messageId: string;
  message: string;
  at: Location;
  phase: string | null;
}

/** Fill a message template: `{name}` → data.name; a placeholder without data is a bug in the rule. */
export function formatMessage(template: string, data: MessageData = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = data[key];
    if (value === undefined) throw new Error(`message template ${JSON.stringify(template)} needs \`${key}\``);
    return String(value);
  });
}
