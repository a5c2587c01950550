/**
 * Keeps the start and the end of a stream that may be far too long to hand to a model: the
 * head shows how a command began, the tail how it ended (errors usually come last). Memory
 * stays bounded however much arrives.
 */
export class HeadTailBuffer {
  private head = '';
  private tailChunks: string[] = [];
  private tailLength = 0;
  private total = 0;

  constructor(
    private readonly headLimit: number,
    private readonly tailLimit: number,
  ) {}

  push(chunk: string): void {
    this.total += chunk.length;
    if (this.head.length < this.headLimit) {
      const room = this.headLimit - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (chunk === '') return;
    this.tailChunks.push(chunk);
    this.tailLength += chunk.length;
    // Trim lazily (at twice the limit) so a stream of tiny chunks is not quadratic.
    if (this.tailLength > this.tailLimit * 2) this.compactTail();
  }

  /** What was kept: the start, the end, and how many characters were dropped between them. */
  snapshot(): { head: string; tail: string; omitted: number } {
    this.compactTail();
    return { head: this.head, tail: this.tailChunks.join(''), omitted: this.total - this.head.length - this.tailLength };
  }

  private compactTail(): void {
    if (this.tailLength <= this.tailLimit) return;
    const joined = this.tailChunks.join('');
    const kept = joined.slice(joined.length - this.tailLimit);
    this.tailChunks = [kept];
    this.tailLength = kept.length;
  }
}

/** Cuts text to `limit` characters at a line boundary when there is one nearby. */
export function truncateText(text: string, limit: number): { text: string; truncated: boolean } {
  if (text.length <= limit) return { text, truncated: false };
  const cut = text.lastIndexOf('\n', limit);
  return { text: text.slice(0, cut > limit / 2 ? cut : limit), truncated: true };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
