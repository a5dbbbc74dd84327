// Loads data for a view: loading, ready or failed, and a retry. A new `key` loads again (another message,
// another mailbox); an answer that arrives after the key changed is dropped.
import { useCallback, useEffect, useState } from "react";

export type AsyncState<T> =
  { status: "loading" } | { status: "ready"; value: T } | { status: "failed"; error: unknown };

type Settled<T> = Exclude<AsyncState<T>, { status: "loading" }>;

export function useAsync<T>(load: () => Promise<T>, key: string): AsyncState<T> & { retry(): void } {
  const [attempt, setAttempt] = useState(0);
  // Each answer is kept with the request it answers, so a stale one is never shown as current.
  const request = `${attempt}\u0000${key}`;
  const [settled, setSettled] = useState<{ request: string; state: Settled<T> } | null>(null);
  useEffect(() => {
    let current = true;
    load().then(
      (value) => current && setSettled({ request, state: { status: "ready", value } }),
      (error: unknown) => current && setSettled({ request, state: { status: "failed", error } })
    );
    return () => {
      current = false;
    };
    // `load` is a new function on every render; `request` alone says when to load again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const state: AsyncState<T> = settled?.request === request ? settled.state : { status: "loading" };
  return { ...state, retry };
}
