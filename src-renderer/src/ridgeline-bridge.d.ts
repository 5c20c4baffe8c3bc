// The generic bridge the Electron preload exposes through contextBridge; absent in a browser.
export {};

declare global {
  interface RidgelineBridge {
    invoke(
      name: string,
      input: unknown,
    ): Promise<
      | { ok: true; value: unknown }
      | { ok: false; error: { code: string; message: string; details: Record<string, unknown> } }
    >;
    on(listener: (message: { event: string; data: unknown }) => void): () => void;
  }

  interface Window {
    ridgeline?: RidgelineBridge;
  }
}
