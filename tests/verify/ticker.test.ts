/**
 * The ticker shares a lane's round trips among its tracks (cases, stateful sequences, refused
 * requests): what goes together depends only on what each track has waiting, never on timing, and
 * each step's company rule holds.
 */
import { MAX_CHANGING, Ticker, type TickStep } from '../../src/verify/ticker';

/** A ticker whose round trips are recorded, each answered once the test lets it go. */
function recording(tracks: number) {
  const trips: string[][] = [];
  const pending: (() => void)[] = [];
  const ticker = new Ticker<string, string>(
    (items) =>
      new Promise((resolve) => {
        trips.push(items);
        pending.push(() => resolve(items.map((i) => `answer ${i}`)));
      }),
    tracks,
  );
  /** Lets the round trip in flight go, and waits for what the tracks do next. */
  const answer = async () => {
    pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { ticker, trips, answer };
}

const step = (company: TickStep<string>['company'], ...items: string[]): TickStep<string> => ({ items, company });

test('a round trip waits until every running track has a step waiting, then sends them together, the first track first', async () => {
  const { ticker, trips, answer } = recording(2);
  const second = ticker.step(1, step('shared', 'b1'));
  await new Promise((resolve) => setImmediate(resolve));
  expect(trips).toEqual([]);
  const first = ticker.step(0, step('shared', 'a1'));
  expect(trips).toEqual([['a1', 'b1']]);
  await answer();
  await expect(first).resolves.toEqual(['answer a1']);
  await expect(second).resolves.toEqual(['answer b1']);
});

test('a track that leaves is no longer waited for', async () => {
  const { ticker, trips } = recording(2);
  void ticker.step(0, step('shared', 'a1'));
  expect(trips).toEqual([]);
  ticker.leave();
  expect(trips).toEqual([['a1']]);
});

test('a solo step goes alone; the others wait for the next round trip', async () => {
  const { ticker, trips, answer } = recording(3);
  void ticker.step(2, step('quiet', 'q1'));
  void ticker.step(1, step('shared', 's1'));
  const repeat = ticker.step(0, step('solo', 'r1'));
  expect(trips).toEqual([['r1']]);
  await answer();
  await repeat;
  void ticker.step(0, step('shared', 'a2'));
  expect(trips[1]).toEqual(['a2', 's1', 'q1']);
});

test('an exclusive step goes with quiet steps only', async () => {
  const { ticker, trips } = recording(3);
  void ticker.step(1, step('shared', 's1'));
  void ticker.step(2, step('quiet', 'q1', 'q2'));
  void ticker.step(0, step('exclusive', 'w1'));
  expect(trips).toEqual([['w1', 'q1', 'q2']]);
});

test(`shared steps go together while at most ${MAX_CHANGING} of their requests may change the resource`, async () => {
  const { ticker, trips, answer } = recording(3);
  void ticker.step(0, step('shared', 'a1', 'a2', 'a3'));
  const held = ticker.step(1, step('shared', 's1', 's2'));
  void ticker.step(2, step('quiet', 'q1'));
  expect(trips).toEqual([['a1', 'a2', 'a3', 'q1']]);
  await answer();
  void ticker.step(0, step('shared', 'a4'));
  void ticker.step(2, step('quiet', 'q2'));
  expect(trips[1]).toEqual(['a4', 's1', 's2', 'q2']);
  await answer();
  await expect(held).resolves.toEqual(['answer s1', 'answer s2']);
});

test('the same steps make the same round trips whatever order the tracks hand them in', async () => {
  const composed = async (order: number[]) => {
    const { ticker, trips } = recording(3);
    const steps = [step('shared', 'a'), step('shared', 'b'), step('quiet', 'c')];
    for (const track of order) void ticker.step(track, steps[track] as TickStep<string>);
    return trips;
  };
  const expected = [['a', 'b', 'c']];
  for (const order of [
    [0, 1, 2],
    [2, 1, 0],
    [1, 2, 0],
  ])
    expect(await composed(order)).toEqual(expected);
});

test('alone() gives the lane to one caller at a time, once every track has left and the last round trip is over', async () => {
  const { ticker, trips, answer } = recording(2);
  const events: string[] = [];
  void ticker.step(0, step('shared', 'a1'));
  void ticker.step(1, step('quiet', 'q1'));
  ticker.leave();
  ticker.leave();
  const first = ticker.alone().then((release) => {
    events.push('first');
    return release;
  });
  const second = ticker.alone().then((release) => {
    events.push('second');
    release();
  });
  await new Promise((resolve) => setImmediate(resolve));
  expect(events).toEqual([]);
  expect(trips).toEqual([['a1', 'q1']]);
  await answer();
  const release = await first;
  await new Promise((resolve) => setImmediate(resolve));
  expect(events).toEqual(['first']);
  release();
  await second;
  expect(events).toEqual(['first', 'second']);
});
