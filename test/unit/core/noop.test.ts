import { describe, expect, it } from 'vitest';
import { register } from '../../../src/index.js';

describe('the no-op handle (enabled: false)', () => {
  it('writes the same empty report as a live handle that has seen nothing (one report module)', async () => {
    const live = register({ serviceName: 'same', endpoint: false });
    const noop = register({ serviceName: 'same', enabled: false });
    expect(noop.report('csv')).toBe(live.report('csv'));
    const strip = (json: string) => ({ ...JSON.parse(json), generatedAt: undefined });
    expect(strip(noop.report('json'))).toEqual(strip(live.report('json')));
    expect(strip(noop.report('xml' as never))).toEqual(strip(live.report('json')));
    await live.shutdown();
  });
});
