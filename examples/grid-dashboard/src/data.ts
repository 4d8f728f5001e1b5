export interface Order {
  id: number;
  customer: string;
  region: string;
  status: string;
  total: number;
}

const REGIONS = ['North', 'South', 'East', 'West'];
const STATUSES = ['open', 'paid', 'shipped', 'returned'];

/** Deterministic orders (no randomness: the e2e asserts on them). */
export function generateOrders(count: number): Order[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    customer: `customer ${String((i * 7919) % 5000).padStart(4, '0')}`,
    region: REGIONS[(i * 31) % REGIONS.length]!,
    status: STATUSES[(i * 17) % STATUSES.length]!,
    total: ((i * 104_729) % 100_003) / 100,
  }));
}
