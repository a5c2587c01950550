import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../src-shared/canonical-json';
import type { Plan } from '../../../src-shared/contract';
import { renderPlanMarkdown } from './plan-markdown';

export interface PlanContent {
  markdown: string;
  /** sha256 (hex) of the plan's canonical JSON: equal plans, equal hashes, whatever the key order. */
  contentHash: string;
}

/** What is stored with every version besides the plan itself. */
export function planContent(plan: Plan): PlanContent {
  return { markdown: renderPlanMarkdown(plan), contentHash: createHash('sha256').update(canonicalJson(plan)).digest('hex') };
}
