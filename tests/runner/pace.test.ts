/**
 * The pacer behind `--rate`: starts evenly spaced at the rate, in the order they were asked for,
 * whatever the concurrency; on a clock of its own, so that the schedule is asserted, not timed.
 */
import { createPacer } from '../../src/runner';

test.each([
  [20, 50],
  [4, 250],
  [0.5, 2000],
])('at %d requests per second, ten requests asked for at once start %d ms apart, in order', async (rate, gap) => {
  const t = 1000;
  const delays: number[] = [];
  const pacer = createPacer({ rate, now: () => t, sleep: async (ms) => void delays.push(ms) });
  const order: number[] = [];
  await Promise.all(Array.from({ length: 10 }, (_, i) => pacer.wait().then(() => order.push(i))));
  // The first starts at once; each other waits its turn from the same instant.
  expect(delays).toEqual(Array.from({ length: 9 }, (_, i) => (i + 1) * gap));
  expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('a request asked for after a pause starts at once: the rate is a spacing, not a quota to catch up on', async () => {
  let t = 0;
  const delays: number[] = [];
  const pacer = createPacer({ rate: 10, now: () => t, sleep: async (ms) => void delays.push(ms) });
  await pacer.wait();
  t = 5000;
  await pacer.wait();
  await pacer.wait();
  expect(delays).toEqual([100]);
});
