/** One JSON Pointer reference token, unescaped (RFC 6901: `~1` is `/`, `~0` is `~`, in that order). */
export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}
