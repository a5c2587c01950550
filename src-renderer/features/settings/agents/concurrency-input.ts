export const minConcurrency = 1;
export const maxConcurrency = 64;

/** "Agents running at once" as typed: a whole number the host accepts (1–64). */
export function concurrencyFromInput(text: string): { ok: true; concurrency: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < minConcurrency || value > maxConcurrency) {
    return { ok: false, message: `Enter a whole number from ${minConcurrency} to ${maxConcurrency}.` };
  }
  return { ok: true, concurrency: value };
}
