import { styleText } from 'node:util';

export type Style = (format: Parameters<typeof styleText>[0], text: string) => string;

/** Colours only on a TTY, never with NO_COLOR or --no-color (https://no-color.org). */
export function makeStyle(stream: NodeJS.WriteStream, enabled = true): Style {
  const on = enabled && stream.isTTY === true && !process.env.NO_COLOR;
  return on ? (format, text) => styleText(format, text) : (_format, text) => text;
}
