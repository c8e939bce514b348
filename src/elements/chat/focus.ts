/**
 * Where `<parley-chat>` puts the focus when its panel opens or closes, or its narrow layout
 * changes screen: never left on the launcher behind the panel, never dropped to the page's body.
 * Escape closes the launcher's panel.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where the focus goes. */
export type FocusTarget = 'panel' | 'launcher' | 'composer' | 'list';

/** An element that renders asynchronously (a Lit element). */
type Rendering = HTMLElement & { updateComplete?: Promise<boolean> };

/** Where the chat's parts are: its shadow root, and the page's own parts when it placed them. */
export interface FocusPlaces {
  root: ParentNode;
  /** Where the page's own parts are (the host), or undefined when the chat lays them out itself. */
  ownParts?: ParentNode;
  /** Whether the conversation list is the screen shown (the narrow layout). */
  listScreen: boolean;
}

async function rendered(el: Rendering): Promise<void> {
  await el.updateComplete;
}

/**
 * Focus `target`: the launcher; the conversation list; or, for the panel and the composer, the
 * pre-chat form's first field while it asks, else the composer's input, falling back to the
 * panel's first control when there is nothing to write in yet (no conversation, not connected).
 */
export async function moveFocus(target: FocusTarget, places: FocusPlaces): Promise<void> {
  const { root, ownParts, listScreen } = places;
  if (target === 'launcher') {
    root.querySelector<HTMLElement>('[part="launcher"]')?.focus();
    return;
  }
  const list = root.querySelector<Rendering>('parley-conversation-list');
  if (list && (target === 'list' || (target === 'panel' && listScreen))) {
    await rendered(list);
    list.focus();
    return;
  }
  const form = root.querySelector<Rendering>('parley-pre-chat-form');
  if (form) {
    await rendered(form);
    form.focus();
    return;
  }
  const composer = (ownParts ?? root).querySelector<Rendering>('parley-composer');
  if (composer) {
    await rendered(composer);
    composer.focus();
    if (composer.matches(':focus-within')) return;
  }
  root.querySelector<HTMLElement>('.panel button:not([disabled])')?.focus();
}

/** What the controller reads of its host. */
export interface PanelHost extends ReactiveControllerHost, HTMLElement {
  mode: 'inline' | 'launcher';
  open: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** Moves the focus into the launcher's panel on open, back to the launcher on close, and between screens. */
export class PanelFocusController implements ReactiveController {
  private pending?: FocusTarget;
  /** Whether the panel was open at the last render; undefined before the first (which must not steal the page's focus). */
  private wasOpen?: boolean;

  constructor(private readonly host: PanelHost, private readonly places: () => FocusPlaces) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.handleKeydown);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.handleKeydown);
  }

  /** Focus `target` once the next render is done. */
  request(target: FocusTarget): void {
    this.pending = target;
    this.host.requestUpdate();
  }

  /** Close the launcher's panel; the focus goes back to the launcher. */
  close(): void {
    this.pending = 'launcher';
    this.host.open = false;
  }

  hostUpdate(): void {
    // Before the render that adds or removes the panel: an open moves the focus in; a close by
    // the page while the focus was inside sends it to the launcher instead of the page's body.
    const { mode, open } = this.host;
    if (mode === 'launcher' && this.wasOpen !== undefined && open !== this.wasOpen) {
      if (open) this.pending = 'panel';
      else if (this.pending !== 'launcher' && this.focusInPanel()) this.pending = 'launcher';
    }
    this.wasOpen = open;
  }

  hostUpdated(): void {
    const target = this.pending;
    this.pending = undefined;
    if (target) void this.focusOnceRendered(target);
  }

  /** Escape closes the launcher's panel, unless something inside used it (a menu, an IME). */
  private readonly handleKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || e.defaultPrevented || e.isComposing || this.host.mode !== 'launcher' || !this.host.open) return;
    e.preventDefault();
    this.close();
  };

  /** Whether the focus is in the panel: in its shadow tree, or in a part the page placed in it. */
  private focusInPanel(): boolean {
    const root = this.host.renderRoot;
    const active = root instanceof ShadowRoot ? root.activeElement : document.activeElement;
    const inShadow = root.querySelector('.panel')?.contains(active) ?? false;
    return inShadow || (this.places().ownParts !== undefined && this.host.contains(document.activeElement));
  }

  /** Move the focus once every render this one set off (the narrow layout, new parts) is done. */
  private async focusOnceRendered(target: FocusTarget): Promise<void> {
    while (!(await (this.host as unknown as { updateComplete: Promise<boolean> }).updateComplete));
    await moveFocus(target, this.places());
  }
}
