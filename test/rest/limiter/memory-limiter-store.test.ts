import { MemoryLimiterStore } from '../../../src/rest';
import { limiterStoreContract } from './limiter-store-contract';

limiterStoreContract('MemoryLimiterStore', async () => new MemoryLimiterStore(), (store) => store.close());
