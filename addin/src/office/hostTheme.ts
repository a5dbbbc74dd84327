// Tells whether the Outlook host shows a dark theme, so the task pane can match it.

/** Relative luminance of a #rrggbb colour, 0 (black) to 1 (white). */
function luminance(hex: string): number | null {
  const match = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!match) return null;
  const [r, g, b] = match.slice(1).map((part) => parseInt(part, 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** True when Office reports a dark body background; falls back to the browser's colour scheme. */
export function hostPrefersDark(): boolean {
  const background = Office.context?.officeTheme?.bodyBackgroundColor;
  const level = background ? luminance(background) : null;
  if (level !== null) return level < 0.5;
  return typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
}
