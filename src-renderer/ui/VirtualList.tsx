import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { rowAt, rowOffsets, visibleRows } from './virtual-layout';
import './virtual-list.css';

export interface VirtualListHandle {
  /** Scrolls to the newest row and follows new rows again. */
  scrollToBottom(): void;
  /** Scrolls a row (by key) into the middle of the view unless it is already fully visible. */
  revealKey(key: string): boolean;
}

interface VirtualListProps<T> {
  items: readonly T[];
  itemKey(item: T): string;
  /** A guess used until the row has been measured. */
  estimateHeight(item: T): number;
  renderItem(item: T): ReactNode;
  /** Scroll-container attributes: the list is the scrolling element. */
  role?: string;
  ariaLabel: string;
  ariaLive?: 'off' | 'polite';
  ariaBusy?: boolean;
  className?: string;
  /** The user scrolled (or the content is) near the top: time to load older rows. */
  onNearTop?(): void;
  onAtBottomChange?(atBottom: boolean): void;
  /** Start at the bottom and follow new rows there (a log); false for lists read from the top. */
  followBottom?: boolean;
  /** Shown inside the scrolling element when there are no rows. */
  empty?: ReactNode;
  ref?: Ref<VirtualListHandle>;
}

/** Rows rendered beyond the viewport on each side, in pixels. */
const overscanPx = 800;
/** Within this distance of the end the list counts as "at the bottom" and follows new rows. */
const bottomSlackPx = 32;
const nearTopPx = 600;
/** Assumed viewport height before it has been measured. */
const firstPassHeightPx = 1000;

interface Anchor {
  key: string;
  index: number;
  /** Scroll position minus the row's start. */
  delta: number;
}

