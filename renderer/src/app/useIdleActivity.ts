// Tells the core the user is active (at most twice a minute), which pushes auto-lock back.
import { useEffect } from 'react';
import { api } from '../api.ts';

const REPORT_EVERY_MS = 30_000;

export function useIdleActivity(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let last = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - last < REPORT_EVERY_MS) return;
      last = now;
      void api.call('session.activity').catch(() => undefined);
    };
    const events = ['keydown', 'pointerdown', 'wheel', 'pointermove'] as const;
    events.forEach((e) => window.addEventListener(e, onActivity, { passive: true }));
    return () => events.forEach((e) => window.removeEventListener(e, onActivity));
  }, [enabled]);
}
