/**
 * docs/conformance/moto.md is what moto answers today: the page is regenerated from a fresh run
 * against the moto server of this machine and compared whole (it holds no timing, port, request id
 * or answer body, and the run is seeded and sequential, so a rerun writes the same page). Skipped,
 * with the reason in the test's name, where moto is not installed or is another version than the
 * page's: the page states the version it was made with.
 */
import { readFileSync } from 'node:fs';
import { motoVersion } from '../support/moto';
import { MOTO_PAGE, motoPage, runAgainstMoto } from '../support/moto-page';

const committed = readFileSync(MOTO_PAGE, 'utf8');
const pageVersion = /moto \*\*([^*]+)\*\*/.exec(committed)?.[1];
const moto = motoVersion();
const skipReason =
  'missing' in moto
    ? moto.missing
    : moto.version !== pageVersion
      ? `the page is moto ${pageVersion}'s, this machine has moto ${moto.version}`
      : undefined;

(skipReason ? test.skip : test)(
  `docs/conformance/moto.md is what moto ${pageVersion} answers today${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  async () => {
    const { result, url } = await runAgainstMoto();
    const fresh = motoPage(result, url, 'version' in moto ? moto.version : '');
    if (fresh !== committed) {
      const line = fresh.split('\n').findIndex((text, i) => text !== committed.split('\n')[i]);
      throw new Error(
        `docs/conformance/moto.md is stale from line ${line + 1}: run \`npm run generate:moto\` and commit the result.\n` +
          `committed: ${committed.split('\n')[line]}\nfresh:     ${fresh.split('\n')[line]}`,
      );
    }
  },
  120_000,
);

test('the page answers the question for every operation', () => {
  for (const op of ['UpdateCustomPermissions', 'UpdateThemePermissions', 'UpdateUser'])
    expect(committed).toMatch(new RegExp(`^\\| ${op} \\| \\*\\*(Yes|Partly|No: not implemented|Not checked)`, 'm'));
});