/**
 * A windowed list: only the rows near the viewport are in the DOM. Row heights are measured
 * (after each commit and by a ResizeObserver) and remembered by key. It sticks to the bottom
 * while new rows stream in unless the user scrolled away; otherwise the row at the top of the
 * viewport stays put when rows above it change or older rows are added in front.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, itemKey, estimateHeight, renderItem, onNearTop, onAtBottomChange, ref } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const rowElements = useRef(new Map<string, HTMLElement>());
  const [measured, setMeasured] = useState(0);
  const [viewport, setViewport] = useState({ top: 0, height: 0 });
  const followBottom = props.followBottom ?? true;
  const stick = useRef(followBottom);
  const atBottom = useRef(true);
  const anchor = useRef<Anchor | null>(null);

  const keys = useMemo(() => items.map(itemKey), [items, itemKey]);
  const offsets = useMemo(
    () => rowOffsets(items.length, (i) => heights.current.get(keys[i]!) ?? estimateHeight(items[i]!)),
    // `measured` is listed because it changes whenever a remembered height does.
    [items, keys, estimateHeight, measured],
  );
  const total = offsets[items.length] ?? 0;
  // Before the first measurement of the viewport, a list that follows the bottom starts there.
  const firstPass = viewport.height === 0;
  const { start, end } = visibleRows(
    offsets,
    firstPass && stick.current ? Math.max(0, total - firstPassHeightPx) : viewport.top,
    firstPass ? firstPassHeightPx : viewport.height,
    overscanPx,
  );

  const reportBottom = useCallback(
    (value: boolean) => {
      if (atBottom.current === value) return;
      atBottom.current = value;
      onAtBottomChange?.(value);
    },
    [onAtBottomChange],
  );

  const captureAnchor = useCallback(
    (scrollTop: number) => {
      if (keys.length === 0) {
        anchor.current = null;
        return;
      }
      const index = rowAt(offsets, scrollTop);
      anchor.current = { key: keys[index]!, index, delta: scrollTop - offsets[index]! };
    },
    [keys, offsets],
  );

  const observer = useMemo(
    () =>
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            let changed = false;
            for (const entry of entries) {
              const key = (entry.target as HTMLElement).dataset.rowKey;
              const height = entry.borderBoxSize[0]?.blockSize ?? entry.contentRect.height;
              if (key === undefined || height === 0 || heights.current.get(key) === height) continue;
              heights.current.set(key, height);
              changed = true;
            }
            if (changed) setMeasured((n) => n + 1);
          }),
    [],
  );
  useEffect(() => () => observer?.disconnect(), [observer]);

  const track = useCallback(
    (key: string, element: HTMLElement) => {
      rowElements.current.set(key, element);
      observer?.observe(element);
      return () => {
        observer?.unobserve(element);
        if (rowElements.current.get(key) === element) rowElements.current.delete(key);
      };
    },
    [observer],
  );

  // After every commit: remember real heights, then keep the bottom or the anchor row in place.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    let changed = false;
    for (let i = start; i < end; i += 1) {
      const key = keys[i]!;
      const row = rowElements.current.get(key);
      if (!row) continue;
      const height = row.getBoundingClientRect().height;
      if (height > 0 && heights.current.get(key) !== height) {
        heights.current.set(key, height);
        changed = true;
      }
    }
    if (changed) {
      setMeasured((n) => n + 1);
      return;
    }
    if (stick.current) {
      element.scrollTop = element.scrollHeight;
    } else if (anchor.current) {
      const { key, delta } = anchor.current;
      const index = keys[anchor.current.index] === key ? anchor.current.index : keys.indexOf(key);
      if (index >= 0) {
        const target = offsets[index]! + delta;
        if (Math.abs(element.scrollTop - target) > 1) element.scrollTop = target;
      }
    }
    captureAnchor(element.scrollTop);
    if (element.scrollTop !== viewport.top || element.clientHeight !== viewport.height) {
      setViewport({ top: element.scrollTop, height: element.clientHeight });
    }
    if (element.scrollTop < nearTopPx) onNearTop?.();
  });

  // The viewport itself changes size (window resize, a growing composer).
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const resize = new ResizeObserver(() => {
      if (stick.current) element.scrollTop = element.scrollHeight;
      setViewport({ top: element.scrollTop, height: element.clientHeight });
    });
    resize.observe(element);
    return () => resize.disconnect();
  }, []);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    const bottom = element.scrollHeight - element.scrollTop - element.clientHeight <= bottomSlackPx;
    stick.current = followBottom && bottom;
    reportBottom(bottom);
    captureAnchor(element.scrollTop);
    setViewport({ top: element.scrollTop, height: element.clientHeight });
  };

  useImperativeHandle(
    ref,
    () => ({
      scrollToBottom: () => {
        const element = scrollRef.current;
        stick.current = true;
        reportBottom(true);
        if (element) element.scrollTop = element.scrollHeight;
      },
      revealKey: (key) => {
        const element = scrollRef.current;
        const index = keys.indexOf(key);
        if (!element || index === -1) return false;
        const top = offsets[index]!;
        const bottom = offsets[index + 1] ?? top;
        if (top >= element.scrollTop && bottom <= element.scrollTop + element.clientHeight) return true;
        stick.current = false;
        element.scrollTop = Math.max(0, top - (element.clientHeight - (bottom - top)) / 2);
        captureAnchor(element.scrollTop);
        setViewport({ top: element.scrollTop, height: element.clientHeight });
        return true;
      },
    }),
    [reportBottom, keys, offsets, captureAnchor],
  );

  return (
    <div
      ref={scrollRef}
      className={['vlist', props.className].filter(Boolean).join(' ')}
      role={props.role}
      aria-label={props.ariaLabel}
      aria-live={props.ariaLive}
      aria-busy={props.ariaBusy}
      // A keyboard user scrolls the conversation with the arrow keys once it has focus.
      tabIndex={0}
      onScroll={onScroll}
    >
      {items.length === 0 && props.empty}
      <div className="vlist__spacer" style={{ height: offsets[start] ?? 0 }} />
      {items.slice(start, end).map((item, i) => {
        const key = keys[start + i]!;
        return (
          <VirtualRow key={key} rowKey={key} track={track}>
            {renderItem(item)}
          </VirtualRow>
        );
      })}
      <div className="vlist__spacer" style={{ height: Math.max(0, total - (offsets[end] ?? total)) }} />
    </div>
  );
}

interface VirtualRowProps {
  rowKey: string;
  track(key: string, element: HTMLElement): () => void;
  children: ReactNode;
}

/** One row's box, measured by the list; attached once per mount, not on every render. */
function VirtualRow({ rowKey, track, children }: VirtualRowProps) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => (ref.current ? track(rowKey, ref.current) : undefined), [rowKey, track]);
  return (
    <div ref={ref} data-row-key={rowKey} className="vlist__row">
      {children}
    </div>
  );
}
