import type { GivenRule } from '../../../src-shared/contract';
import type { RuleDocument } from './rule-document';

/**
 * How much rules text an agent is given, in characters: one file at most `fileChars`, the
 * rules of one run's system prompt at most `totalChars` (what a path brings later counts per
 * file only). Rules are context the model pays for on every step; a 200 KB CLAUDE.md would
 * crowd out the task itself.
 */
export const ruleBudget = { fileChars: 20_000, totalChars: 60_000 } as const;

export interface FittedRule {
  document: RuleDocument;
  /** The text given, with a note at the cut when it was cut. */
  text: string;
  given: GivenRule;
}

export interface FittedRules {
  rules: FittedRule[];
  warnings: string[];
}

/**
 * Cuts each document to the per-file budget and the whole list to `totalChars`: what does not
 * fit is cut (or left out once nothing is left), each with a warning the user sees.
 */
export function fitToBudget(documents: readonly RuleDocument[], totalChars: number = ruleBudget.totalChars): FittedRules {
  const rules: FittedRule[] = [];
  const warnings: string[] = [];
  let left = totalChars;
  for (const document of documents) {
    const original = document.body.trim();
    if (original === '') continue;
    const allowed = Math.min(ruleBudget.fileChars, left);
    if (allowed <= 0) {
      warnings.push(`${document.file} (${original.length.toLocaleString('en')} characters) was left out: the rules budget of ${totalChars.toLocaleString('en')} characters was used up`);
      continue;
    }
    let text = original;
    if (original.length > allowed) {
      text = `${original.slice(0, allowed)}\n\n[… ${document.file} was cut here: ${original.length.toLocaleString('en')} characters, ${allowed.toLocaleString('en')} given]`;
      const why = allowed < ruleBudget.fileChars ? `the rules budget of ${totalChars.toLocaleString('en')} characters ran out` : `one rules file may use ${ruleBudget.fileChars.toLocaleString('en')}`;
      warnings.push(`${document.file} was cut from ${original.length.toLocaleString('en')} to ${allowed.toLocaleString('en')} characters: ${why}`);
    }
    const chars = Math.min(original.length, allowed);
    left -= chars;
    rules.push({
      document,
      text,
      given: { file: document.file, scope: document.scope, activation: document.activation, chars, originalChars: original.length, importedBy: document.importedBy },
    });
  }
  return { rules, warnings };
}
