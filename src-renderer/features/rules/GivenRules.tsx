import type { GivenRule } from '../../../src-shared/contract';
import { ruleSummary } from './rules-text';

/** The files of one moment rules were given, one line each (file, scope, activation, size, cut, importer). */
export function GivenRulesList({ rules, className }: { rules: readonly GivenRule[]; className?: string }) {
  return (
    <ul className={className}>
      {rules.map((rule) => (
        <li key={rule.file}>{ruleSummary(rule)}</li>
      ))}
    </ul>
  );
}

/** What was cut, left out or refused: always shown, never folded away. */
export function RulesWarnings({ warnings, label, className }: { warnings: readonly string[]; label: string; className: string }) {
  if (warnings.length === 0) return null;
  return (
    <ul className={className} aria-label={label}>
      {warnings.map((warning) => (
        <li key={warning}>⚠ {warning}</li>
      ))}
    </ul>
  );
}
