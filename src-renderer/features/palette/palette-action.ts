interface PaletteActionBase {
  id: string;
  title: string;
  /** Shown beside the title: "Task", "Review", "Settings", … */
  group: string;
  /** Searched too, not shown: another word for it ("preferences"). */
  keywords?: string;
  /** As the user's keyboard says it ("Ctrl+N"). */
  shortcut?: string;
  /** Why it cannot run now (then it is listed, dimmed, and Enter says so). */
  disabledReason?: string;
}

/**
 * One thing the palette can do: a title to search, where it belongs, its shortcut, and the
 * doing. `run` happens after the palette closes (it may open a dialog); `ask` talks to the
 * host, keeps the palette open until answered and resolves to the host's refusal (shown
 * there) or null (then it closes).
 */
export type PaletteAction = PaletteActionBase & ({ run(): void; ask?: never } | { ask(): Promise<string | null>; run?: never });
