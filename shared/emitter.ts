/**
 * Listeners of one kind of news (a state change, a log line, a snapshot). `on` returns the way to stop listening.
 * A listener that throws never stops the others nor the code that told them: the news still reaches everyone, and
 * the failure goes to `onListenerError` when the owner gave one.
 */
export class Emitter<T = void> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private readonly onListenerError?: (error: unknown) => void) {}

  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError?.(error);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }

  clear(): void {
    this.listeners.clear();
  }
}
