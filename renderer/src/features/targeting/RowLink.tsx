// The name in a table row that opens the row (the row opens on a click too; the button is for the keyboard).
import type { ReactNode } from 'react';

export function RowLink({ onOpen, children }: { onOpen(): void; children: ReactNode }) {
  return (
    <button
      type="button"
      className="pc-record-link"
      onClick={(e) => {
        e.stopPropagation();
        onOpen();
      }}
    >
      {children}
    </button>
  );
}
